/**
 * `stream.sinkTo(sink)`: the Sink V2 types (api/connector/sink.ts). A user-defined sink can be
 * as small as `{ createWriter(ctx) { return { write(r) {...} } } }`.
 */
export type { Sink, SinkWriter, SinkWriterContext } from '../connector/sink';
export type { SinkWriterContext as SinkContext } from '../connector/sink';
