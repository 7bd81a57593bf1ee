import { InvalidArgumentError } from '../common/errors';

/**
 * Names a side output (Flink's OutputTag): records emitted with `ctx.output(tag, value)` or
 * late window data with `sideOutputLateData(tag)`, read with `stream.getSideOutput(tag)`.
 * Tags are equal when their ids are.
 */
export class OutputTag<T> {
  /** Phantom field so that tags of different element types stay distinct types. */
  declare readonly __type?: T;

  constructor(readonly id: string) {
    if (typeof id !== 'string' || id.length === 0) throw new InvalidArgumentError('new OutputTag(id): id must be a non-empty string');
  }
}

export function checkOutputTag(tag: unknown, where: string): OutputTag<unknown> {
  if (!(tag instanceof OutputTag)) throw new InvalidArgumentError(`${where}: expected an OutputTag (new OutputTag('name'))`);
  return tag;
}
