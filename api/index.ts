/**
 * The `sluice` module: what job files import. TaskManagers provide this same module to
 * job artifacts at run time.
 */
export { StreamExecutionEnvironment } from './environment';
export type { CheckpointConfig, CheckpointingMode, DatagenOptions, RestartStrategyConfig } from './environment';
export { DataStream } from './data-stream';
export { KeyedStream } from './keyed-stream';
export { ParameterTool } from './parameter-tool';
export { FileSink } from './sinks/file/file-sink';
export type { RollingPolicy } from './sinks/file/file-sink';
export type { FileCommittable } from './sinks/file/file-committable';
// The Sink API (Sink V2, docs/connectors.md); SinkContext is the old name of SinkWriterContext
export type * from './connector/sink';
export type { SinkContext } from './sinks/sink';
export type * from './functions';
// The Source API (FLIP-27, docs/connectors.md)
export type * from './connector/source';
// Event time, windows, keyed state, side outputs, two-input streams (docs/event-time.md)
export { WatermarkStrategy } from './watermark-strategy';
export type { WatermarkGenerator, WatermarkOutput, TimestampAssigner } from './watermark-strategy';
export { OutputTag } from './output-tag';
export { TumblingEventTimeWindows, TumblingProcessingTimeWindows } from './windowing/tumbling-windows';
export { SlidingEventTimeWindows, SlidingProcessingTimeWindows } from './windowing/sliding-windows';
export { EventTimeSessionWindows, ProcessingTimeSessionWindows } from './windowing/session-windows';
export { GlobalWindows } from './windowing/global-windows';
export { WindowAssigner } from './windowing/window-assigner';
export { TimeWindow } from './windowing/time-window';
export { Trigger, EventTimeTrigger, ProcessingTimeTrigger, CountTrigger, PurgingTrigger, NeverTrigger, CountEvictor } from './windowing/triggers';
export { WindowedStream } from './windowed-stream';
export { ConnectedStreams } from './connected-streams';
export { BroadcastStream, BroadcastConnectedStream } from './broadcast-stream';
export { JoinedStreams } from './joined-streams';
export { IntervalJoin } from './interval-join';
export {
  StateTtlConfig,
  StateDescriptor,
  ValueStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  AggregatingStateDescriptor,
} from './state-descriptors';
export type { TtlUpdateType, TtlStateVisibility } from './state-descriptors';
export type * from './state';
export type * from './process-functions';
export { SluiceError } from '../common/errors';
