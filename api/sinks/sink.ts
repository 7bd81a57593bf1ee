/**
 * A user-defined sink: `stream.sinkTo({ createWriter(ctx) { return { write(r) {...} } } })`.
 * Writers see records in order, one call per record, and `flush` at end of input.
 */
export interface SinkContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
}

export interface SinkWriter<T> {
  write(record: T): void;
  /** Called once at end of input (bounded jobs) before close. */
  flush?(endOfInput: boolean): void | Promise<void>;
  close?(): void | Promise<void>;
}

export interface Sink<T> {
  createWriter(context: SinkContext): SinkWriter<T>;
}

/** Sinks whose runtime lives in Sluice (configured by JSON, no user code). */
export interface BuiltInSink {
  readonly builtInKind: 'sink.file';
  readonly config: Record<string, unknown>;
}

export function isBuiltInSink(x: unknown): x is BuiltInSink {
  return typeof x === 'object' && x !== null && typeof (x as BuiltInSink).builtInKind === 'string';
}
