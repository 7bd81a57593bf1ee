import { NoResourcesError, SluiceError } from '../../common/errors';
import { StateMachine } from '../../common/state-machine';
import type { SlotInfo } from '../../proto/messages';

/** A slot handed to a job: where its subtasks run and where their data endpoint listens. */
export interface AllocatedSlot {
  readonly taskManagerId: string;
  /** The slot's index within its TaskManager. */
  readonly index: number;
  readonly dataHost: string;
  readonly dataPort: number;
  /** host:port of the TaskManager's TaskExecutorGateway. */
  readonly rpcAddress: string;
}

export type SlotState = 'FREE' | 'ALLOCATED';
const SLOT_TRANSITIONS: Readonly<Record<SlotState, readonly SlotState[]>> = { FREE: ['ALLOCATED'], ALLOCATED: ['FREE'] };

interface PoolSlot {
  readonly slot: AllocatedSlot;
  readonly machine: StateMachine<SlotState>;
  jobId: string | undefined;
}

interface PoolTaskManager {
  readonly id: string;
  /** Registration order, to break ties deterministically. */
  readonly seq: number;
  readonly slots: PoolSlot[];
}

export interface SlotRequest {
  readonly jobId: string;
  readonly jobName: string;
  readonly count: number;
  readonly timeoutMs: number;
}

interface PendingRequest extends SlotRequest {
  resolve(slots: AllocatedSlot[]): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/** Rejects a pending slot request that its job withdrew (cancel, shutdown); not a failure. */
export class SlotRequestCancelledError extends SluiceError {
  constructor(jobId: string) {
    super('ILLEGAL_STATE', `Slot request of job ${jobId} was withdrawn`, { domain: 'internal' });
  }
}

/**
 * The free and allocated slots of all registered TaskManagers. A job asks for all its slots
 * at once (one per subtask index, as slot sharing puts subtask i of every vertex into slot i);
 * a request that cannot be served waits until TaskManagers register or other jobs release
 * slots, and fails with NoResourcesError after its timeout.
 */
export class SlotPool {
  private readonly taskManagers = new Map<string, PoolTaskManager>();
  private readonly pending: PendingRequest[] = [];
  private seq = 0;

  addTaskManager(taskManagerId: string, rpcAddress: string, slots: readonly SlotInfo[]): void {
    if (this.taskManagers.has(taskManagerId)) this.removeTaskManager(taskManagerId);
    const poolSlots = [...slots]
      .sort((a, b) => a.index - b.index)
      .map((s) => ({
        slot: { taskManagerId, index: s.index, dataHost: s.dataHost, dataPort: s.dataPort, rpcAddress },
        machine: new StateMachine<SlotState>(`Slot ${taskManagerId}/${s.index}`, 'FREE', SLOT_TRANSITIONS),
        jobId: undefined,
      }));
    this.taskManagers.set(taskManagerId, { id: taskManagerId, seq: this.seq++, slots: poolSlots });
    this.servePending();
  }

  /** The TaskManager is gone: its slots leave the pool, whoever held them. */
  removeTaskManager(taskManagerId: string): void {
    this.taskManagers.delete(taskManagerId);
  }

