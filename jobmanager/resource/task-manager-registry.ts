import { InvalidArgumentError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { RegisterTaskManagerRequest, SlotInfo } from '../../proto/messages';

/** A registered TaskManager as the JobManager sees it. */
export interface RegisteredTaskManager {
  readonly id: string;
  /** host:port of its TaskExecutorGateway. */
  readonly rpcAddress: string;
  readonly slots: readonly SlotInfo[];
  readonly memoryBytes: number;
  readonly cpuCores: number;
  readonly pid: number;
  readonly registeredAt: number;
  lastHeartbeatAt: number;
}

/** The held-open Connect stream of one TaskManager, seen through what the registry needs. */
export interface TaskManagerConnection {
  end(): void;
}

export interface TaskManagerRegistryListener {
  onRegistered?(tm: RegisteredTaskManager): void;
  onLost?(tm: RegisteredTaskManager, reason: string): void;
  onHeartbeat?(tm: RegisteredTaskManager): void;
}

export interface TaskManagerRegistryOptions {
  readonly heartbeatTimeoutMs: number;
  /** How often to look for TaskManagers whose heartbeats stopped. */
  readonly checkIntervalMs: number;
  readonly log: Logger;
  readonly now?: () => number;
}

/**
 * Registration and liveness of TaskManagers. A TaskManager is lost at once when its Connect
 * stream ends (the process died or the network broke: the HTTP/2 connection closes), and,
 * as a fallback for silent failures, when no heartbeat arrived for the heartbeat timeout.
 */
export class TaskManagerRegistry {
  private readonly taskManagers = new Map<string, RegisteredTaskManager>();
  private readonly connections = new Map<string, TaskManagerConnection>();
  private readonly listeners: TaskManagerRegistryListener[] = [];
  private readonly now: () => number;
  private monitor: NodeJS.Timeout | undefined;

  constructor(private readonly opts: TaskManagerRegistryOptions) {
    this.now = opts.now ?? Date.now;
  }

  addListener(listener: TaskManagerRegistryListener): void {
    this.listeners.push(listener);
  }

  /** Starts the heartbeat-timeout monitor. */
  start(): void {
    this.monitor ??= setInterval(() => this.checkHeartbeats(), this.opts.checkIntervalMs);
    this.monitor.unref();
  }

  /** Stops the monitor and ends every Connect stream (shutdown); listeners are not told. */
  close(): void {
    if (this.monitor) clearInterval(this.monitor);
    this.monitor = undefined;
    for (const c of this.connections.values()) c.end();
    this.connections.clear();
  }

  /**
   * Registers a TaskManager. A TaskManager registering again under a known id restarted or
   * lost its connection to us: its previous incarnation is lost first (with its tasks).
   */
  register(req: RegisterTaskManagerRequest): RegisteredTaskManager {
    validateRegistration(req);
    if (this.taskManagers.has(req.taskManagerId)) this.lose(req.taskManagerId, 'it registered again');
    const now = this.now();
    const tm: RegisteredTaskManager = {
      id: req.taskManagerId,
      rpcAddress: req.rpcAddress,
      slots: req.slots.map((s) => ({ index: s.index, dataHost: s.dataHost, dataPort: s.dataPort })),
      memoryBytes: req.memoryBytes,
      cpuCores: req.cpuCores,
      pid: req.pid,
      registeredAt: now,
      lastHeartbeatAt: now,
    };
    this.taskManagers.set(tm.id, tm);
    this.opts.log.info(`TaskManager ${tm.id} registered`, { address: tm.rpcAddress, slots: tm.slots.length, pid: tm.pid });
    for (const l of this.listeners) l.onRegistered?.(tm);
    return tm;
  }

  /** Records a heartbeat; false if the TaskManager is unknown (it must register again). */
  heartbeat(taskManagerId: string): boolean {
    const tm = this.taskManagers.get(taskManagerId);
    if (!tm) return false;
    tm.lastHeartbeatAt = this.now();
    for (const l of this.listeners) l.onHeartbeat?.(tm);
    return true;
  }

  /**
   * Attaches the TaskManager's Connect stream. Returns a function to call when the stream
   * ends; it loses the TaskManager unless that stream was already replaced or the
   * TaskManager already lost. Returns undefined for an unknown TaskManager.
   */
  attachConnection(taskManagerId: string, connection: TaskManagerConnection): ((why: string) => void) | undefined {
    const tm = this.taskManagers.get(taskManagerId);
    if (!tm) return undefined;
    const previous = this.connections.get(taskManagerId);
    this.connections.set(taskManagerId, connection);
    previous?.end();
    return (why) => {
      if (this.connections.get(taskManagerId) !== connection) return;
      this.connections.delete(taskManagerId);
      if (this.taskManagers.get(taskManagerId) === tm) this.lose(taskManagerId, why);
    };
  }

  /** Removes the TaskManager and tells the listeners; a no-op if it is unknown. */
  lose(taskManagerId: string, reason: string): void {
    const tm = this.taskManagers.get(taskManagerId);
    if (!tm) return;
    this.taskManagers.delete(taskManagerId);
    const connection = this.connections.get(taskManagerId);
    this.connections.delete(taskManagerId);
    connection?.end();
    this.opts.log.warn(`TaskManager ${taskManagerId} lost: ${reason}`, { address: tm.rpcAddress });
    for (const l of this.listeners) l.onLost?.(tm, reason);
  }

  get(taskManagerId: string): RegisteredTaskManager | undefined {
    return this.taskManagers.get(taskManagerId);
  }

  list(): RegisteredTaskManager[] {
    return [...this.taskManagers.values()];
  }

  get size(): number {
    return this.taskManagers.size;
  }

  private checkHeartbeats(): void {
    const now = this.now();
    for (const tm of [...this.taskManagers.values()]) {
      const silentMs = now - tm.lastHeartbeatAt;
      if (silentMs > this.opts.heartbeatTimeoutMs) this.lose(tm.id, `no heartbeat for ${silentMs} ms (heartbeat timeout ${this.opts.heartbeatTimeoutMs} ms)`);
    }
  }
}

function validateRegistration(req: RegisterTaskManagerRequest): void {
  if (!req.taskManagerId) throw new InvalidArgumentError('RegisterTaskManager: task_manager_id is empty');
  if (!/^[^\s:]+:\d{1,5}$|^\[[0-9a-fA-F:.]+\]:\d{1,5}$/.test(req.rpcAddress ?? ''))
    throw new InvalidArgumentError(`RegisterTaskManager: rpc_address '${req.rpcAddress}' is not host:port`);
  if (!Array.isArray(req.slots) || req.slots.length === 0) throw new InvalidArgumentError(`TaskManager ${req.taskManagerId} offers no slots; start it with --slots N (N >= 1)`);
  const seen = new Set<number>();
  for (const s of req.slots) {
    if (seen.has(s.index)) throw new InvalidArgumentError(`TaskManager ${req.taskManagerId} offers slot ${s.index} twice`);
    seen.add(s.index);
    if (!s.dataHost || !Number.isInteger(s.dataPort) || s.dataPort < 1 || s.dataPort > 65535)
      throw new InvalidArgumentError(`TaskManager ${req.taskManagerId}: slot ${s.index} has no valid data endpoint (${s.dataHost}:${s.dataPort})`);
  }
}
