import { InvalidArgumentError } from '../../common/errors';

/**
 * Where a Kafka source starts (and, with `setBounded`, stops) reading each partition. Plain
 * data, resolved to concrete offsets by the enumerator when it discovers a partition; offsets
 * restored from a checkpoint always win over it.
 */
export type OffsetsSpec =
  | { readonly kind: 'earliest' }
  | { readonly kind: 'latest' }
  | { readonly kind: 'committed'; readonly fallback: 'earliest' | 'latest' | 'none' }
  | { readonly kind: 'timestamp'; readonly timestampMs: number };

/** Flink's OffsetsInitializer: `OffsetsInitializer.earliest()`, `.latest()`, `.committedOffsets(fallback)`, `.timestamp(ms)`. */
export class OffsetsInitializer {
  private constructor(readonly spec: OffsetsSpec) {}

  /** The first offset still in each partition. */
  static earliest(): OffsetsInitializer {
    return new OffsetsInitializer({ kind: 'earliest' });
  }

  /** The end of each partition when it is discovered (for read_committed: the last stable offset). */
  static latest(): OffsetsInitializer {
    return new OffsetsInitializer({ kind: 'latest' });
  }

  /**
   * The consumer group's committed offsets; a partition without one starts at `fallback`
   * (`OffsetsInitializer.earliest()` or `.latest()`); without a fallback such a partition fails the job.
   */
  static committedOffsets(fallback?: OffsetsInitializer): OffsetsInitializer {
    if (fallback !== undefined && !(fallback instanceof OffsetsInitializer && (fallback.spec.kind === 'earliest' || fallback.spec.kind === 'latest')))
      throw new InvalidArgumentError('OffsetsInitializer.committedOffsets(fallback): the fallback must be OffsetsInitializer.earliest() or OffsetsInitializer.latest()');
    return new OffsetsInitializer({ kind: 'committed', fallback: fallback ? (fallback.spec.kind as 'earliest' | 'latest') : 'none' });
  }

  /** The first record whose timestamp is at or after `timestampMs` (epoch ms); the end if there is none. */
  static timestamp(timestampMs: number): OffsetsInitializer {
    if (!Number.isFinite(timestampMs) || timestampMs < 0) throw new InvalidArgumentError(`OffsetsInitializer.timestamp(ms): expected epoch milliseconds >= 0, got ${timestampMs}`);
    return new OffsetsInitializer({ kind: 'timestamp', timestampMs });
  }
}
