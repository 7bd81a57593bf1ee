import type { JobSummary } from '../../proto/messages';
import type { JobStatusReply } from '../rpc/job-manager-client';
import type { ListFilter } from './cli-args';

const ACTIVE = new Set(['CREATED', 'RUNNING', 'FAILING', 'RESTARTING', 'CANCELLING']);

function when(ms: number): string {
  return ms > 0 ? new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '') : '-';
}

/**
 * The `stream-submit list` listing, grouped as Flink's `flink list -a`; with 'running'
 * (`list -r`) only the running and restarting jobs.
 */
export function formatJobList(jobs: JobSummary[], filter: ListFilter = 'all'): string {
  const active = jobs.filter((j) => ACTIVE.has(j.state));
  const done = jobs.filter((j) => !ACTIVE.has(j.state));
  const lines: string[] = [];
  const section = (title: string, list: JobSummary[]) => {
    lines.push(`------------------ ${title} ------------------`);
    if (list.length === 0) lines.push('No jobs.');
    for (const j of list) lines.push(`${when(j.startTime)} : ${j.jobId} : ${j.name} (${j.state})`);
  };
  section('Running/Restarting Jobs', active);
  if (filter === 'all') section('Terminated Jobs', done);
  return lines.join('\n') + '\n';
}

export function formatJobStatus(status: JobStatusReply): string {
  const j = status.job;
  const lines = [`Job ${j.jobId} : ${j.name}`, `State: ${j.state}`, `Started: ${when(j.startTime)}`];
  if (j.endTime !== undefined) lines.push(`Ended: ${when(j.endTime)}`);
  if (j.failureCause) lines.push(`Failure cause: ${oneLine(j.failureCause)}`);
  lines.push('Vertices:');
  for (const v of status.vertices) lines.push(`  ${v.id}  ${v.state.padEnd(10)} p=${v.parallelism}  ${v.name}`);
  return lines.join('\n') + '\n' + (j.failureStack ? indentedStack(j.failureStack) : '');
}

/** A multi-line message on one line (`a | b`), for summaries. */
export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' | ');
}

/**
 * The root exception's text under a `Root exception:` heading, indented, as Flink's CLI prints
 * the cause; nothing when it has no stack (a JobManager-side cause such as missing slots is
 * all in the summary line already).
 */
export function indentedStack(stack: string): string {
  if (!stack.trim().includes('\n')) return '';
  return `Root exception:\n${stack
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l.trim()}`)
    .join('\n')}\n`;
}