  /**
   * Asks for `count` slots for a job, spread across TaskManagers. Resolves when they are
   * allocated; rejects with NoResourcesError after the timeout, or SlotRequestCancelledError
   * when withdrawn.
   */
  requestSlots(request: SlotRequest): Promise<AllocatedSlot[]> {
    if (!Number.isInteger(request.count) || request.count < 1) return Promise.reject(new Error(`slot request for ${request.count} slots`));
    return new Promise((resolve, reject) => {
      const pending: PendingRequest = {
        ...request,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.removePending(pending);
          reject(new NoResourcesError(this.timeoutMessage(request)));
        }, request.timeoutMs),
      };
      pending.timer.unref();
      this.pending.push(pending);
      this.servePending();
    });
  }

  /** Withdraws a job's pending request, if any. */
  cancelRequest(jobId: string): void {
    for (const p of [...this.pending]) {
      if (p.jobId !== jobId) continue;
      this.removePending(p);
      p.reject(new SlotRequestCancelledError(jobId));
    }
  }

  /** Frees every slot the job holds. */
  release(jobId: string): void {
    let freed = false;
    for (const tm of this.taskManagers.values())
      for (const s of tm.slots) {
        if (s.jobId !== jobId) continue;
        s.machine.transition('FREE');
        s.jobId = undefined;
        freed = true;
      }
    if (freed) this.servePending();
  }

  /** Rejects every pending request (shutdown). */
  close(): void {
    for (const p of [...this.pending]) {
      this.removePending(p);
      p.reject(new SlotRequestCancelledError(p.jobId));
    }
  }

  get taskManagerCount(): number {
    return this.taskManagers.size;
  }

  get totalSlots(): number {
    let n = 0;
    for (const tm of this.taskManagers.values()) n += tm.slots.length;
    return n;
  }

  get freeSlots(): number {
    let n = 0;
    for (const tm of this.taskManagers.values()) n += freeOf(tm).length;
    return n;
  }

  /** Total and free slots of one TaskManager (zeros if unknown). */
  slotsOf(taskManagerId: string): { total: number; free: number } {
    const tm = this.taskManagers.get(taskManagerId);
    return tm ? { total: tm.slots.length, free: freeOf(tm).length } : { total: 0, free: 0 };
  }

  /** The job's allocated slots (for views and tests). */
  allocatedTo(jobId: string): AllocatedSlot[] {
    const out: AllocatedSlot[] = [];
    for (const tm of this.taskManagers.values()) for (const s of tm.slots) if (s.jobId === jobId) out.push(s.slot);
    return out;
  }

  /**
   * Picks slots round-robin over TaskManagers ordered by free slots (most first), so a job
   * spreads over the cluster instead of filling one TaskManager: with 2 TaskManagers × 2
   * slots, a job needing 2 slots gets one on each.
   */
  private tryAllocate(jobId: string, count: number): AllocatedSlot[] | undefined {
    if (this.freeSlots < count) return undefined;
    const queues = [...this.taskManagers.values()]
      .map((tm) => ({ tm, free: freeOf(tm) }))
      .filter((q) => q.free.length > 0)
      .sort((a, b) => b.free.length - a.free.length || a.tm.seq - b.tm.seq);
    const picked: PoolSlot[] = [];
    while (picked.length < count) {
      for (const q of queues) {
        const s = q.free.shift();
        if (s && picked.length < count) picked.push(s);
      }
    }
    for (const s of picked) {
      s.machine.transition('ALLOCATED');
      s.jobId = jobId;
    }
    return picked.map((s) => s.slot);
  }

  private servePending(): void {
    for (const p of [...this.pending]) {
      const slots = this.tryAllocate(p.jobId, p.count);
      if (!slots) continue;
      this.removePending(p);
      p.resolve(slots);
    }
  }

  private removePending(p: PendingRequest): void {
    clearTimeout(p.timer);
    const i = this.pending.indexOf(p);
    if (i >= 0) this.pending.splice(i, 1);
  }

  private timeoutMessage(r: SlotRequest): string {
    const tms = this.taskManagerCount;
    return (
      `Could not acquire ${r.count} slot${r.count === 1 ? '' : 's'} for job '${r.jobName}' within ${r.timeoutMs} ms: ` +
      `the cluster has ${this.freeSlots} free slot${this.freeSlots === 1 ? '' : 's'} (${tms} TaskManager${tms === 1 ? '' : 's'}, ${this.totalSlots} slot${this.totalSlots === 1 ? '' : 's'} in total). ` +
      `Start more TaskManagers or lower the parallelism.`
    );
  }
}

function freeOf(tm: PoolTaskManager): PoolSlot[] {
  return tm.slots.filter((s) => s.machine.state === 'FREE');
}
