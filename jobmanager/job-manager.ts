import * as path from 'node:path';
import { parseRedisLocation } from '../common/checkpoint/redis-location';
import * as fs from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, errorMessage } from '../common/errors';
import { HaStore } from './ha/ha-store';
import { RedisLeaderElection } from './ha/leader-election';
import { gateService } from '../proto/grpc-calls';
import { NotLeaderError } from '../common/errors';
import { Logger } from '../common/logger';
import { SERVER_OPTIONS } from '../proto/grpc-calls';
import { grpcServerCredentials, grpcServerOptions } from '../proto/grpc-security';
import { checkBindAllowed } from '../common/security';
import type { JobManagerConfig } from './config';
import { Dispatcher } from './dispatcher/dispatcher';
import { type RestartStrategyFactory, defaultRestartStrategyFactory } from './failover/restart-strategy';
import { JobManagerMetrics } from './metrics/prometheus-metrics';
import { TaskMetricsStore } from './metrics/task-metrics-store';
import { SlotPool } from './resource/slot-pool';
import { TaskManagerRegistry } from './resource/task-manager-registry';
import { JobArchive } from './history/job-archive';
import { archiveJobViews } from './rest/history/job-archivist';
import { buildRestApp } from './rest/rest-server';
import { hostPort, resolveAdvertisedHost } from '../common/advertised-host';
import { createJobManagerGatewayService } from './rpc/job-manager-gateway-service';
import { createResourceManagerGatewayService } from './rpc/resource-manager-gateway-service';
import { TaskExecutorClients } from './rpc/task-executor-client';
import { CheckpointService } from './checkpoint/checkpoint-service';
import type { CheckpointingGateway } from './checkpoint/checkpointing-gateway';

export interface JobManagerOptions {
  readonly config: JobManagerConfig;
  /** How each job's restart strategy is made; `none` for every job by default. */
  readonly restartStrategyFactory?: RestartStrategyFactory;
  readonly log?: Logger;
  /** The leadership was lost (another JobManager leads now). @default the process exits */
  readonly onLeadershipLost?: (why: string) => void;
}

/** As Flink's JobManager: a deposed leader stops; its supervisor starts it again as a standby. */
function defaultOnLeadershipLost(why: string): void {
  process.stderr.write(`JobManager lost its leadership (${why}); exiting\n`);
  process.exit(1);
}

/** Where a started JobManager listens (the ports actually bound). */
export interface JobManagerAddresses {
  readonly rpcAddress: string;
  readonly rpcPort: number;
  readonly restUrl: string;
  readonly restPort: number;
}

/**
 * The JobManager process's parts, wired: the TaskManager registry feeds the slot pool and
 * tells the dispatcher about losses; the dispatcher runs one Scheduler per job; gRPC serves
 * clients (JobManagerGateway) and TaskManagers (ResourceManagerGateway); REST serves users.
 */
export class JobManager {
  readonly id = randomBytes(8).toString('hex');
  readonly log: Logger;
  readonly registry: TaskManagerRegistry;
  readonly slotPool = new SlotPool();
  readonly metrics = new TaskMetricsStore();
  readonly taskExecutors: TaskExecutorClients;
  readonly dispatcher: Dispatcher;
  /** Checkpoint statistics and savepoints of every job. */
  readonly checkpointing: CheckpointingGateway;
  /** Job graphs, artifacts and checkpoint pointers for recovery. */
  readonly ha: HaStore;
  /** Ended jobs' REST views, kept in the HA store across restarts. */
  readonly archive: JobArchive;
  /** With a Redis HA store: the election among JobManagers sharing it. */
  private election: RedisLeaderElection | undefined;
  /** Prometheus metrics (`GET /metrics`). */
  readonly prometheus: JobManagerMetrics;
  private readonly grpcServer: grpc.Server;
  private rest: FastifyInstance | undefined;
  private addresses: JobManagerAddresses | undefined;
  private closing: Promise<void> | undefined;

