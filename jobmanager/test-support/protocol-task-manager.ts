import * as grpc from '@grpc/grpc-js';
import { sluiceService } from '../../proto/load-proto';
import { CLIENT_CHANNEL_OPTIONS, SERVER_OPTIONS, callUnary } from '../../proto/grpc-calls';
import type { TaskDeploymentDescriptor, TaskMetrics, TaskRef, TaskState, ConnectEvent } from '../../proto/messages';

export interface ProtocolTaskManagerOptions {
  /** host:port of the JobManager's gRPC server. */
  readonly jobManagerAddress: string;
  readonly id: string;
  readonly slots?: number;
  /** Data port of slot 0; slot i gets dataPortBase + i. Nothing connects to it in JobManager tests. */
  readonly dataPortBase?: number;
  /** Report RUNNING right after each DeployTask. @default false */
  readonly autoRun?: boolean;
  /** Report CANCELED right after each CancelTask. @default true */
  readonly autoCancel?: boolean;
  /** Reject DeployTask with this error message. */
  readonly rejectDeploy?: string;
  /** Open the Connect stream after registering. @default true */
  readonly connect?: boolean;
}

/**
 * A TaskManager peer for JobManager tests that speaks the real protocol over real gRPC: it
 * serves TaskExecutorGateway (recording DeployTask/CancelTask calls), registers through
 * ResourceManagerGateway, holds the Connect stream open and reports task states. It runs
 * no tasks; the test decides what each task reports.
 */
export class ProtocolTaskManager {
  readonly deployments: TaskDeploymentDescriptor[] = [];
  readonly cancellations: TaskRef[] = [];
  readonly connectEvents: string[] = [];
  /**
   * Automatic reports (autoRun/autoCancel) that the JobManager did not take, e.g. because a
   * test closed it while a redeploy was in flight. Kept so a test can assert on them; never
   * left as unhandled rejections that fail the whole run.
   */
  readonly lostAutoReports: Error[] = [];
  /** Set when the JobManager ended the Connect stream. */
  connectEnded = false;
  private connectCall: grpc.ClientReadableStream<ConnectEvent> | undefined;
  private readonly rm: grpc.Client;

  private constructor(
    readonly options: ProtocolTaskManagerOptions,
    private readonly server: grpc.Server,
    readonly rpcAddress: string,
  ) {
    const Ctor = sluiceService('ResourceManagerGateway');
    this.rm = new Ctor(options.jobManagerAddress, grpc.credentials.createInsecure(), CLIENT_CHANNEL_OPTIONS);
  }

  get id(): string {
    return this.options.id;
  }

  /** Starts the TaskExecutorGateway server, registers and connects. */
  static async start(options: ProtocolTaskManagerOptions): Promise<ProtocolTaskManager> {
    const server = new grpc.Server(SERVER_OPTIONS);
    let self: ProtocolTaskManager | undefined;
    server.addService(sluiceService('TaskExecutorGateway').service, {
      DeployTask: (call: grpc.ServerUnaryCall<TaskDeploymentDescriptor, object>, cb: grpc.sendUnaryData<object>) => {
        self!.deployments.push(call.request);
        if (options.rejectDeploy) return cb({ code: grpc.status.INVALID_ARGUMENT, details: options.rejectDeploy });
        cb(null, {});
        if (options.autoRun) self!.autoReport(call.request, 'RUNNING');
      },
      CancelTask: (call: grpc.ServerUnaryCall<TaskRef, object>, cb: grpc.sendUnaryData<object>) => {
        self!.cancellations.push(call.request);
        cb(null, {});
        if (options.autoCancel ?? true) self!.autoReport(call.request, 'CANCELED');
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    self = new ProtocolTaskManager(options, server, `127.0.0.1:${port}`);
    await self.register();
    if (options.connect ?? true) await self.openConnect();
    return self;
  }

  async register(): Promise<void> {
    const base = this.options.dataPortBase ?? 20_000;
    await callUnary(
      this.rm,
      'RegisterTaskManager',
      {
        taskManagerId: this.id,
        rpcAddress: this.rpcAddress,
        slots: Array.from({ length: this.options.slots ?? 2 }, (_, i) => ({ index: i, dataHost: '127.0.0.1', dataPort: base + i })),
        memoryBytes: 1024 * 1024 * 1024,
        cpuCores: 2,
        pid: process.pid,
      },
      'JobManager',
    );
  }

  /** Opens the Connect stream and resolves once the JobManager said "connected". */
  openConnect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const call = (this.rm as unknown as { Connect(req: object): grpc.ClientReadableStream<ConnectEvent> }).Connect({ taskManagerId: this.id });
      this.connectCall = call;
      this.connectEnded = false;
      call.on('data', (ev: { kind: string }) => {
        this.connectEvents.push(ev.kind);
        if (ev.kind === 'CONNECTED') resolve();
      });
      call.on('error', (err) => {
        this.connectEnded = true;
        reject(err);
      });
      call.on('end', () => {
        this.connectEnded = true;
      });
    });
  }

  /** Closes the Connect stream from this side, as a dying TaskManager's connection would close. */
  disconnect(): void {
    this.connectCall?.cancel();
    this.connectCall = undefined;
  }

  async heartbeat(metrics: TaskMetrics[] = []): Promise<boolean> {
    const res = await callUnary<object, { known: boolean }>(this.rm, 'Heartbeat', { taskManagerId: this.id, metrics }, 'JobManager');
    return res.known;
  }

  /** Reports a task's state to the JobManager. */
  async report(task: TaskRef, state: TaskState, error = ''): Promise<void> {
    await callUnary(
      this.rm,
      'UpdateTaskExecutionState',
      { taskManagerId: this.id, jobId: task.jobId, attempt: task.attempt, vertexId: task.vertexId, subtask: task.subtask, state, error },
      'JobManager',
    );
  }

  private autoReport(task: TaskRef, state: TaskState): void {
    this.report(task, state).catch((err: Error) => this.lostAutoReports.push(err));
  }

  /** Reports `state` for every deployed task (optionally only those of one vertex). */
  async reportAll(state: TaskState, vertexId?: string): Promise<void> {
    for (const d of this.deployments) if (!vertexId || d.vertexId === vertexId) await this.report(d, state);
  }

  async close(): Promise<void> {
    this.disconnect();
    this.rm.close();
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
  }
}
