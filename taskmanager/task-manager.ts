import type * as http from 'node:http';
import { taskKey } from './task-key';
import * as os from 'node:os';
import type * as grpc from '@grpc/grpc-js';
import type { TaskManagerConfig } from './config';
import { SlotWorkers } from './slot-workers';
import { TaskMetricsSampler } from './task-metrics-sampler';
import { ResourceManagerClient } from './rpc/resource-manager-client';
import type { JobDeployment } from '../job/loaded-job';
import { startTaskExecutorServer } from './rpc/task-executor-service';
import { checkBindAllowed } from '../common/security';
import type { FromWorker } from './worker/worker-messages';
import type { ProfileTaskRequest, ProfileTaskResponseInput, TaskDeploymentDescriptor, TaskExecutionState, TaskRef } from '../proto/messages';
import { processLogTail } from '../common/log-tail';
import { MAX_PROFILE_MS } from './worker/thread-cpu-profiler';
import { present } from '../proto/present';
import { Logger } from '../common/logger';
import { newResourceId } from '../common/ids';
import { InvalidArgumentError, SluiceError, errorMessage } from '../common/errors';
import { StateMachine } from '../common/state-machine';
import { hostPort, resolveAdvertisedHost } from '../common/advertised-host';
import { startHealthServer } from './health-server';

type ConnectionState = 'DISCONNECTED' | 'REGISTERING' | 'REGISTERED' | 'STOPPED';
const CONNECTION_TRANSITIONS: Record<ConnectionState, readonly ConnectionState[]> = {
  DISCONNECTED: ['REGISTERING', 'STOPPED'],
  REGISTERING: ['REGISTERED', 'DISCONNECTED', 'STOPPED'],
  REGISTERED: ['DISCONNECTED', 'STOPPED'],
  STOPPED: [],
};

/**
 * The TaskManager process: slot workers, the TaskExecutorGateway server, and the connection
 * to the JobManager (registration, heartbeats with task metrics, the held-open Connect
 * stream, task state reports). When the JobManager goes away it cancels its tasks and
 * registers again as soon as one answers.
 */
export class TaskManager {
  readonly id: string;
  private readonly log: Logger;
  private workers!: SlotWorkers;
  private server!: grpc.Server;
  private rpcPort = 0;
  private advertisedHost = '';
  private health: http.Server | undefined;
  /** The JobManager this TaskManager is registered with (the leader, when there are several). */
  private rm: ResourceManagerClient;
  private readonly jobManagers: ResourceManagerClient[];
  private nextJobManager = 0;
  private readonly connection = new StateMachine<ConnectionState>('TaskManager connection', 'DISCONNECTED', CONNECTION_TRANSITIONS);
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private stream: grpc.ClientReadableStream<{ kind: string }> | undefined;
  private readonly artifacts = new Map<string, Promise<JobDeployment>>();
  /** task key → slot, for cancels and metrics */
  private readonly taskSlots = new Map<string, number>();
  private readonly metrics = new TaskMetricsSampler();
  private updates: Promise<unknown> = Promise.resolve();
  private readonly profileRequests = new Map<number, (result: FromWorker & { type: 'profile-result' }) => void>();
  private nextProfileRequest = 1;
  /** Source readers' events for their enumerators, in order. */
  private coordinatorEvents: Promise<unknown> = Promise.resolve();

  constructor(private readonly config: TaskManagerConfig) {
    this.id = config.id || newResourceId('taskmanager');
    this.log = new Logger(`taskmanager ${this.id}`);
    this.jobManagers = config.jobManager.split(',').map((address) => new ResourceManagerClient(address, config.security));
    this.rm = this.jobManagers[0];
  }

  /** Registered with a JobManager: what `GET /readyz` on the health port answers. */
  get connectionState(): ConnectionState {
    return this.connection.state;
  }

