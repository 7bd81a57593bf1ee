import Fastify, { type FastifyInstance } from 'fastify';
import * as path from 'node:path';
import { Logger } from '../../common/logger';
import type { CheckpointingGateway } from '../checkpoint/checkpointing-gateway';
import type { JobManagerConfig } from '../config';
import type { Dispatcher } from '../dispatcher/dispatcher';
import type { JobManagerMetrics } from '../metrics/prometheus-metrics';
import type { TaskMetricsStore } from '../metrics/task-metrics-store';
import type { SlotPool } from '../resource/slot-pool';
import type { TaskManagerRegistry } from '../resource/task-manager-registry';
import { registerMutationAuth } from './mutation-auth';
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandling } from './error-handler';
import type { JobArchive } from '../history/job-archive';
import type { TaskManagerInspection } from '../rpc/task-executor-client';
import { registerArchiveFallback } from './history/archive-fallback';
import { JarStore } from './jars/jar-store';
import { registerClusterConfigRoutes } from './routes/cluster-config-routes';
import { registerDashboardRoute } from './routes/dashboard-route';
import { type JarsRouteOptions, registerJarsRoutes } from './routes/jars-routes';
import { registerJobCancelRoute } from './routes/job-cancel-route';
import { registerJobCheckpointDetailsRoutes } from './routes/job-checkpoint-details-routes';
import { registerJobCheckpointsRoute } from './routes/job-checkpoints-route';
import { registerJobConfigRoutes } from './routes/job-config-routes';
import { registerJobDetailRoute } from './routes/job-detail-route';
import { registerJobExceptionsRoute } from './routes/job-exceptions-route';
import { registerJobFlameGraphRoute } from './routes/job-flame-graph-route';
import { registerJobPlanRoute } from './routes/job-plan-route';
import { registerJobVertexRoutes } from './routes/job-vertex-routes';
import { registerJobsRoutes } from './routes/jobs-routes';
import { registerJobManagerLogRoutes } from './routes/jobmanager-log-routes';
import { registerMetricsRoute } from './routes/metrics-route';
import { registerOverviewRoute } from './routes/overview-route';
import { HEALTH_ROUTES, registerHealthRoutes } from './routes/health-routes';
import { registerSavepointRoutes } from './routes/savepoint-routes';
import { registerTaskManagerDetailRoute } from './routes/taskmanager-detail-route';
import { registerTaskManagerOutputRoutes } from './routes/taskmanager-output-routes';
import { registerTaskManagersRoute } from './routes/taskmanagers-route';
import { SavepointOperations } from './savepoints/savepoint-operations';

/** What the REST API reads: the JobManager object satisfies it. */
export interface RestBackend {
  readonly config: JobManagerConfig;
  readonly dispatcher: Dispatcher;
  readonly registry: TaskManagerRegistry;
  readonly slotPool: SlotPool;
  readonly metrics: TaskMetricsStore;
  readonly checkpointing: CheckpointingGateway;
  readonly prometheus: JobManagerMetrics;
  /** A TaskManager's output and CPU profiles, over gRPC. */
  readonly taskExecutors: TaskManagerInspection;
  /** Jobs that ended, kept across restarts; their views are served when the dispatcher no longer has them. */
  readonly archive?: JobArchive;
  /** False on a standby JobManager: it answers 503 until elected. */
  readonly isLeader?: boolean;
}

export interface RestAppOptions extends JarsRouteOptions {
  /** Where the built dashboard is; the package's dist/dashboard by default. */
  readonly dashboardDir?: string;
  /** How often the dashboard polls (GET /config). @default 1000 */
  readonly refreshIntervalMs?: number;
}

/**
 * Builds the REST API (Flink's shapes) and the dashboard without listening, so tests can call
 * `app.inject()`. The caller listens and closes.
 */
export function buildRestApp(backend: RestBackend, log: Logger = new Logger('rest'), options: RestAppOptions = {}): FastifyInstance {
  const security = backend.config.security;
  const app = Fastify({
    // TLS from the JobManager's PEM files; the instance is typed as plain HTTP, which is all the routes see.
    ...(security.tlsCert ? { https: { cert: security.tlsCert, key: security.tlsKey } } : {}),
    logger: false,
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    // A misspelt body field (`targetDirectory` where Flink says `target-directory`) is refused with
    // a 400 naming it instead of being dropped, and `{"parallelism": "2"}` or `{"drain": 1}` is a
    // 400 instead of being coerced (no route takes numbers from the URL, where coercion helps).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  }) as unknown as FastifyInstance;
  registerErrorHandling(app, log);
  registerMutationAuth(app, security.token);
  app.addHook('onRequest', async (request, reply) => {
    if (backend.isLeader === false && !HEALTH_ROUTES.has(request.url.split('?')[0])) return reply.code(503).send({ errors: ['This JobManager is a standby: the leader JobManager serves the REST API and the dashboard'] });
  });
  registerArchiveFallback(app, backend);
  // Probes at the root only: orchestrators know one path.
  registerHealthRoutes(app, backend);
  // One of each for both prefixes: a savepoint triggered under /v1/ is polled under either.
  const shared: SharedRouteState = { jars: new JarStore(path.join(backend.config.dataDir, 'jars')), savepoints: new SavepointOperations() };
  // Flink serves its REST API both at the root and under /v1/: the same handlers on both.
  for (const prefix of ['', '/v1']) {
    void app.register(async (scope) => registerApiRoutes(scope, backend, shared, () => restAddress(app), options), { prefix });
  }
  registerDashboardRoute(app, options.dashboardDir);
  return app;
}

interface SharedRouteState {
  readonly jars: JarStore;
  readonly savepoints: SavepointOperations;
}

function registerApiRoutes(app: FastifyInstance, backend: RestBackend, shared: SharedRouteState, address: () => string, options: RestAppOptions): void {
  registerOverviewRoute(app, backend);
  registerJobsRoutes(app, backend);
  registerJobDetailRoute(app, backend);
  registerJobPlanRoute(app, backend);
  registerJobConfigRoutes(app, backend);
  registerJobVertexRoutes(app, backend);
  registerJobFlameGraphRoute(app, backend);
  registerJobCancelRoute(app, backend);
  registerJobExceptionsRoute(app, backend);
  registerJobCheckpointsRoute(app, backend);
  registerJobCheckpointDetailsRoutes(app, backend);
  registerSavepointRoutes(app, backend, shared.savepoints);
  registerTaskManagersRoute(app, backend);
  registerTaskManagerDetailRoute(app, backend);
  registerTaskManagerOutputRoutes(app, backend);
  registerJobManagerLogRoutes(app);
  registerClusterConfigRoutes(app, backend, options.refreshIntervalMs ?? 1_000);
  registerMetricsRoute(app, backend);
  registerJarsRoutes(app, backend, shared.jars, address, options);
}

/** The URL the app listens on ('' before it listens, e.g. under inject()). */
function restAddress(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') return '';
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${app.initialConfig.https ? 'https' : 'http'}://${host}:${address.port}`;
}
