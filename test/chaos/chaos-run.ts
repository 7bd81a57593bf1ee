import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, TestCluster, jobIdFrom } from '../harness/cluster';
import { readCommittedRecords } from '../harness/part-files';
import { TestRedis } from '../harness/redis-server';
import { waitFor } from '../harness/wait-for';
import { storageFor, closeStorageClients } from '../../common/checkpoint/storage-registry';

export interface ChaosOptions {
  /** How long faults are injected. */
  readonly minutes: number;
  /** Seed of the fault schedule. */
  readonly seed?: number;
  readonly log?: (line: string) => void;
}

export type FaultKind = 'kill -9 TaskManager' | 'kill -9 JobManager' | 'Redis outage' | 'corrupt old checkpoint';

export interface ChaosReport {
  readonly faults: Array<{ kind: FaultKind; recoveryMs: number }>;
  /** Faults the job had to recover from by restoring a checkpoint (process kills). */
  readonly recoveries: number;
  readonly expectedRecords: number;
  readonly committedRecords: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly finalSumsExact: boolean;
  readonly jobState: string;
}

const JOB = path.join(ROOT, 'test', 'e2e', 'jobs', 'checkpointed-sum.js');
const KEYS = 10;
const RATE = 1500;

/**
 * The guarantee check users run before trusting a deployment: an exactly-once pipeline (keyed
 * running sums into an exactly-once FileSink, checkpoints on Redis) while faults are injected
 * one after another — kill -9 of a TaskManager (a replacement starts), kill -9 of the
 * JobManager (restarted on its HA store), a Redis outage (the server stops answering for a
 * few seconds, data kept), and a corrupted checkpoint (an older retained one). After each
 * fault the job must complete a new checkpoint; at the end it must finish with every update
 * committed exactly once.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => {});
  let seed = (options.seed ?? Date.now()) >>> 0;
  const random = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 4294967296);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-chaos-'));
  const redis = await TestRedis.start();
  const cluster = await TestCluster.start({ taskManagers: 3, slots: 1 });
  const faults: ChaosReport['faults'] = [];
  try {
    const out = path.join(tmp, 'out');
    const faultMs = options.minutes * 60_000;
    // Enough records to outlast the faults; the job ends on its own afterwards.
    const count = Math.round((RATE * (faultMs + 20_000)) / 1000);
    const storage = `${redis.url}/chaos`;
    const res = await cluster.cli(['--detached', JOB, '--output', out, '--count', String(count), '--rate', String(RATE), '--interval', '500', '--retained', '3', '--storage', storage]);
    const jobId = jobIdFrom(res.stdout);
    log(`job ${jobId}: ${count} records at ${RATE}/s, checkpoints every 500 ms on ${storage}`);
    let latest = await cluster.waitForCheckpointAfter(jobId, 0, 60_000);
    const started = Date.now();
    const kinds: FaultKind[] = ['kill -9 TaskManager', 'kill -9 JobManager', 'Redis outage', 'corrupt old checkpoint'];
    // Every kind of fault at least once, then random ones until the time is up.
    for (let i = 0; i < kinds.length || Date.now() - started < faultMs; i++) {
      const kind = i < kinds.length ? kinds[i] : kinds[Math.floor(random() * kinds.length)];
      const t0 = Date.now();
      await inject(kind, cluster, redis, jobId);
      latest = await cluster.waitForCheckpointAfter(jobId, latest, 90_000);
      faults.push({ kind, recoveryMs: Date.now() - t0 });
      log(`${kind}: next checkpoint ${latest} after ${Date.now() - t0} ms`);
    }
    await cluster.waitForJobState(jobId, ['FINISHED', 'FAILED', 'CANCELED'], Math.max(120_000, (count / RATE) * 1000 + 60_000));
    const jobState = await cluster.jobState(jobId);
    const restored = faults.filter((f) => f.kind.startsWith('kill')).length;
    const tally = tallyRunningSums(readCommittedRecords<[string, number]>(out), count, KEYS);
    return { faults, recoveries: restored, expectedRecords: count, ...tally, jobState };
  } finally {
    redis.resume();
    closeStorageClients();
    await cluster.stop();
    await redis.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function inject(kind: FaultKind, cluster: TestCluster, redis: TestRedis, jobId: string): Promise<void> {
  switch (kind) {
    case 'kill -9 TaskManager': {
      const victim = cluster.taskManagers.filter((t) => t.running)[0];
      cluster.killTaskManager(victim);
      await victim.exited;
      cluster.addTaskManager(1);
      return;
    }
    case 'kill -9 JobManager':
      await cluster.restartJobManager();
      await waitFor(async () => ['RUNNING', 'CREATED', 'RESTARTING'].includes(await cluster.jobState(jobId).catch(() => '')), { timeoutMs: 30_000, message: 'the job back after the JobManager restart' });
      return;
    case 'Redis outage':
      redis.pause();
      await new Promise((r) => setTimeout(r, 3_000)); // the outage itself, not a wait for a condition
      redis.resume();
      return;
    case 'corrupt old checkpoint': {
      const view = await cluster.checkpoints(jobId);
      const older = view.history.filter((h) => h.status === 'COMPLETED').map((h) => h.id).sort((a, b) => a - b);
      const target = older.length >= 2 ? older[older.length - 2] : undefined;
      const latestPath = view.latest.completed?.external_path;
      if (target === undefined || !latestPath) return;
      const location = latestPath.replace(/chk-\d+\/_metadata$/, `chk-${target}/_metadata`);
      await storageFor(location).put(location, Buffer.from('corrupted by the chaos test'));
      return;
    }
  }
}

/**
 * Records lost and duplicated in the committed output of checkpointed-sum.js: each
 * [key, runningSum] update must be there exactly once; the count of distinct updates against
 * the expected count gives the losses, repeats give the duplicates.
 */
