import type { StreamOperator } from './operator';
import { TimestampsAndWatermarksOperator, type TimestampsConfig } from './timestamps-and-watermarks-operator';
import { KeyedProcessOperator, KeyedCoProcessOperator } from './keyed-process-operator';
import { CoProcessOperator } from './co-process-operator';
import { BroadcastProcessOperator, KeyedBroadcastProcessOperator } from './broadcast-process-operator';
import { IntervalJoinOperator } from './interval-join-operator';
import { WindowOperator } from './window/window-operator';
import type { WatermarkStrategy } from '../../api/watermark-strategy';
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

/**
 * Operators of event time, keyed processing, windows, joins and broadcast state, by kind;
 * undefined for other kinds. `config` is the operator's parsed configJson, `fn` the user's
 * function or object bound from the rebuilt job.
 */
export function createTimeOperator(kind: string, name: string, config: Record<string, unknown>, fn: unknown): StreamOperator | undefined {
  const keyIds = (config.keySelectorIds ?? []) as Array<number | null>;
  switch (kind) {
    case 'timestamps':
      return new TimestampsAndWatermarksOperator(name, config as unknown as TimestampsConfig, fn as WatermarkStrategy<unknown>);
    case 'keyed.process':
      return new KeyedProcessOperator(name, fn as KeyedProcessFunction<unknown, unknown, unknown>, keyIds[0]!);
    case 'co.process':
      return new CoProcessOperator(name, fn as CoProcessFunction<unknown, unknown, unknown>);
    case 'co.process.keyed':
      return new KeyedCoProcessOperator(name, fn as KeyedCoProcessFunction<unknown, unknown, unknown, unknown>, keyIds);
    case 'co.broadcast':
      return new BroadcastProcessOperator(name, fn as BroadcastProcessFunction<unknown, unknown, unknown>, config.descriptors as string[]);
    case 'co.broadcast.keyed':
      return new KeyedBroadcastProcessOperator(name, fn as KeyedBroadcastProcessFunction<unknown, unknown, unknown, unknown>, keyIds, config.descriptors as string[]);
    case 'window':
      return new WindowOperator(name, config as unknown as WindowOperatorConfig, fn as WindowFunctions);
    case 'join.window':
      return new WindowOperator(name, config as unknown as WindowOperatorConfig, {}, fn as JoinFunction<unknown, unknown, unknown>);
    case 'join.interval':
      return new IntervalJoinOperator(name, config as unknown as IntervalJoinConfig, fn as ProcessJoinFunction<unknown, unknown, unknown>);
    default:
      return undefined;
  }
}