  async start(): Promise<void> {
    checkBindAllowed('sluice-taskmanager', this.config.host, this.config.security, (message) => this.log.warn(message));
    this.advertisedHost = await resolveAdvertisedHost(this.config.host, this.config.advertisedHost);
    if (this.config.healthPort !== 0) {
      const health = await startHealthServer(this.config.host, this.config.healthPort, () => ({ ready: this.connection.state === 'REGISTERED', state: this.connection.state }));
      this.health = health.server;
    }
    this.workers = await SlotWorkers.start(
      { taskManagerId: this.id, slots: this.config.slots, host: this.config.host, advertisedHost: this.advertisedHost, dataPort: this.config.dataPort, security: this.config.security, storageTimeoutMs: this.config.storageTimeoutMs },
      (msg) => this.onWorkerMessage(msg),
      (slot, code) => {
        if (this.connection.state !== 'STOPPED') {
          this.log.error(`slot ${slot} worker exited with code ${code}; stopping the TaskManager`);
          process.exit(1);
        }
      },
    );
    const { server, port } = await startTaskExecutorServer(
      {
        deployTask: (d) => this.deployTask(d),
        cancelTask: (t) => this.cancelTask(t),
        triggerCheckpoint: (trigger) => {
          const slot = this.taskSlots.get(taskKey(trigger.task));
          if (slot !== undefined) this.workers.send(slot, { type: 'trigger-checkpoint', trigger });
          else void this.rm.declineCheckpoint({ ...trigger.task, checkpointId: trigger.checkpointId, reason: `task ${trigger.task.vertexId}/${trigger.task.subtask} is not running on TaskManager ${this.id}` }).catch(() => {});
        },
        notifyCheckpoint: (notification) => this.workers.broadcast({ type: 'notify-checkpoint', notification }),
        output: (request) => {
          const tail = request.kind === 'stdout' ? this.workers.stdoutTail : processLogTail;
          const { text, truncated } = tail.text(request.maxBytes || undefined);
          return { text, truncated, size: tail.size, modifiedAt: tail.modifiedAt };
        },
        profileTask: (request) => this.profileTask(request),
        // A task that is not (or no longer) here drops its enumerator's events: a task that
        // ended needs none, and one that failed gets its splits back through the failover.
        sendEventToTask: (event) => {
          const task = present(event.task, 'task (EnumeratorToReaderEvent.task)');
          const slot = this.taskSlots.get(taskKey(task));
          if (slot !== undefined) this.workers.send(slot, { type: 'operator-event', event: { ...event, task } });
        },
      },
      this.config.host,
      this.config.rpcPort,
      this.config.security,
    );
    this.server = server;
    this.rpcPort = port;
    this.log.info(`started`, { rpc: hostPort(this.advertisedHost, port), bind: this.config.host, health: this.config.healthPort || undefined, slots: this.config.slots, dataPorts: this.workers.slots.map((s) => s.dataPort) });
    void this.registerLoop();
  }

  /**
   * Leaves the cluster: closing the Connect stream tells the JobManager at once that this
   * TaskManager is gone (it fails the affected jobs over to their last checkpoint, as for a
   * crash, but without waiting for a heartbeat timeout), then the slot workers stop.
   */
  async stop(): Promise<void> {
    if (!this.connection.tryTransition('STOPPED')) return;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.stream?.cancel();
    this.workers?.broadcast({ type: 'shutdown' });
    await Promise.race([this.updates, new Promise((r) => setTimeout(r, 1000))]);
    for (const c of this.jobManagers) c.close();
    this.server?.forceShutdown();
    this.health?.close();
    await this.workers?.terminate();
  }

  // ------------------------------------------------------------------ JobManager connection

