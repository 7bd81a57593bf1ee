import * as path from 'node:path';
import { TestCluster, ROOT, jobIdFrom } from '../../test/harness/cluster';
import { waitFor } from '../../test/harness/wait-for';
import type { QueryName } from './reference-queries';
import { processCpuMs } from './process-cpu';
import { checkpointReport, describeNotCompleted, formatCheckpoints, type CheckpointReport } from '../checkpoint-report';
import { jobTiming } from './job-timing';

/**
 * Checkpoint cost by concurrent pairs: the same query with checkpoints every 10 s and without,
 * at the same time, each at p=1 in its own TaskManager of one slot, so each has a core of the
 * two. Runs one after the other (the alternating on/off runs) see this shared machine drift by
 * more than the cost between them (the same code gave 0.81 and 1.10); a pair running at once
 * sees the same machine. Each job's figure is its own: wall time from its deployment to its end
 * (JobManager timestamps) and its TaskManager's CPU over that time, all threads (its GC and file
 * writes included). The pair's ratios are off/on.
 *
 * The two TaskManagers did not run alike: with the jobs submitted at once (the JobManager
 * placing them as they came), on/off was about 5% lower in the pairs whose job with
 * checkpoints ran on the second TaskManager (q8: 0.914 against 0.966 on the first, over 9
 * pairs). So the pairs alternate which job is submitted, and placed, first (within one
 * cluster the first job takes the same TaskManager's slot each time; which one, and which
 * side is slower, varies between clusters), and the summary is the geometric mean of the two
 * placements' medians: each job runs as often on each TaskManager.
 *
 * The job that ends first leaves the other a machine to itself for the rest: the slower one
 * (checkpoints on, if they cost) then runs a little faster, which flatters it by about the cost
 * times that speed-up (5% x 10% = 0.5%); the job submitted second starts up to a second later,
 * the same way round for both placements.
 */
const EXAMPLES = path.join(ROOT, 'examples', 'nexmark');

interface SideResult {
  ms: number;
  cpuMs: number;
  taskManager: string;
  report: CheckpointReport;
}

export interface CheckpointPair {
  on: SideResult;
  off: SideResult;
  /** Which job was submitted (and placed) first. */
  first: 'on' | 'off';
}

