import type { Committer, CommittingSinkWriter, SinkWriterContext, TwoPhaseCommittingSink } from '../../connector/sink';
import type { FileCommittable } from './file-committable';
import { FileCommitter } from './file-committer';
import { FileSinkWriter, type FileSinkConfig } from './file-sink-writer';

export interface RollingPolicy {
  /** Roll the part file when it reaches this many bytes. @default 128 MiB */
  maxPartSizeBytes?: number;
  /** Roll the part file after it has been open this long. @default 60_000 */
  rolloverIntervalMs?: number;
}

/**
 * Writes one `JSON.stringify(record)` per line into part files under a directory, on the Sink
 * V2 API (docs/connectors.md): exactly-once with checkpointing (the open part is pre-committed
 * on the barrier and committed when the checkpoint completes). In-progress and pending files
 * begin with `.`; a committed part file never does.
 * `FileSink.forRowFormat(dir)` (optionally `.withRollingPolicy(...)`, `.build()`).
 */
export class FileSink<T = unknown> implements TwoPhaseCommittingSink<T, FileCommittable> {
  private rolling: Required<RollingPolicy> = { maxPartSizeBytes: 128 * 1024 * 1024, rolloverIntervalMs: 60_000 };

  private constructor(private readonly dir: string) {}

  static forRowFormat<T = unknown>(dir: string): FileSink<T> {
    if (typeof dir !== 'string' || dir.length === 0) throw new TypeError('FileSink.forRowFormat(dir): dir must be a non-empty path');
    return new FileSink<T>(dir);
  }

  withRollingPolicy(policy: RollingPolicy): FileSink<T> {
    this.rolling = { ...this.rolling, ...policy };
    return this;
  }

  /** For Flink familiarity: the sink is already complete. */
  build(): FileSink<T> {
    return this;
  }

  /** What the job graph shows (and hashes) of this sink. */
  get config(): FileSinkConfig {
    return { dir: this.dir, ...this.rolling };
  }

  createWriter(context: SinkWriterContext): CommittingSinkWriter<T, FileCommittable> {
    return new FileSinkWriter<T>(this.config, context);
  }

  createCommitter(): Committer<FileCommittable> {
    return new FileCommitter();
  }
}
