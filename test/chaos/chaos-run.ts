import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Redis } from 'ioredis';
import { type CheckpointsView, jobIdFrom, ROOT, runCli } from '../harness/cluster';
import { readCommittedRecords } from '../harness/part-files';
import { checkRunningSums } from '../harness/running-sums';
import { waitFor } from '../harness/wait-for';
import { ChaosCluster } from './chaos-cluster';
import { countLossAndDuplicates, type ChaosReport, type FaultKind, type FaultRecord } from './chaos-report';
import { seededRandom } from './seeded-random';

export interface ChaosOptions {
  /** Bound on the whole run, in minutes (faults stop at about 3/4 of it; the rest drains the job). */
  readonly minutes: number;
  readonly seed: number;
  /** Checkpoint storage: Redis (adds the Redis outage fault) or files. */
  readonly storage: 'redis' | 'file';
  /** Records per second of the datagen source. @default 1500 */
  readonly rate?: number;
  /** Progress lines go here. */
  readonly log?: (line: string) => void;
}

const JOB = path.join(ROOT, 'test', 'e2e', 'jobs', 'checkpointed-sum.js');
const KEYS = 10;
const CHECKPOINT_INTERVAL_MS = 500;
/** A fault after which no new checkpoint completes in this long is a failed recovery. */
const RECOVERY_TIMEOUT_MS = 90_000;

