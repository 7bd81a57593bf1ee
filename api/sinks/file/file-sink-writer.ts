import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CommittingSinkWriter, SinkWriterContext } from '../../connector/sink';
import type { FileCommittable } from './file-committable';
import { commitPart } from './file-committer';

export interface FileSinkConfig {
  dir: string;
  maxPartSizeBytes: number;
  rolloverIntervalMs: number;
}

const WRITE_AT_CHARS = 64 * 1024;

/**
 * FileSink's writer in row format: one JSON line per record into part files under `dir`,
 * named `part-<job>-a<attempt>-<subtask>-<n>`. Files beginning with `.` are never committed
 * output: `.<name>.inprogress` is being written, `.<name>.pending` is finished and waits for
 * its checkpoint. On the barrier the open part rolls (in progress → pending) and every part
 * rolled since the last barrier is a committable; the committer renames it to its final name
 * when the checkpoint completes. Without checkpointing, parts commit as they roll over and at
 * end of input. A writer of a restored attempt deletes in-progress files of earlier attempts
 * of its subtask: they hold records after the restored checkpoint.
 */
export class FileSinkWriter<T> implements CommittingSinkWriter<T, FileCommittable> {
  private fd: number | undefined;
  private current: { inProgress: string; pending: string; committed: string } | undefined;
  private counter = 0;
  private bytes = 0;
  private openedAt = 0;
  private buffer = '';
  private readonly prefix: string;
  /** Parts rolled since the last prepareCommit. */
  private rolled: FileCommittable[] = [];

  constructor(
    private readonly config: FileSinkConfig,
    private readonly context: SinkWriterContext,
  ) {
    fs.mkdirSync(config.dir, { recursive: true });
    this.prefix = `part-${(context.jobId ?? '0'.repeat(8)).slice(0, 8)}-a${context.attemptNumber}-${context.subtaskIndex}-`;
    if (context.restoredCheckpointId !== null) this.removeStaleInProgress();
  }

  write(record: T): void {
    if (this.fd === undefined) this.openPart();
    this.buffer += JSON.stringify(record) + '\n';
    if (this.buffer.length >= WRITE_AT_CHARS) {
      this.writeBuffer();
      if (this.bytes >= this.config.maxPartSizeBytes || Date.now() - this.openedAt >= this.config.rolloverIntervalMs) this.rollPart();
    }
  }

  /** End of input closes the open part (the final checkpoint, or no checkpointing, commits it). */
  flush(endOfInput: boolean): void {
    if (endOfInput) this.rollPart();
    else this.writeBuffer();
  }

  /** Pre-commit: the open part becomes pending; every part rolled since the last barrier is committed with this checkpoint. */
  prepareCommit(): FileCommittable[] {
    this.rollPart();
    const parts = this.rolled;
    this.rolled = [];
    return parts;
  }

  close(): void {
    // A part still open here was not finished by end of input (cancel or failure): it stays
    // hidden and is never committed; a restore deletes it.
    if (this.fd !== undefined) {
      this.writeBuffer();
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private openPart(): void {
    const base = `${this.prefix}${this.counter++}`;
    this.current = {
      inProgress: path.join(this.config.dir, `.${base}.inprogress`),
      pending: path.join(this.config.dir, `.${base}.pending`),
      committed: path.join(this.config.dir, base),
    };
    this.fd = fs.openSync(this.current.inProgress, 'w');
    this.bytes = 0;
    this.openedAt = Date.now();
  }

  private writeBuffer(): void {
    if (this.buffer.length === 0 || this.fd === undefined) return;
    this.bytes += fs.writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  /** Closes the open part: pending with checkpointing (a committable), else committed at once. */
  private rollPart(): void {
    if (this.fd === undefined || !this.current) return;
    this.writeBuffer();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = undefined;
    const part = this.current;
    this.current = undefined;
    fs.renameSync(part.inProgress, part.pending);
    const committable = { pending: part.pending, committed: part.committed };
    if (this.context.checkpointingEnabled !== false) this.rolled.push(committable);
    else commitPart(committable);
  }

  /** In-progress files of earlier attempts of this subtask hold data after the checkpoint: abort them. */
  private removeStaleInProgress(): void {
    const { attemptNumber, subtaskIndex, parallelism } = this.context;
    const job = (this.context.jobId ?? '0'.repeat(8)).slice(0, 8);
    const pattern = /^\.part-([0-9a-f]{8})-a(\d+)-(\d+)-\d+\.inprogress$/;
    for (const name of fs.readdirSync(this.config.dir)) {
      const m = pattern.exec(name);
      if (!m || m[1] !== job || Number(m[2]) >= attemptNumber) continue;
      const subtask = Number(m[3]);
      const mine = subtask === subtaskIndex || (subtaskIndex === 0 && subtask >= parallelism);
      if (mine) fs.rmSync(path.join(this.config.dir, name), { force: true });
    }
  }
}
