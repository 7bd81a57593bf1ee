import { Type, type Static } from '@sinclair/typebox';
import type { TaskRates } from '../../metrics/task-metrics-store';
import { Nullable } from '../common-schemas';

/** Flink's thresholds: back-pressured up to 10% of the time is OK, up to 50% LOW, above HIGH. */
export type BackpressureLevel = 'ok' | 'low' | 'high';

export function backpressureLevel(ratio: number): BackpressureLevel {
  if (ratio > 0.5) return 'high';
  if (ratio > 0.1) return 'low';
  return 'ok';
}

/** Totals as Flink names them (bytes count network traffic only). */
export const VertexMetricsSchema = Type.Object({
  'read-records': Type.Number(),
  'write-records': Type.Number(),
  'read-bytes': Type.Number(),
  'write-bytes': Type.Number(),
  'accumulated-busy-time': Type.Number(),
  'accumulated-backpressured-time': Type.Number(),
});

/** Rates between the last two heartbeats (Sluice's addition to Flink's vertex shapes). */
export const RatesSchema = Type.Object({
  'read-records-per-second': Type.Number(),
  'write-records-per-second': Type.Number(),
  'read-bytes-per-second': Type.Number(),
  'write-bytes-per-second': Type.Number(),
  'busy-ratio': Type.Number(),
  'backpressure-ratio': Type.Number(),
  'backpressure-level': Type.Union([Type.Literal('ok'), Type.Literal('low'), Type.Literal('high')]),
});

export function ratesView(r: TaskRates): Static<typeof RatesSchema> {
  return {
    'read-records-per-second': round(r.recordsInPerSecond),
    'write-records-per-second': round(r.recordsOutPerSecond),
    'read-bytes-per-second': round(r.bytesInPerSecond),
    'write-bytes-per-second': round(r.bytesOutPerSecond),
    'busy-ratio': round(r.busyRatio, 3),
    'backpressure-ratio': round(r.backpressureRatio, 3),
    'backpressure-level': backpressureLevel(r.backpressureRatio),
  };
}

/** Event time in epoch ms, or null before the first watermark (Flink shows Long.MIN_VALUE). */
export const WatermarkSchema = Nullable(Type.Number());

export function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
