/**
 * Shapes of the JobManager's REST answers the dashboard reads (docs/rest-api.md): each is the
 * route's own TypeBox schema, so the dashboard cannot drift from the server. Type-only
 * imports: nothing of the server is bundled.
 */
import type { Static } from '@sinclair/typebox';
import type { DashboardConfig as DashboardConfigSchema } from '../../../jobmanager/rest/routes/cluster-config-routes';
import type { JarList } from '../../../jobmanager/rest/routes/jars-routes';
import type { CheckpointDetailsSchema } from '../../../jobmanager/rest/routes/job-checkpoint-details-routes';
import type { CheckpointEntrySchema, CheckpointStatsSchema } from '../../../jobmanager/rest/routes/job-checkpoints-route';
import type { CheckpointConfigSchema, JobConfigSchema } from '../../../jobmanager/rest/routes/job-config-routes';
import type { JobDetail as JobDetailSchema, JobVertexDetail } from '../../../jobmanager/rest/routes/job-detail-route';
import type { JobExceptions as JobExceptionsSchema } from '../../../jobmanager/rest/routes/job-exceptions-route';
import type { JobPlan } from '../../../jobmanager/rest/routes/job-plan-route';
import type { SubtaskDetail as SubtaskDetailSchema, VertexDetail as VertexDetailSchema, WatermarksSchema } from '../../../jobmanager/rest/routes/job-vertex-routes';
import type { LogListSchema } from '../../../jobmanager/rest/routes/jobmanager-log-routes';
import type { JobOverview as JobOverviewSchema } from '../../../jobmanager/rest/routes/jobs-routes';
import type { ClusterOverview as ClusterOverviewSchema } from '../../../jobmanager/rest/routes/overview-route';
import type { OperationStatus } from '../../../jobmanager/rest/routes/savepoint-routes';
import type { TaskManagerDetail as TaskManagerDetailSchema } from '../../../jobmanager/rest/routes/taskmanager-detail-route';
import type { TaskManagerInfo } from '../../../jobmanager/rest/routes/taskmanagers-route';
import type { FlameGraphSchema } from '../../../jobmanager/rest/views/flame-graph';
import type { RatesSchema, VertexMetricsSchema } from '../../../jobmanager/rest/views/metric-views';

export type JobState = 'CREATED' | 'RUNNING' | 'FAILING' | 'RESTARTING' | 'CANCELLING' | 'CANCELED' | 'FAILED' | 'FINISHED';

export type ClusterOverview = Static<typeof ClusterOverviewSchema>;
export type DashboardConfig = Static<typeof DashboardConfigSchema>;
export type JobOverview = Static<typeof JobOverviewSchema>;
export type Rates = Static<typeof RatesSchema>;
export type BackpressureLevel = Rates['backpressure-level'];
export type VertexTotals = Static<typeof VertexMetricsSchema>;
export type JobVertex = Static<typeof JobVertexDetail>;
export type PlanNode = Static<typeof JobPlan>['nodes'][number];
export type JobDetail = Static<typeof JobDetailSchema>;
export type SubtaskDetail = Static<typeof SubtaskDetailSchema>;
export type VertexDetail = Static<typeof VertexDetailSchema>;
export type Watermarks = Static<typeof WatermarksSchema>;
export type CheckpointEntry = Static<typeof CheckpointEntrySchema>;
export type CheckpointStats = Static<typeof CheckpointStatsSchema>;
export type CheckpointDetails = Static<typeof CheckpointDetailsSchema>;
export type CheckpointConfig = Static<typeof CheckpointConfigSchema>;
export type JobConfig = Static<typeof JobConfigSchema>;
export type JobExceptions = Static<typeof JobExceptionsSchema>;
export type ExceptionEntry = JobExceptions['exceptionHistory']['entries'][number];
export type SavepointStatus = Static<typeof OperationStatus>;
export type TaskManagerSummary = Static<typeof TaskManagerInfo>;
export type TaskManagerDetail = Static<typeof TaskManagerDetailSchema>;
export type SlotSubtask = TaskManagerDetail['slots'][number]['subtasks'][number];
export type UploadedJobFile = Static<typeof JarList>['files'][number];
export type FlameGraph = Static<typeof FlameGraphSchema>;
export type FlameNode = FlameGraph['data'];
export type LogList = Static<typeof LogListSchema>;
