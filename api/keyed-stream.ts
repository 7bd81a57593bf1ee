export { KeyedStream, type RollingAggregation } from './data-stream';
