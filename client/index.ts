/**
 * The `sluice` module: what job files import. TaskManagers provide this same module to
 * job artifacts at run time.
 */
export { StreamExecutionEnvironment } from './api/environment';
export type { CheckpointConfig, CheckpointingMode, DatagenOptions, RestartStrategyConfig } from './api/environment';
export { DataStream } from './api/data-stream';
export { KeyedStream } from './api/keyed-stream';
export { ParameterTool } from './api/parameter-tool';
export { FileSink } from './api/sinks/file-sink';
export type { Sink, SinkWriter, SinkContext } from './api/sinks/sink';
export type * from './api/functions';
// Event time, windows, keyed state, side outputs, two-input streams (docs/event-time.md)
export { WatermarkStrategy } from './api/watermark-strategy';
export type { WatermarkGenerator, WatermarkOutput, TimestampAssigner } from './api/watermark-strategy';
export { OutputTag } from './api/output-tag';
export { TumblingEventTimeWindows, TumblingProcessingTimeWindows } from './api/windowing/tumbling-windows';
export { SlidingEventTimeWindows, SlidingProcessingTimeWindows } from './api/windowing/sliding-windows';
export { EventTimeSessionWindows, ProcessingTimeSessionWindows } from './api/windowing/session-windows';
export { GlobalWindows } from './api/windowing/global-windows';
export { WindowAssigner } from './api/windowing/window-assigner';
export { TimeWindow } from './api/windowing/time-window';
export { Trigger, EventTimeTrigger, ProcessingTimeTrigger, CountTrigger, PurgingTrigger, NeverTrigger, CountEvictor } from './api/windowing/triggers';
export { WindowedStream } from './api/windowed-stream';
export { ConnectedStreams } from './api/connected-streams';
export { BroadcastStream, BroadcastConnectedStream } from './api/broadcast-stream';
export { JoinedStreams } from './api/joined-streams';
export { IntervalJoin } from './api/interval-join';
export {
  StateTtlConfig,
  StateDescriptor,
  ValueStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  AggregatingStateDescriptor,
} from './api/state-descriptors';
export type { TtlUpdateType, TtlStateVisibility } from './api/state-descriptors';
export type * from './api/state';
export type * from './api/process-functions';
export { SluiceError } from '../common/errors';