/**
 * One chaos run: an exactly-once job (datagen → keyed running sum → FileSink, see
 * test/e2e/jobs/checkpointed-sum.js) on a JobManager and two TaskManagers, under a seeded
 * sequence of faults — kill -9 of a TaskManager (replaced), kill -9 of the JobManager
 * (restarted on its HA store), a Redis outage (Redis storage only) and a corrupted latest
 * checkpoint followed by a kill -9 — each waited out until the job completes a new checkpoint.
 * Then the job runs to its end and its committed output is checked: no update lost, none twice.
 * Between faults the run waits a seeded number of checkpoints, never a fixed time.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const totalMs = options.minutes * 60_000;
  const started = Date.now();
  const faultDeadline = started + totalMs * 0.75;
  const rate = options.rate ?? 1500;
  // Enough records that the job still runs when faults stop, given the time recoveries take.
  const count = Math.max(5_000, Math.round((rate * totalMs * 0.5) / 1000));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-chaos-'));
  const cluster = new ChaosCluster(dir, 2);
  const faults: FaultRecord[] = [];
  const out = path.join(dir, 'output');
  let jobId = '';
  let finalState = '';
  let failure: string | undefined;
  try {
    if (options.storage === 'redis') await cluster.startRedis();
    await cluster.startJobManager();
    cluster.startTaskManager();
    cluster.startTaskManager();
    await waitFor(async () => (await cluster.rest<{ taskmanagers: unknown[] }>('/taskmanagers')).taskmanagers.length === 2, { timeoutMs: 30_000, message: '2 TaskManagers registered' });
    const storage = options.storage === 'redis' ? `${cluster.redisUrl}/chaos` : `file://${path.join(dir, 'checkpoints')}`;
    const submitted = await runCli(['--detached', JOB, '--output', out, '--count', String(count), '--rate', String(rate), '--interval', String(CHECKPOINT_INTERVAL_MS), '--retained', '2', '--storage', storage], { jobmanager: cluster.rpcAddress });
    if (submitted.code !== 0) throw new Error(`stream-submit failed (${submitted.code}): ${submitted.stderr}`);
    jobId = jobIdFrom(submitted.stdout);
    log(`job ${jobId}: ${count} records at ${rate}/s, checkpoints every ${CHECKPOINT_INTERVAL_MS} ms to ${options.storage}; seed ${options.seed}`);
    await waitFor(() => latestCompleted(cluster, jobId).then((id) => id > 0), { timeoutMs: 60_000, message: `job ${jobId} to complete its first checkpoint` });

    const kinds: FaultKind[] = ['kill-taskmanager', 'kill-jobmanager', 'corrupt-checkpoint', ...(options.storage === 'redis' ? (['redis-outage'] as const) : [])];
    let bag: FaultKind[] = [];
    // Until the deadline, and in any case until each kind of fault has happened once.
    const pending = () => Date.now() < faultDeadline || kinds.some((k) => !faults.some((f) => f.kind === k));
    while (pending()) {
      // A calm spell of 1-3 checkpoints between faults.
      const calm = random.integer(1, 3);
      const from = await latestCompleted(cluster, jobId);
      if (await finishedOr(cluster, jobId, async () => (await latestCompleted(cluster, jobId)) >= from + calm, RECOVERY_TIMEOUT_MS)) break;
      if (!pending()) break;
      if (bag.length === 0) bag = random.shuffle([...kinds]);
      const kind = bag.pop()!;
      const fault: FaultRecord = { kind, atMs: Date.now() - started, detail: '' };
      faults.push(fault);
      const before = await latestCompleted(cluster, jobId);
      const restoresBefore = (await cluster.rest<CheckpointsView>(`/jobs/${jobId}/checkpoints`)).counts.restored;
      const t0 = Date.now();
      fault.detail = await inject(kind, cluster, jobId, random);
      log(`${((Date.now() - started) / 1000).toFixed(1)} s: ${kind} (${fault.detail})`);
      try {
        // A killed TaskManager must have made the job restore (a checkpoint in flight may still
        // complete before the failure is noticed); a new JobManager completes checkpoints only
        // after it has recovered the job.
        const mustRestore = kind === 'kill-taskmanager' || kind === 'corrupt-checkpoint';
        await finishedOr(
          cluster,
          jobId,
          async () => {
            if ((await cluster.rest<{ state: string }>(`/jobs/${jobId}`)).state !== 'RUNNING') return false;
            const view = await cluster.rest<CheckpointsView>(`/jobs/${jobId}/checkpoints`);
            return (!mustRestore || view.counts.restored > restoresBefore) && (view.latest.completed?.id ?? 0) > Math.max(before, view.latest.restored?.id ?? 0);
          },
          RECOVERY_TIMEOUT_MS,
        );
        fault.recoveryMs = Date.now() - t0;
        const restored = (await cluster.rest<CheckpointsView>(`/jobs/${jobId}/checkpoints`)).latest.restored;
        if (restored && kind !== 'redis-outage') fault.detail += `; restored chk-${restored.id}`;
        log(`  recovered in ${fault.recoveryMs} ms${restored ? ` (restored chk-${restored.id})` : ''}`);
      } catch (err) {
        fault.error = (err as Error).message;
        throw new Error(`no recovery from ${kind}: ${fault.error}`);
      }
    }
    const drainMs = Math.max(60_000, started + totalMs - Date.now());
    await waitFor(async () => ['FINISHED', 'FAILED', 'CANCELED'].includes((finalState = (await cluster.rest<{ state: string }>(`/jobs/${jobId}`)).state)), { timeoutMs: drainMs, intervalMs: 200, message: () => `job ${jobId} to finish (last state ${finalState})` });
  } catch (err) {
    failure = (err as Error).message;
  } finally {
    await cluster.stop();
  }
  const records = readCommittedRecords<[string, number]>(out);
  const check = checkRunningSums(records, count, KEYS);
  const counts = countLossAndDuplicates(records, count, KEYS);
  const report: ChaosReport = {
    seed: options.seed,
    storage: options.storage,
    durationMs: Date.now() - started,
    jobId,
    finalState,
    expectedUpdates: count,
    committedUpdates: records.length,
    lost: counts.lost,
    duplicated: counts.duplicated,
    exact: check.exact && finalState === 'FINISHED' && failure === undefined,
    problems: [...(failure ? [failure] : []), ...(finalState && finalState !== 'FINISHED' ? [`the job ended ${finalState}`] : []), ...check.problems],
    faults,
    logs: [cluster.jobManager, ...cluster.taskManagers, ...cluster.ended].filter(Boolean).map((p) => ({ name: p.name, stderr: p.stderr.slice(-4000) })),
  };
  if (report.exact) fs.rmSync(dir, { recursive: true, force: true });
  else report.keptDir = dir;
  return report;
}

async function latestCompleted(cluster: ChaosCluster, jobId: string): Promise<number> {
  return (await cluster.rest<CheckpointsView>(`/jobs/${jobId}/checkpoints`)).latest.completed?.id ?? 0;
}

/** Waits for `condition` or the job's end; true when the job ended. */
async function finishedOr(cluster: ChaosCluster, jobId: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  return waitFor(
    async () => {
      const state = (await cluster.rest<{ state: string }>(`/jobs/${jobId}`)).state;
      if (state === 'FINISHED' || state === 'FAILED' || state === 'CANCELED') return 'ended';
      return (await condition()) ? 'condition' : undefined;
    },
    { timeoutMs, intervalMs: 100, message: `job ${jobId} to recover (a new completed checkpoint)` },
  ).then((why) => why === 'ended');
}