  constructor(readonly options: JobManagerOptions) {
    const config = options.config;
    this.log = options.log ?? new Logger('jobmanager');
    this.taskExecutors = new TaskExecutorClients(undefined, config.security);
    this.grpcServer = new grpc.Server(
      grpcServerOptions(config.security, {
        ...SERVER_OPTIONS,
        // Detects a TaskManager whose host vanished without closing its connection.
        'grpc.keepalive_time_ms': 10_000,
        'grpc.keepalive_timeout_ms': 5_000,
      }),
    );
    this.ha = new HaStore(config.haStore);
    this.archive = new JobArchive(this.ha, config.archivedJobs, this.log.child('archive'));
    this.registry = new TaskManagerRegistry({
      heartbeatTimeoutMs: config.heartbeatTimeoutMs,
      checkIntervalMs: Math.max(10, Math.min(config.heartbeatIntervalMs, Math.floor(config.heartbeatTimeoutMs / 4))),
      log: this.log.child('resource-manager'),
    });
    this.dispatcher = new Dispatcher({
      slotPool: this.slotPool,
      taskExecutors: this.taskExecutors,
      metrics: this.metrics,
      restartStrategyFactory: options.restartStrategyFactory ?? defaultRestartStrategyFactory,
      slotRequestTimeoutMs: config.slotRequestTimeoutMs,
      cancelTimeoutMs: config.cancelTimeoutMs,
      checkpointStorage: config.checkpointStorage,
      checkpointDefaults: config.checkpointDefaults,
      ha: this.ha,
      log: this.log.child('dispatcher'),
      onRestart: (jobId) => this.prometheus.jobRestarted(jobId),
      archiveJob: (jobId) => this.archiveJob(jobId),
      isArchived: (jobId) => this.archive.get(jobId) !== undefined,
    });
    this.checkpointing = new CheckpointService(this.dispatcher, config.savepointDir, this.log.child('checkpoints'));
    this.prometheus = new JobManagerMetrics(this);
    this.registry.addListener({ onHeartbeat: (tm) => this.prometheus.heartbeatReceived(tm.id) });
    this.registry.addListener({
      onRegistered: (tm) => this.slotPool.addTaskManager(tm.id, tm.rpcAddress, tm.slots),
      onLost: (tm, reason) => {
        this.slotPool.removeTaskManager(tm.id);
        this.taskExecutors.forget(tm.rpcAddress);
        this.dispatcher.onTaskManagerLost(tm.id, reason);
      },
    });
  }

  get config(): JobManagerConfig {
    return this.options.config;
  }

  /** Only the leader serves clients and TaskManagers; without election, always. */
  get isLeader(): boolean {
    return this.election === undefined || this.election.isLeader;
  }

