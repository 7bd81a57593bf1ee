import { DISCARDING_OUTPUT, type Output } from './operator';

/** Fans out to several outputs (several edges consuming the same stream). */
class FanOut implements Output {
  constructor(private readonly outputs: Output[]) {}
  collect(record: unknown): void {
    for (let i = 0; i < this.outputs.length; i++) this.outputs[i].collect(record);
  }
  emitWatermark(timestamp: number): void {
    for (let i = 0; i < this.outputs.length; i++) this.outputs[i].emitWatermark(timestamp);
  }
  emitWatermarkStatus(idle: boolean): void {
    for (let i = 0; i < this.outputs.length; i++) this.outputs[i].emitWatermarkStatus?.(idle);
  }
}

function fanOut(outputs: Output[]): Output {
  return outputs.length === 0 ? DISCARDING_OUTPUT : outputs.length === 1 ? outputs[0] : new FanOut(outputs);
}

/**
 * The end of a chain whose tail has side-output consumers (or whose watermarks are
 * observed): main records go to the main writers, `collectSide(tag, r)` to the writers of
 * that tag's edges, watermarks and idleness to all of them.
 */
class ChainTailOutput implements Output {
  constructor(
    private readonly main: Output,
    private readonly sides: Map<string, Output>,
    private readonly all: Output[],
    private readonly onWatermark: ((timestamp: number) => void) | undefined,
  ) {}

  collect(record: unknown): void {
    this.main.collect(record);
  }

  collectSide(tag: string, record: unknown): void {
    this.sides.get(tag)?.collect(record);
  }

  emitWatermark(timestamp: number): void {
    this.onWatermark?.(timestamp);
    for (let i = 0; i < this.all.length; i++) this.all[i].emitWatermark(timestamp);
  }

  emitWatermarkStatus(idle: boolean): void {
    for (let i = 0; i < this.all.length; i++) this.all[i].emitWatermarkStatus?.(idle);
  }
}

/**
 * The Output at the end of a chain, from its record writers and the side-output tag of each
 * one's edge ('' for the main output). Without side outputs and watermark observer this is
 * the writer itself (or a plain fan-out), so the common path pays no indirection.
 */
export function createChainTail(writers: readonly Output[], tags: readonly string[], onWatermark?: (timestamp: number) => void): Output {
  const main: Output[] = [];
  const sides = new Map<string, Output[]>();
  writers.forEach((w, i) => {
    const tag = tags[i] ?? '';
    if (tag === '') main.push(w);
    else {
      let list = sides.get(tag);
      if (!list) sides.set(tag, (list = []));
      list.push(w);
    }
  });
  if (sides.size === 0 && !onWatermark) return fanOut(main);
  const sideOutputs = new Map<string, Output>();
  for (const [tag, list] of sides) sideOutputs.set(tag, fanOut(list));
  return new ChainTailOutput(fanOut(main), sideOutputs, [...writers], onWatermark);
}