async function inject(kind: FaultKind, cluster: ChaosCluster, jobId: string, random: ReturnType<typeof seededRandom>): Promise<string> {
  switch (kind) {
    case 'kill-taskmanager':
      return `kill -9 ${await cluster.killAndReplaceTaskManager(await busyTaskManager(cluster, random))}, replaced`;
    case 'kill-jobmanager': {
      const pid = cluster.jobManager.pid;
      await cluster.killAndRestartJobManager();
      return `kill -9 of the JobManager (pid ${pid}), restarted on its HA store`;
    }
    case 'redis-outage': {
      // Half the outages refuse connections (kill -9, then a restart on the same data), half hang (SIGSTOP, then SIGCONT).
      const hang = random.integer(0, 1) === 1;
      const failedBefore = (await cluster.rest<CheckpointsView>(`/jobs/${jobId}/checkpoints`)).counts.failed;
      if (hang) cluster.freezeRedis();
      else await cluster.killRedis();
      // The outage lasts until a checkpoint has failed on it (or 30 s).
      const failedDuring = await waitFor(async () => (await cluster.rest<CheckpointsView>(`/jobs/${jobId}/checkpoints`)).counts.failed > failedBefore, { timeoutMs: 30_000, intervalMs: 100 }).then(
        () => true,
        () => false,
      );
      if (hang) cluster.thawRedis();
      else await cluster.startRedis();
      return `${hang ? 'redis-server stopped (SIGSTOP) and continued' : 'redis-server killed -9 and restarted'}${failedDuring ? ' after a checkpoint failed on the outage' : ' (no checkpoint failed on it within 30 s)'}`;
    }
    case 'corrupt-checkpoint': {
      // An older retained checkpoint, not the latest: restoring from an older one than the
      // latest replays records whose output the sink already committed at the latest one, so a
      // corrupt latest checkpoint means duplicates by design (Flink's too); that case, and a
      // job with no intact checkpoint failing instead of starting empty, are covered by
      // test/e2e/checkpoint-guarantees.test.ts. Here the restore must pass the corrupt one by.
      const view = await cluster.rest<CheckpointsView>(`/jobs/${jobId}/checkpoints`);
      const latest = view.latest.completed;
      const completed = view.history.filter((h) => h.status === 'COMPLETED').map((h) => h.id).sort((a, b) => a - b);
      const older = completed.filter((id) => latest !== null && id < latest.id).pop();
      if (!latest || older === undefined) return 'no older retained checkpoint to corrupt';
      await corruptMetadata(metadataPath(latest.external_path).replace(/chk-\d+\/_metadata$/, `chk-${older}/_metadata`));
      const victim = await cluster.killAndReplaceTaskManager(await busyTaskManager(cluster, random));
      return `_metadata of the older retained chk-${older} overwritten with garbage (latest chk-${latest.id}), then kill -9 ${victim} (replaced)`;
    }
  }
}

/** The index of a TaskManager, drawn among those running tasks of the job (killing an idle one tests nothing). */
async function busyTaskManager(cluster: ChaosCluster, random: ReturnType<typeof seededRandom>): Promise<number> {
  const busy: number[] = [];
  for (const [i, tm] of cluster.taskManagers.entries()) {
    const detail = await cluster.rest<{ slots: Array<{ status: string }> }>(`/taskmanagers/${tm.name}`).catch(() => undefined);
    if (detail?.slots.some((s) => s.status === 'ALLOCATED')) busy.push(i);
  }
  return busy.length > 0 ? busy[random.integer(0, busy.length - 1)] : random.integer(0, cluster.taskManagers.length - 1);
}

/** A checkpoint's external path as REST gives it, down to its `_metadata`. */
function metadataPath(externalPath: string): string {
  return externalPath.endsWith('/_metadata') ? externalPath : `${externalPath}/_metadata`;
}

/** Overwrites a `_metadata` in its storage (file:// or redis://; Redis keys per common/checkpoint/redis-storage-backend.ts). */
async function corruptMetadata(location: string): Promise<void> {
  const garbage = Buffer.from('chaos: not checkpoint metadata');
  if (location.startsWith('redis://')) {
    const url = new URL(location);
    const [db, ...rest] = url.pathname.slice(1).split('/');
    const client = new Redis({ host: url.hostname, port: Number(url.port), db: Number(db), lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      if ((await client.set(`sluice:/${rest.join('/')}`, garbage, 'XX')) !== 'OK') throw new Error(`no Redis key for ${location}`);
    } finally {
      client.disconnect();
    }
    return;
  }
  const file = location.replace(/^file:\/\//, '');
  if (!fs.existsSync(file)) throw new Error(`no checkpoint metadata at ${file}`);
  fs.writeFileSync(file, garbage);
}
