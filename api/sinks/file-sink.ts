import type { BuiltInSink } from './sink';

export interface RollingPolicy {
  /** Roll the part file when it reaches this many bytes. @default 128 MiB */
  maxPartSizeBytes?: number;
  /** Roll the part file after it has been open this long. @default 60_000 */
  rolloverIntervalMs?: number;
}

/**
 * Writes one `JSON.stringify(record)` per line into part files under a directory.
 * In-progress and pending files begin with `.`; a committed part file never does.
 * `FileSink.forRowFormat(dir)` (optionally `.withRollingPolicy(...)`, `.build()`).
 */
export class FileSink implements BuiltInSink {
  readonly builtInKind = 'sink.file' as const;
  private rolling: Required<RollingPolicy> = { maxPartSizeBytes: 128 * 1024 * 1024, rolloverIntervalMs: 60_000 };

  private constructor(private readonly dir: string) {}

  static forRowFormat(dir: string): FileSink {
    if (typeof dir !== 'string' || dir.length === 0) throw new TypeError('FileSink.forRowFormat(dir): dir must be a non-empty path');
    return new FileSink(dir);
  }

  withRollingPolicy(policy: RollingPolicy): FileSink {
    this.rolling = { ...this.rolling, ...policy };
    return this;
  }

  /** For Flink familiarity: the sink is already complete. */
  build(): FileSink {
    return this;
  }

  get config(): Record<string, unknown> {
    return { dir: this.dir, ...this.rolling };
  }
}
