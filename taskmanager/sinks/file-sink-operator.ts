import * as fs from 'node:fs';
import * as path from 'node:path';
import { AbstractOperator, type OperatorContext, type OperatorListState } from '../operators/operator';
import { makeDirectoriesSync } from '../../common/make-directories';

export interface FileSinkConfig {
  dir: string;
  maxPartSizeBytes: number;
  rolloverIntervalMs: number;
}

/** A finished part file waiting for its checkpoint to complete. */
interface PendingPart {
  /** The checkpoint that pre-committed it; -1 until a snapshot takes it. */
  checkpointId: number;
  pending: string;
  committed: string;
}

const WRITE_AT_CHARS = 64 * 1024;

/**
 * FileSink in row format: one JSON line per record into part files under `dir`, named
 * `part-<job>-a<attempt>-<subtask>-<n>`. Files beginning with `.` are never committed output:
 *   .<name>.inprogress  being written
 *   .<name>.pending     finished, waiting for the checkpoint that pre-committed it
 * With checkpointing this is a two-phase-commit sink: a part is pre-committed (in progress →
 * pending) on the barrier and committed (atomic rename to its final name) when the checkpoint
 * completes; on restore, parts of the restored checkpoint are committed and in-progress files
 * of earlier attempts are deleted. Without checkpointing, parts commit when they roll over and
 * at end of input. Every commit is idempotent.
 */
export class FileSinkOperator extends AbstractOperator {
  private fd: number | undefined;
  private current: { inProgress: string; pending: string; committed: string } | undefined;
  private counter = 0;
  private bytes = 0;
  private openedAt = 0;
  private buffer = '';
  private prefix = '';
  private pendingParts: PendingPart[] = [];

  constructor(
    name: string,
    private readonly config: FileSinkConfig,
    private readonly exactlyOnce: boolean,
  ) {
    super(name);
  }

  override open(ctx: OperatorContext): void {
    makeDirectoriesSync(this.config.dir); // never mkdirSync recursive: it spins forever on procfs
    this.prefix = `part-${ctx.jobId.slice(0, 8)}-a${ctx.attempt}-${ctx.subtaskIndex}-`;
    const restored = ctx.restoredOperatorState()?.pending as PendingPart[] | undefined;
    if (restored) {
      // Recover and commit: these parts belong to the checkpoint we restore from, which completed.
      for (const part of restored) commit(part);
      this.removeStaleInProgress(ctx);
    }
  }

  collect(record: unknown): void {
    if (this.fd === undefined) this.openPart();
    this.buffer += JSON.stringify(record) + '\n';
    if (this.buffer.length >= WRITE_AT_CHARS) this.writeBuffer();
  }

  flush(): void {
    if (this.fd === undefined) return;
    this.writeBuffer();
    if (this.bytes >= this.config.maxPartSizeBytes || Date.now() - this.openedAt >= this.config.rolloverIntervalMs) this.rollPart();
  }

  override endInput(): void {
    this.rollPart();
  }

  /** Pre-commit: the open part becomes pending for this checkpoint. */
  snapshotState(checkpointId: number): OperatorListState {
    this.rollPart();
    for (const p of this.pendingParts) if (p.checkpointId < 0) p.checkpointId = checkpointId;
    return { pending: this.pendingParts.map((p) => ({ ...p })) };
  }

  /** Commit: every part pre-committed by this checkpoint or an earlier one. */
  notifyCheckpointComplete(checkpointId: number): void {
    const remaining: PendingPart[] = [];
    for (const p of this.pendingParts) {
      if (p.checkpointId >= 0 && p.checkpointId <= checkpointId) commit(p);
      else remaining.push(p);
    }
    this.pendingParts = remaining;
  }

  override close(): void {
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

  /** Closes the open part: committed at once without checkpointing, else pending. */
  private rollPart(): void {
    if (this.fd === undefined || !this.current) return;
    this.writeBuffer();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = undefined;
    const part = this.current;
    this.current = undefined;
    if (this.exactlyOnce) {
      fs.renameSync(part.inProgress, part.pending);
      this.pendingParts.push({ checkpointId: -1, pending: part.pending, committed: part.committed });
    } else {
      fs.renameSync(part.inProgress, part.committed);
    }
  }

  /** In-progress files of earlier attempts of this subtask hold data after the checkpoint: abort them. */
  private removeStaleInProgress(ctx: OperatorContext): void {
    const job = ctx.jobId.slice(0, 8);
    const pattern = /^\.part-([0-9a-f]{8})-a(\d+)-(\d+)-\d+\.inprogress$/;
    for (const name of fs.readdirSync(this.config.dir)) {
      const m = pattern.exec(name);
      if (!m || m[1] !== job || Number(m[2]) >= ctx.attempt) continue;
      const subtask = Number(m[3]);
      const mine = subtask === ctx.subtaskIndex || (ctx.subtaskIndex === 0 && subtask >= ctx.parallelism);
      if (mine) fs.rmSync(path.join(this.config.dir, name), { force: true });
    }
  }
}

/** Idempotent: a part already committed (pending gone, final present) is left alone. */
function commit(part: PendingPart): void {
  try {
    fs.renameSync(part.pending, part.committed);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !fs.existsSync(part.committed)) throw err;
  }
}