export interface CheckpointPairsResult {
  pairs: CheckpointPair[];
  /**
   * Off-time/on-time (throughput on/off) and off-CPU/on-CPU (events per CPU-second on/off):
   * the geometric mean of the medians of the pairs with each job first.
   */
  throughput: number;
  perCpu: number;
  /**
   * The same two ratios over the pairs with the job with checkpoints submitted first, and over
   * those with the other first: how far apart the cluster's two sides are (3-8% on 2026-12-03).
   */
  halves: Record<'on' | 'off', { pairs: number; throughput: number; perCpu: number }>;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The ids of the jobs the JobManager knows, and of those RUNNING. */
async function jobIds(cluster: TestCluster): Promise<{ all: Set<string>; running: Set<string> }> {
  const { jobs } = await cluster.rest<{ jobs: Array<{ id: string; status: string }> }>('/jobs');
  return { all: new Set(jobs.map((j) => j.id)), running: new Set(jobs.filter((j) => j.status === 'RUNNING').map((j) => j.id)) };
}

async function runPair(cluster: TestCluster, query: QueryName, events: number, intervalMs: number, first: 'on' | 'off'): Promise<CheckpointPair> {
  const pids = new Map(cluster.taskManagers.map((tm) => [tm.name, tm.child.pid!]));
  const cpuNow = () => new Map([...pids].map(([name, pid]) => [name, processCpuMs(pid) ?? NaN]));
  const before = cpuNow();
  const side = async (on: boolean) => {
    const args = ['-p', '1', path.join(EXAMPLES, `${query}.js`), '--events', String(events), '--checkpoint-interval', String(on ? intervalMs : 0)];
    const res = await cluster.cli(args, { timeoutMs: 1_800_000 });
    // Read at once: the other job may still run, and this one's TaskManager is idle from here.
    const after = cpuNow();
    if (res.code !== 0) throw new Error(`${query} (checkpoints ${on ? 'on' : 'off'}) failed: ${res.stderr}`);
    return { jobId: jobIdFrom(res.stdout), after };
  };
  // The first job takes a slot before the second is submitted (placement in that order).
  const known = (await jobIds(cluster)).all;
  const firstRun = side(first === 'on');
  await waitFor(async () => [...(await jobIds(cluster)).running].some((id) => !known.has(id)), { timeoutMs: 60_000, message: `the first job of a ${query} pair to run` });
  const secondRun = side(first !== 'on');
  const [on, off] = first === 'on' ? await Promise.all([firstRun, secondRun]) : (await Promise.all([firstRun, secondRun])).reverse();
  const result = async (r: { jobId: string; after: Map<string, number> }): Promise<SideResult> => {
    const { ms, deployedAt, firstVertex } = await jobTiming(cluster, r.jobId);
    const vertex = await cluster.rest<{ subtasks: Array<{ 'taskmanager-id': string | null }> }>(`/jobs/${r.jobId}/vertices/${firstVertex}`);
    const taskManager = vertex.subtasks[0]?.['taskmanager-id'] ?? '';
    if (!pids.has(taskManager)) throw new Error(`job ${r.jobId} ran on '${taskManager}', not one of ${[...pids.keys()].join(', ')}`);
    const report = await checkpointReport(cluster, r.jobId, deployedAt);
    return { ms, cpuMs: r.after.get(taskManager)! - before.get(taskManager)!, taskManager, report };
  };
  const pair = { on: await result(on), off: await result(off), first };
  if (pair.on.taskManager === pair.off.taskManager) throw new Error(`both jobs of a pair ran on ${pair.on.taskManager}: each needs a core of its own`);
  return pair;
}

/**
 * `pairs` concurrent pairs of `query` over `events` events each (after a short warm-up pair
 * that compiles both TaskManagers' code paths), in a cluster of its own: two TaskManagers of one slot.
 */
export async function checkpointPairs(query: QueryName, events: number, pairs: number, intervalMs = 10_000): Promise<CheckpointPairsResult> {
  const cluster = await TestCluster.start({ taskManagers: 2, slots: 1 });
  try {
    await runPair(cluster, query, Math.min(events, 2_000_000), intervalMs, 'on');
    const results: CheckpointPair[] = [];
    for (let i = 0; i < pairs; i++) results.push(await runPair(cluster, query, events, intervalMs, i % 2 === 0 ? 'on' : 'off'));
    const throughput = (p: CheckpointPair) => p.off.ms / p.on.ms;
    const perCpu = (p: CheckpointPair) => p.off.cpuMs / p.on.cpuMs;
    const half = (first: 'on' | 'off') => {
      const ps = results.filter((p) => p.first === first);
      return { pairs: ps.length, throughput: ps.length > 0 ? median(ps.map(throughput)) : NaN, perCpu: ps.length > 0 ? median(ps.map(perCpu)) : NaN };
    };
    const halves = { on: half('on'), off: half('off') };
    const balanced = (ratio: 'throughput' | 'perCpu') => {
      const medians = [halves.on, halves.off].filter((h) => h.pairs > 0).map((h) => h[ratio]);
      return Math.exp(medians.reduce((sum, m) => sum + Math.log(m), 0) / medians.length);
    };
    return { pairs: results, throughput: balanced('throughput'), perCpu: balanced('perCpu'), halves };
  } finally {
    await cluster.stop();
  }
}

/** ", N not completed: #id STATUS: why; ..." for a run with checkpoints that failed, expired or were aborted. */
function notCompleted(r: CheckpointReport): string {
  return r.notCompleted.length === 0 ? '' : `, ${r.notCompleted.length} not completed: ${r.notCompleted.map(describeNotCompleted).join('; ')}`;
}

/** One line per pair, the last pair's checkpoints, then the balanced figures. */
export function formatCheckpointPairs(query: QueryName, events: number, r: CheckpointPairsResult, out: (s: string) => void): void {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  r.pairs.forEach((p, i) => {
    out(
      `    pair ${i + 1}: on ${s(p.on.ms)} s (${s(p.on.cpuMs)} CPU-s, ${p.on.taskManager}${p.first === 'on' ? ', first' : ''}, ${p.on.report.periodic} periodic checkpoints${notCompleted(p.on.report)}), off ${s(p.off.ms)} s (${s(p.off.cpuMs)} CPU-s, ${p.off.taskManager}${p.first === 'off' ? ', first' : ''}); on/off ${(p.off.ms / p.on.ms).toFixed(3)}, ev/CPU-s ${(p.off.cpuMs / p.on.cpuMs).toFixed(3)}`,
    );
  });
  const half = (h: CheckpointPairsResult['halves']['on'], who: string) =>
    h.pairs > 0 ? `${who} first: on/off ${h.throughput.toFixed(3)}, ev/CPU-s ${h.perCpu.toFixed(3)} (median of ${h.pairs})` : `${who} first: no pairs`;
  out(`    halves: ${half(r.halves.on, 'the job with checkpoints')}; ${half(r.halves.off, 'the job without')}`);
  const fewest = Math.min(...r.pairs.map((p) => p.on.report.periodic));
  out(`    checkpoints of the last pair's job with them:`);
  out(formatCheckpoints(r.pairs[r.pairs.length - 1].on.report));
  out(
    `${query} concurrent pairs, p=1 each on its own TaskManager, ${Math.round(events).toLocaleString('en-US')} events a job: on/off ${r.throughput.toFixed(3)}   (target >= 0.95); ev/CPU-s on/off ${r.perCpu.toFixed(3)}; ${r.pairs.length} pairs, each job first in every other one (the figures: geometric mean of the two halves' medians)${fewest < 2 ? '  (fewer than 2 periodic checkpoints in a run: raise --checkpoint-events)' : ''}`,
  );
}