  /** Binds gRPC and REST (port 0 picks free ports) and starts the heartbeat monitor. */
  async start(): Promise<JobManagerAddresses> {
    if (this.addresses) return this.addresses;
    const { host, rpcPort, restPort, dataDir } = this.config;
    // Nothing is written to the data directory yet (the HA store will be); it is created on
    // first use, so only a path that cannot become a directory is refused here.
    if (fs.existsSync(dataDir) && !fs.statSync(dataDir).isDirectory()) throw new InvalidArgumentError(`Data directory ${dataDir} exists and is not a directory`);
    checkBindAllowed('sluice-jobmanager', host, this.config.security, (message) => this.log.warn(message));
    const jmGateway = createJobManagerGatewayService(this.dispatcher, this.checkpointing, {
      summaries: () => this.archive.summaries((jobId) => this.dispatcher.has(jobId)),
      status: (jobId) => this.archive.status(jobId),
    });
    const rmGateway = createResourceManagerGatewayService({
      jobManagerId: this.id,
      heartbeatIntervalMs: this.config.heartbeatIntervalMs,
      registry: this.registry,
      dispatcher: this.dispatcher,
      metrics: this.metrics,
    });
    const standby = () => new NotLeaderError(`This JobManager is a standby (not the leader); use another of the JobManager addresses`);
    this.grpcServer.addService(jmGateway.definition, gateService(jmGateway.implementation, () => this.isLeader, standby));
    this.grpcServer.addService(rmGateway.definition, gateService(rmGateway.implementation, () => this.isLeader, standby));
    const boundRpcPort = await new Promise<number>((resolve, reject) => {
      this.grpcServer.bindAsync(hostPort(host, rpcPort), grpcServerCredentials(this.config.security), (err, port) => {
        if (err) reject(new InvalidArgumentError(`Cannot listen for RPC on ${host}:${rpcPort}: ${err.message}`));
        else resolve(port);
      });
    });

    const builds = this.config.jobBuilds;
    this.rest = buildRestApp(this, this.log.child('rest'), {
      maxJobFileBytes: builds.maxJobFileBytes,
      maxConcurrentBuilds: builds.maxConcurrent,
      maxQueuedBuilds: builds.maxQueued,
      maxBuildMemoryMb: builds.memoryMb,
      jobFileTimeoutMs: builds.timeoutMs,
    });
    try {
      await this.rest.listen({ host, port: restPort });
    } catch (err) {
      this.grpcServer.forceShutdown();
      throw new InvalidArgumentError(`Cannot listen for REST on ${host}:${restPort}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const address = this.rest.server.address();
    const boundRestPort = typeof address === 'object' && address ? address.port : restPort;
    this.registry.start();
    const advertised = await resolveAdvertisedHost(host, this.config.advertisedHost);
    this.addresses = {
      rpcAddress: hostPort(advertised, boundRpcPort),
      rpcPort: boundRpcPort,
      restUrl: `${this.config.security.tlsCert ? 'https' : 'http'}://${hostPort(advertised, boundRestPort)}`,
      restPort: boundRestPort,
    };
    this.log.info('JobManager started', { id: this.id, rpc: this.addresses.rpcAddress, rest: this.addresses.restUrl, bind: host, dataDir });
    const recover = () =>
      this.archive
        .load()
        .then(() => this.dispatcher.recoverJobs())
        .then((ids) => this.reportRecovered(ids))
        .catch((err) => this.log.error(`Could not recover jobs from the HA store ${this.config.haStore}: ${errorMessage(err)}`));
    if (this.config.haStore.startsWith('redis://')) {
      // Several JobManagers may share this store: only the elected one works.
      const { base, path: keyPath } = parseRedisLocation(this.config.haStore)!;
      const namespace = keyPath.replace(/^\//, '').replace(/\//g, ':') || 'default';
      const election = new RedisLeaderElection({ redisBase: base, namespace, self: { id: this.id, rpcAddress: this.addresses.rpcAddress, restUrl: this.addresses.restUrl }, log: this.log.child('leader-election') });
      this.election = election;
      election.onStateChange((from, to) => this.log.info(`Leader election: ${from} -> ${to}`));
      election.start(
        (token) => {
          this.ha.fence = { tokenKey: election.tokenKeyName, token };
          void recover();
        },
        (why) => (this.options.onLeadershipLost ?? defaultOnLeadershipLost)(why),
      );
    } else {
      // Jobs are back before the JobManager says it started; they wait for TaskManagers to
      // register again (a second or so) for their slots.
      await recover();
    }
    return this.addresses;
  }

  /** Takes the ended job's REST views while the dispatcher still has it (see jobmanager/history). */
  /**
   * Jobs that came back from the HA store were submitted before this JobManager started: a
   * stale data directory in a checkout would otherwise resume a job nobody just submitted,
   * without a word. Says which, and how to start clean.
   */
  private reportRecovered(jobIds: readonly string[]): void {
    if (jobIds.length === 0) return;
    const jobs = jobIds.map((id) => `'${this.dispatcher.get(id).graph.name}' (${id})`).join(', ');
    const store = this.config.haStore;
    const storeDir = store.startsWith('file://') ? store.slice('file://'.length) : undefined;
    const dataDir = path.resolve(this.config.dataDir);
    const clean = storeDir === undefined ? `remove the keys under ${store}` : `stop the cluster and delete ${storeDir.startsWith(dataDir + path.sep) ? dataDir : storeDir}`;
    this.log.warn(`Recovered ${jobIds.length} job(s) from the HA store ${store}: ${jobs}. They were submitted before this JobManager started and resume from their latest checkpoint; to start clean, ${clean}.`);
  }

  private async archiveJob(jobId: string): Promise<void> {
    if (!this.rest || this.archive.capacity === 0) return;
    const views = await archiveJobViews(this.rest, jobId);
    // The one-line cause the CLI shows (`status`, an attached run), as it was while the job was live.
    const failureCause = this.dispatcher.has(jobId) ? this.dispatcher.get(jobId).scheduler.failureCause : undefined;
    const archived = failureCause ? { ...views, failureCause } : views;
    await this.archive.add(archived);
    this.log.info(`Archived job '${archived.name}' (${jobId}) as ${archived.state}`, { documents: Object.keys(archived.documents).length });
  }

  /**
   * Shuts down: asks TaskManagers to cancel running tasks (best effort, bounded), ends the
   * TaskManagers' Connect streams, and closes both servers. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    this.log.info('JobManager shutting down');
    this.election?.stop();
    await this.dispatcher.shutdown(2_000);
    this.slotPool.close();
    this.registry.close();
    this.taskExecutors.close();
    await this.rest?.close().catch(() => undefined);
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        this.grpcServer.forceShutdown();
        resolve();
      }, 1_000);
      force.unref();
      this.grpcServer.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }
}
