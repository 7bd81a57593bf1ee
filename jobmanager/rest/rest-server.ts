import Fastify, { type FastifyInstance } from 'fastify';
import { Logger } from '../../common/logger';
import type { Dispatcher } from '../dispatcher/dispatcher';
import type { TaskMetricsStore } from '../metrics/task-metrics-store';
import type { SlotPool } from '../resource/slot-pool';
import type { TaskManagerRegistry } from '../resource/task-manager-registry';
import { frameworkErrorHandler, registerErrorHandling } from './error-handler';
import { registerDashboardRoute } from './routes/dashboard-route';
import { registerJobCancelRoute } from './routes/job-cancel-route';
import { registerJobDetailRoute } from './routes/job-detail-route';
import { registerJobExceptionsRoute } from './routes/job-exceptions-route';
import { registerJobsRoutes } from './routes/jobs-routes';
import { registerOverviewRoute } from './routes/overview-route';
import { registerTaskManagersRoute } from './routes/taskmanagers-route';

/** What the REST API reads: the JobManager object satisfies it. */
export interface RestBackend {
  readonly dispatcher: Dispatcher;
  readonly registry: TaskManagerRegistry;
  readonly slotPool: SlotPool;
  readonly metrics: TaskMetricsStore;
}

/**
 * Builds the REST API (Flink's shapes) without listening, so tests can call `app.inject()`.
 * The caller listens and closes.
 */
export function buildRestApp(backend: RestBackend, log: Logger = new Logger('rest')): FastifyInstance {
  const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true }, bodyLimit: 1024 * 1024, frameworkErrors: frameworkErrorHandler });
  registerErrorHandling(app, log);
  registerOverviewRoute(app, backend);
  registerJobsRoutes(app, backend);
  registerJobDetailRoute(app, backend);
  registerJobCancelRoute(app, backend);
  registerJobExceptionsRoute(app, backend);
  registerTaskManagersRoute(app, backend);
  registerDashboardRoute(app);
  return app;
}
