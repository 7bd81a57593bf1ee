import type { StreamOperator } from './operator';
import { TimestampsAndWatermarksOperator, type TimestampsConfig } from './timestamps-and-watermarks-operator';
import { KeyedProcessOperator, KeyedCoProcessOperator } from './keyed-process-operator';
import { CoProcessOperator } from './co-process-operator';
import { BroadcastProcessOperator, KeyedBroadcastProcessOperator } from './broadcast-process-operator';
import { IntervalJoinOperator } from './interval-join-operator';
import { WindowOperator } from './window/window-operator';
import type { WatermarkStrategy } from '../../api/watermark-strategy';
import { type OperatorConfigOf, type OperatorConfigSource, parseOperatorConfig } from '../../common/operator-config';
import type { WindowFunctions, WindowOperatorConfig } from '../../api/windowed-stream';
import type { IntervalJoinConfig } from '../../api/interval-join';
import type {
  BroadcastProcessFunction,
  CoProcessFunction,
  JoinFunction,
  KeyedBroadcastProcessFunction,
  KeyedCoProcessFunction,
  KeyedProcessFunction,
  ProcessJoinFunction,
} from '../../api/process-functions';

/** True when A and B are the same type (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/**
 * Compile-time: the api's plain-data configs (what the graph builder writes) and the wire
 * schemas the TaskManager parses them with (common/operator-config.ts) describe one shape.
 */
export type ConfigShapesAgree = Assert<
  Same<OperatorConfigOf<'window'>, WindowOperatorConfig> extends true
    ? Same<OperatorConfigOf<'join.interval'>, IntervalJoinConfig> extends true
      ? Same<OperatorConfigOf<'timestamps'>, TimestampsConfig>
      : false
    : false
>;

/**
 * Operators of event time, keyed processing, windows, joins and broadcast state, by kind;
 * undefined for other kinds. Each reads its config through the kind's schema; `fn` is the
 * user's function or object bound from the rebuilt job.
 */
export function createTimeOperator(op: OperatorConfigSource, fn: unknown): StreamOperator | undefined {
  const name = op.name;
  switch (op.kind) {
    case 'timestamps':
      return new TimestampsAndWatermarksOperator(name, parseOperatorConfig(op, 'timestamps'), fn as WatermarkStrategy<unknown>);
    case 'keyed.process':
      return new KeyedProcessOperator(name, fn as KeyedProcessFunction<unknown, unknown, unknown>, parseOperatorConfig(op, 'keyed.process').keySelectorIds[0]);
    case 'co.process':
      return new CoProcessOperator(name, fn as CoProcessFunction<unknown, unknown, unknown>);
    case 'co.process.keyed':
      return new KeyedCoProcessOperator(name, fn as KeyedCoProcessFunction<unknown, unknown, unknown, unknown>, parseOperatorConfig(op, 'co.process.keyed').keySelectorIds);
    case 'co.broadcast':
      return new BroadcastProcessOperator(name, fn as BroadcastProcessFunction<unknown, unknown, unknown>, parseOperatorConfig(op, 'co.broadcast').descriptors);
    case 'co.broadcast.keyed': {
      const c = parseOperatorConfig(op, 'co.broadcast.keyed');
      return new KeyedBroadcastProcessOperator(name, fn as KeyedBroadcastProcessFunction<unknown, unknown, unknown, unknown>, c.keySelectorIds, c.descriptors);
    }
    case 'window':
      return new WindowOperator(name, parseOperatorConfig(op, 'window'), fn as WindowFunctions);
    case 'join.window':
      return new WindowOperator(name, parseOperatorConfig(op, 'join.window'), {}, fn as JoinFunction<unknown, unknown, unknown>);
    case 'join.interval':
      return new IntervalJoinOperator(name, parseOperatorConfig(op, 'join.interval'), fn as ProcessJoinFunction<unknown, unknown, unknown>);
    default:
      return undefined;
  }
}
