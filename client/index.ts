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
export { SluiceError } from '../common/errors';
