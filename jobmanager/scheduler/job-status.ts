import type { JobStatus, JobSummary } from '../../proto/messages';
import type { Execution } from './execution-graph';
import { EXECUTION_STATES, type ExecutionState } from './execution-state-machine';
import type { Scheduler } from './scheduler';

/** The job as the client's ListJobs/GetJobStatus see it. */
export function jobSummary(s: Scheduler): JobSummary {
  return {
    jobId: s.jobId,
    name: s.graph.name,
    state: s.state,
    startTime: s.submittedAt,
    endTime: s.endTime,
    failureCause: s.failureCause ?? '',
    failureStack: s.state === 'FAILED' ? (rootException(s) ?? '') : '',
  };
}

/**
 * Flink's root exception: the root cause's full text with its stack once the job failed, else
 * the latest exception's; null when there was none (REST /exceptions, the CLI).
 */
export function rootException(s: Scheduler): string | null {
  const latest = s.exceptions.latest;
  const failure = s.failureCause;
  if (failure !== undefined && latest?.message === failure) return latest.stacktrace ?? latest.message;
  return failure ?? latest?.stacktrace ?? latest?.message ?? null;
}

export function jobStatus(s: Scheduler): JobStatus {
  return {
    job: jobSummary(s),
    vertices: s.executionGraph.vertices.map((v) => ({
      id: v.vertex.id,
      name: v.vertex.name,
      parallelism: v.vertex.parallelism,
      state: aggregateExecutionState(v.executions),
      subtasks: v.executions.map((e) => ({ index: e.subtask, state: e.state, taskManagerId: e.taskManagerId ?? '', attempt: e.attempt })),
    })),
  };
}

/** How many executions are in each state (every state present, zeros included). */
export function countByState(executions: readonly Execution[]): Record<ExecutionState, number> {
  const counts = Object.fromEntries(EXECUTION_STATES.map((s) => [s, 0])) as Record<ExecutionState, number>;
  for (const e of executions) counts[e.state]++;
  return counts;
}

/**
 * One state for a vertex, as Flink aggregates its subtasks': any failure shows, then
 * cancellation, then RUNNING; FINISHED only once every subtask finished.
 */
export function aggregateExecutionState(executions: readonly Execution[]): ExecutionState {
  const c = countByState(executions);
  if (c.FAILED > 0) return 'FAILED';
  if (c.CANCELING > 0) return 'CANCELING';
  if (c.CANCELED > 0) return 'CANCELED';
  if (c.RUNNING > 0) return 'RUNNING';
  if (c.FINISHED > 0) return c.FINISHED === executions.length ? 'FINISHED' : 'RUNNING';
  if (c.DEPLOYING > 0) return 'DEPLOYING';
  if (c.SCHEDULED > 0) return 'SCHEDULED';
  return 'CREATED';
}
