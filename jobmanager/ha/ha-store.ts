import type { JobArtifact, JobGraph } from '../../proto/messages';
import { storageFor } from '../../common/checkpoint/storage-registry';
import { childLocation, normalizeLocation } from '../../common/checkpoint/storage-backend';
import { encodeValue, decodeValue } from '../../common/record-codec';
import { RedisStorageBackend } from '../../common/checkpoint/redis-storage-backend';
import { TimeBoundedStorage } from '../../common/checkpoint/time-bounded-storage';

/** What a JobManager needs to resume a job after it restarted. */
export interface StoredJob {
  jobId: string;
  graph: JobGraph;
  artifact: JobArtifact;
  submittedAt: number;
  /** The savepoint the job was started from, if any (used until a checkpoint completes). */
  savepointPath: string;
  allowNonRestoredState: boolean;
  /** Set by jobs() for an entry that cannot be read or decoded: why (the job cannot recover). */
  broken?: string;
}

export interface CheckpointPointer {
  checkpointId: number;
  externalPath: string;
  /** A stop-with-savepoint's savepoint (absent: a checkpoint): recovery never deletes it. */
  isSavepoint?: boolean;
}

/**
 * The JobManager's high-availability store, on the same storage as checkpoints:
 *   <root>/jobs/<jobId>          job graph and artifact (msgpack), written at submission
 *   <root>/checkpoints/<jobId>   latest completed checkpoint, replaced atomically
 *   <root>/attempts/<jobId>      highest execution attempt started (attempts never repeat,
 *                                so file names and channels of old attempts never clash)
 *   <root>/archive/<jobId>       an ended job's REST views (jobmanager/history), bounded
 * A job leaves the first three when it reaches a terminal state, after it was archived.
 */
export class HaStore {
  readonly root: string;
  /** Set by the leader election: every write then carries the leader's fencing token. */
  fence: { tokenKey: string; token: number } | undefined;

  constructor(root: string) {
    this.root = normalizeLocation(root);
  }

  async putJob(job: StoredJob): Promise<void> {
    await this.put(this.location('jobs', job.jobId), encodeValue(job));
  }

  async removeJob(jobId: string): Promise<void> {
    for (const kind of ['jobs', 'checkpoints', 'attempts'] as const) {
      const loc = this.location(kind, jobId);
      await storageFor(loc).deleteTree(loc);
    }
  }

  async jobs(): Promise<StoredJob[]> {
    const dir = childLocation(this.root, 'jobs');
    const out: StoredJob[] = [];
    for (const jobId of await storageFor(dir).list(dir)) {
      if (!/^[0-9a-f]{32}$/.test(jobId)) continue;
      const loc = this.location('jobs', jobId);
      // One unreadable entry must not hide the others: it is returned marked as broken.
      try {
        const job = decodeValue<StoredJob>(await storageFor(loc).get(loc));
        if (!job || typeof job !== 'object' || job.jobId !== jobId || !job.graph || !job.artifact) throw new Error('the entry is not a stored job');
        out.push(job);
      } catch (err) {
        out.push({ jobId, broken: err instanceof Error ? err.message : String(err) } as StoredJob);
      }
    }
    return out;
  }

  async putCheckpoint(jobId: string, pointer: CheckpointPointer): Promise<void> {
    await this.put(this.location('checkpoints', jobId), Buffer.from(JSON.stringify(pointer)));
  }

  async checkpoint(jobId: string): Promise<CheckpointPointer | undefined> {
    const loc = this.location('checkpoints', jobId);
    const backend = storageFor(loc);
    if (!(await backend.exists(loc))) return undefined;
    return JSON.parse(Buffer.from(await backend.get(loc)).toString('utf8')) as CheckpointPointer;
  }

  async putAttempt(jobId: string, attempt: number): Promise<void> {
    await this.put(this.location('attempts', jobId), Buffer.from(String(attempt)));
  }

  async attempt(jobId: string): Promise<number> {
    const loc = this.location('attempts', jobId);
    const backend = storageFor(loc);
    if (!(await backend.exists(loc))) return -1;
    return Number(Buffer.from(await backend.get(loc)).toString('utf8'));
  }

  async putArchivedJob(jobId: string, data: Uint8Array): Promise<void> {
    await this.put(this.location('archive', jobId), data);
  }

  async archivedJobs(): Promise<Uint8Array[]> {
    const dir = childLocation(this.root, 'archive');
    const out: Uint8Array[] = [];
    for (const jobId of await storageFor(dir).list(dir)) {
      if (!/^[0-9a-f]{32}$/.test(jobId)) continue;
      const loc = this.location('archive', jobId);
      out.push(await storageFor(loc).get(loc));
    }
    return out;
  }

  async removeArchivedJob(jobId: string): Promise<void> {
    const loc = this.location('archive', jobId);
    await storageFor(loc).deleteTree(loc);
  }

  private async put(location: string, data: Uint8Array): Promise<void> {
    const backend = storageFor(location);
    const fence = this.fence;
    const redis = backend instanceof TimeBoundedStorage ? backend.inner : backend;
    if (fence && redis instanceof RedisStorageBackend) await bounded(backend, `write ${location}`, () => redis.putFenced(location, data, fence.tokenKey, fence.token));
    else await backend.putAtomic(location, data);
  }

  private location(kind: 'jobs' | 'checkpoints' | 'attempts' | 'archive', jobId: string): string {
    return childLocation(childLocation(this.root, kind), jobId);
  }
}

function bounded<T>(backend: unknown, what: string, op: () => Promise<T>): Promise<T> {
  return backend instanceof TimeBoundedStorage ? backend.bound(what, op) : op();
}
