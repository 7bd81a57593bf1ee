import type { JobManager } from '../../job-manager';
import type { RestBackend } from '../rest-server';

/** The JobManager's parts as the REST API sees them, with some replaced (a test gateway, a clocked store). */
export function restBackendOf(jm: JobManager, overrides: Partial<RestBackend> = {}): RestBackend {
  return {
    config: jm.config,
    dispatcher: jm.dispatcher,
    registry: jm.registry,
    slotPool: jm.slotPool,
    metrics: jm.metrics,
    checkpointing: jm.checkpointing,
    prometheus: jm.prometheus,
    archive: jm.archive,
    taskExecutors: jm.taskExecutors,
    ...overrides,
  };
}