export function tallyRunningSums(records: Array<[string, number]>, count: number, keys: number): { committedRecords: number; lost: number; duplicated: number; finalSumsExact: boolean } {
  const seen = new Set<string>();
  let duplicated = 0;
  const finals = new Map<string, number>();
  for (const [k, s] of records) {
    const id = `${k}:${s}`;
    if (seen.has(id)) duplicated++;
    seen.add(id);
    finals.set(k, Math.max(finals.get(k) ?? 0, s));
  }
  let finalSumsExact = true;
  for (let k = 0; k < keys; k++) {
    let total = 0;
    for (let i = k; i < count; i += keys) total += i + 1;
    if (finals.get(`k${k}`) !== total) finalSumsExact = false;
  }
  return { committedRecords: records.length, lost: Math.max(0, count - seen.size), duplicated, finalSumsExact };
}

export function formatReport(r: ChaosReport): string {
  const byKind = new Map<string, number[]>();
  for (const f of r.faults) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f.recoveryMs]);
  const lines = ['Sluice chaos report', `  faults injected: ${r.faults.length}`];
  for (const [kind, times] of byKind) lines.push(`    ${kind}: ${times.length}, time to the next checkpoint ${Math.min(...times)}–${Math.max(...times)} ms`);
  lines.push(
    `  recoveries from a checkpoint: ${r.recoveries}`,
    `  job ended: ${r.jobState}`,
    `  records expected ${r.expectedRecords}, committed ${r.committedRecords}`,
    `  records lost: ${r.lost}`,
    `  records duplicated: ${r.duplicated}`,
    `  final sums exact: ${r.finalSumsExact ? 'yes' : 'NO'}`,
    `  verdict: ${passed(r) ? 'PASS' : 'FAIL'}`,
  );
  return lines.join('\n') + '\n';
}

export function passed(r: ChaosReport): boolean {
  return r.jobState === 'FINISHED' && r.lost === 0 && r.duplicated === 0 && r.finalSumsExact;
}
