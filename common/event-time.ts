/**
 * Event-time constants shared by the API and the runtime. Timestamps are ms since the epoch
 * (any integers work); the extremes stay safe integers so that they survive msgpack and
 * protobuf int64 unchanged.
 */

/** "This record has no timestamp" (Flink's StreamRecord without hasTimestamp). */
export const NO_TIMESTAMP = -Number.MAX_SAFE_INTEGER;

/** The end of event time: sources emit it at end of input so every window and timer fires. */
export const MAX_WATERMARK = Number.MAX_SAFE_INTEGER;

/** A task's current watermark before any arrived (Flink shows Long.MIN_VALUE). */
export const NO_WATERMARK = -Number.MAX_SAFE_INTEGER;