  private async registerLoop(): Promise<void> {
    if (!this.connection.tryTransition('REGISTERING')) return;
    let warned = false;
    while (this.connection.state === 'REGISTERING') {
      // Several addresses: ask each in turn; only the leader accepts (standbys answer NOT_LEADER).
      const candidate = this.jobManagers[this.nextJobManager++ % this.jobManagers.length];
      try {
        const res = await candidate.register({
          taskManagerId: this.id,
          rpcAddress: hostPort(this.advertisedHost, this.rpcPort),
          slots: this.workers.slots,
          memoryBytes: os.totalmem(),
          cpuCores: os.cpus().length,
          pid: process.pid,
        });
        if (!this.connection.tryTransition('REGISTERED')) return;
        this.rm = candidate;
        this.log.info(`registered at JobManager ${candidate.address}`, { jobManagerId: res.jobManagerId });
        this.openConnectStream();
        this.heartbeatTimer = setInterval(() => this.heartbeat(), Math.max(100, res.heartbeatIntervalMs || 1000));
        return;
      } catch (err) {
        if (!warned) this.log.warn(`cannot register at JobManager ${candidate.address}, retrying: ${errorMessage(err)}`);
        warned = true;
        // A full round over all addresses without success: wait before the next one.
        if (this.nextJobManager % this.jobManagers.length === 0) await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private openConnectStream(): void {
    const stream = this.rm.connect(this.id);
    this.stream = stream;
    stream.on('data', () => {});
    const lost = (why: string) => {
      if (this.stream !== stream) return;
      this.stream = undefined;
      this.jobManagerLost(why);
    };
    stream.on('error', (err: Error) => lost(err.message));
    stream.on('end', () => lost('connection closed'));
  }

  private jobManagerLost(why: string): void {
    if (!this.connection.tryTransition('DISCONNECTED')) return;
    this.log.warn(`lost the JobManager (${why}); cancelling tasks and registering again`);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    for (const key of this.taskSlots.keys()) {
      const [jobId, attempt, vertexId, subtask] = key.split('/');
      this.cancelTask({ jobId, attempt: Number(attempt), vertexId, subtask: Number(subtask) });
    }
    this.artifacts.clear();
    void this.registerLoop();
  }

  private heartbeat(): void {
    const metrics = this.metrics.sample();
    this.rm.heartbeat({ taskManagerId: this.id, metrics }).then(
      (res) => {
        if (!res.known) this.jobManagerLost('the JobManager does not know this TaskManager');
      },
      () => {
        /* the Connect stream or the next heartbeat tells */
      },
    );
  }

  // ------------------------------------------------------------------ tasks

  private async deployTask(d: TaskDeploymentDescriptor): Promise<void> {
    if (d.slot >= this.config.slots) throw new InvalidArgumentError(`slot ${d.slot} does not exist on TaskManager ${this.id} (${this.config.slots} slots)`);
    let info = this.artifacts.get(d.jobId);
    if (!info) {
      info = this.rm.getJobArtifact(d.jobId);
      this.artifacts.set(d.jobId, info);
      info.catch(() => this.artifacts.delete(d.jobId));
    }
    const job = await info;
    this.taskSlots.set(taskKey(d), d.slot);
    this.workers.send(d.slot, { type: 'deploy', descriptor: d, job });
  }

  private cancelTask(t: TaskRef): void {
    const slot = this.taskSlots.get(taskKey(t));
    if (slot === undefined) return;
    this.workers.send(slot, { type: 'cancel', task: t });
  }

  /** Profiles the slot worker thread that runs the task (and the other subtasks sharing its slot). */
  private async profileTask(request: ProfileTaskRequest & { task: TaskRef }): Promise<ProfileTaskResponseInput> {
    const slot = this.taskSlots.get(taskKey(request.task));
    if (slot === undefined) throw new SluiceError('VERTEX_NOT_FOUND', `Task ${request.task.vertexId}/${request.task.subtask} of job ${request.task.jobId} is not running on TaskManager ${this.id}`, { domain: 'user' });
    const durationMs = Math.min(Math.max(1, request.durationMs || 1000), MAX_PROFILE_MS);
    const requestId = this.nextProfileRequest++;
    const startTime = Date.now();
    const result = new Promise<FromWorker & { type: 'profile-result' }>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.profileRequests.delete(requestId);
        reject(new SluiceError('INTERNAL', `Slot ${slot} did not return its CPU profile within ${durationMs + 10_000} ms`, { retryable: true }));
      }, durationMs + 10_000);
      this.profileRequests.set(requestId, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    this.workers.send(slot, { type: 'profile', requestId, durationMs, samplingIntervalUs: request.samplingIntervalUs });
    const r = await result;
    if (r.error) throw new SluiceError('ILLEGAL_STATE', `Cannot profile slot ${slot}: ${r.error}`, { domain: 'user', retryable: true });
    return { profileJson: r.profileJson, slot, startTime, endTime: Date.now() };
  }

  private onWorkerMessage(msg: FromWorker): void {
    switch (msg.type) {
      case 'profile-result':
        this.profileRequests.get(msg.requestId)?.(msg);
        this.profileRequests.delete(msg.requestId);
        return;
      case 'task-state': {
        const key = taskKey(msg.task);
        if (msg.state === 'FINISHED' || msg.state === 'CANCELED' || msg.state === 'FAILED') {
          this.metrics.ended(msg.task);
          this.taskSlots.delete(key);
          if (![...this.taskSlots.keys()].some((k) => k.startsWith(msg.task.jobId + '/'))) this.artifacts.delete(msg.task.jobId);
        }
        if (msg.state === 'FAILED') this.log.warn(`task failed: ${msg.error}`);
        const update: TaskExecutionState = { taskManagerId: this.id, ...msg.task, state: msg.state, error: msg.error, endOfData: msg.endOfData, errorInfo: msg.errorInfo ?? null };
        // In order, one at a time: a FINISHED must never overtake its RUNNING.
        this.updates = this.updates.then(() => this.rm.updateTaskState(update)).catch((err) => this.log.warn(`cannot report task state: ${errorMessage(err)}`));
        return;
      }
      case 'task-metrics':
        this.metrics.add(msg.task, msg.buffer);
        return;
      case 'checkpoint-ack':
        // After the task's earlier state reports, so the JobManager knows the task when it acks.
        this.updates = this.updates.then(() => this.rm.acknowledgeCheckpoint(msg.ack)).catch((err) => this.log.warn(`cannot acknowledge checkpoint ${msg.ack.checkpointId}: ${errorMessage(err)}`));
        return;
      case 'checkpoint-decline':
        this.log.warn(`declining checkpoint ${msg.decline.checkpointId}: ${msg.decline.reason}`);
        this.updates = this.updates.then(() => this.rm.declineCheckpoint(msg.decline)).catch(() => {});
        return;
      case 'coordinator-event':
        this.coordinatorEvents = this.coordinatorEvents.then(() => this.rm.sendEventToCoordinator(msg.event)).catch((err) => this.log.warn(`cannot send a source reader's event to its enumerator: ${errorMessage(err)}`));
        return;
      case 'fatal':
        this.log.error(`slot worker failed: ${msg.error}`);
        return;
      case 'ready':
        return;
    }
  }
}

