import type { PartitionerKind } from '../common/partitioner-kind';
import { isSinkKind, isSourceKind } from '../common/operator-kind';
import type { Source, SourceSplit } from './connector/source';
import type { WatermarkStrategy } from './watermark-strategy';

/**
 * One node of the logical plan built by the job function. Transformations are numbered in
 * build order; the TaskManager re-runs the job function and finds each operator's user
 * function by that number (the graph hash proves both runs built the same plan).
 */
export type TransformationKind =
  | 'source.elements'
  | 'source.sequence'
  | 'source.datagen'
  | 'source.socket'
  | 'source.textFile'
  | 'source.connector'
  | 'map'
  | 'flatMap'
  | 'filter'
  | 'process'
  | 'keyed.reduce'
  | 'keyed.process'
  | 'timestamps'
  | 'window'
  | 'co.process'
  | 'co.process.keyed'
  | 'co.broadcast'
  | 'co.broadcast.keyed'
  | 'join.window'
  | 'join.interval'
  | 'partition'
  | 'union'
  | 'sideOutput'
  | 'sink.print'
  | 'sink.file'
  | 'sink.custom';

/** Kinds that only shape edges and never become operators. */
export const VIRTUAL_KINDS: ReadonlySet<TransformationKind> = new Set(['partition', 'union', 'sideOutput']);

/**
 * Keyed operators name, in `config.keySelectorIds`, the keyBy transformation of each input
 * (null for an input that is not keyed: a broadcast input, or windowAll's constant key).
 */
export function keySelectorIdsOf(t: Transformation): ReadonlyArray<number | null> | undefined {
  const ids = t.config.keySelectorIds;
  return Array.isArray(ids) ? (ids as Array<number | null>) : undefined;
}

export interface Transformation {
  readonly id: number;
  readonly kind: TransformationKind;
  name: string;
  uid?: string;
  parallelism?: number;
  maxParallelism?: number;
  /** Sources that can only run with parallelism 1 (socket, collection, text file). */
  readonly nonParallel?: boolean;
  readonly inputs: readonly Transformation[];
  /** Static, JSON-serialisable configuration; part of the graph hash. */
  readonly config: Record<string, unknown>;
  /** The user's function or object; never serialised. */
  readonly fn?: unknown;
  /** For 'partition' transformations. */
  readonly partitioner?: PartitionerKind;
}

export function isSource(t: Transformation): boolean {
  return isSourceKind(t.kind);
}

export function isSink(t: Transformation): boolean {
  return isSinkKind(t.kind);
}

/**
 * The `fn` of a source transformation built on the Source API (env.fromSource and the built-in
 * sources ported onto it): the Source, and the strategy its readers generate watermarks with.
 */
export interface SourceBinding {
  readonly source: Source<unknown, SourceSplit, unknown>;
  readonly watermarkStrategy: WatermarkStrategy<unknown> | undefined;
}

/**
 * Source kinds whose fn is a SourceBinding: every source but the socket, which stays a special
 * at-most-once reader in the task (it cannot rewind, so it has no splits to coordinate).
 */
const SOURCE_API_KINDS: ReadonlySet<string> = new Set(['source.connector', 'source.datagen', 'source.sequence', 'source.textFile', 'source.elements']);

export function isSourceApiKind(kind: string): boolean {
  return SOURCE_API_KINDS.has(kind);
}
