import { type TaskMetrics } from '../../proto/messages';
import { NO_WATERMARK } from '../../common/event-time';

/** The sums over a vertex's subtasks, named as Flink's REST API names them. */
export interface VertexMetrics {
  'read-records': number;
  'write-records': number;
  'read-bytes': number;
  'write-bytes': number;
  'accumulated-busy-time': number;
  'accumulated-backpressured-time': number;
}

/** Rates between a task's last two heartbeat samples. Ratios are fractions of wall time in [0, 1]. */
export interface TaskRates {
  recordsInPerSecond: number;
  recordsOutPerSecond: number;
  bytesInPerSecond: number;
  bytesOutPerSecond: number;
  busyRatio: number;
  backpressureRatio: number;
}

/** A task's latest reported totals, when they arrived, and its rates. */
export interface TaskSample {
  readonly metrics: TaskMetrics;
  readonly receivedAt: number;
  readonly rates: TaskRates;
}

interface Sample {
  readonly metrics: TaskMetrics;
  readonly at: number;
}

interface TaskEntry {
  /** Oldest first: the base of the rate window, then newer samples; the last is the latest. */
  samples: Sample[];
  rates: TaskRates;
  /** Observed time between samples, to tell when a task stopped reporting. */
  intervalMs: number;
}

interface JobEntry {
  /** Samples of older attempts (late heartbeats after a restart) are dropped. */
  minAttempt: number;
  tasks: Map<string, TaskEntry>;
}

/**
 * Rates are averaged over about this long (Flink's meters: 60 s). Records move in network
 * buffers: behind a slow consumer a source emits a buffer-full each time credit returns,
 * every second or two, so a short window alternates between nothing and double the real rate.
 */
const RATE_WINDOW_MS = 10_000;
/** A window shorter than this gives rates dominated by jitter. */
const MIN_RATE_WINDOW_MS = 200;

export const ZERO_RATES: Readonly<TaskRates> = Object.freeze({
  recordsInPerSecond: 0,
  recordsOutPerSecond: 0,
  bytesInPerSecond: 0,
  bytesOutPerSecond: 0,
  busyRatio: 0,
  backpressureRatio: 0,
});

/**
 * The latest metrics of every task, as TaskManagers report them in heartbeats, and rates
 * computed from the samples of the last few seconds (tasks only keep counters; the cost of a
 * rate is paid here, once per heartbeat, never per record). Totals are kept after a task ends so a
 * finished job still shows what it processed; its rates fall to zero once it stops reporting.
 */
export class TaskMetricsStore {
  private readonly byJob = new Map<string, JobEntry>();
  private readonly now: () => number;

  constructor(opts: { now?: () => number } = {}) {
    this.now = opts.now ?? Date.now;
  }

  update(metrics: readonly TaskMetrics[]): void {
    const now = this.now();
    for (const m of metrics) {
      if (!m.jobId || !m.vertexId) continue;
      let job = this.byJob.get(m.jobId);
      if (!job) this.byJob.set(m.jobId, (job = { minAttempt: 0, tasks: new Map() }));
      if (num(m.attempt) < job.minAttempt) continue;
      const key = `${m.vertexId}/${m.subtask}`;
      const entry = job.tasks.get(key);
      const latest = entry?.samples[entry.samples.length - 1];
      if (!entry || !latest || num(m.attempt) !== num(latest.metrics.attempt) || decreased(latest.metrics, m)) {
        job.tasks.set(key, { samples: [{ metrics: m, at: now }], rates: { ...ZERO_RATES }, intervalMs: 0 });
        continue;
      }
      entry.intervalMs = now - latest.at;
      entry.samples.push({ metrics: m, at: now });
      // Keep as base the newest sample at least a window old; older ones are no longer needed.
      while (entry.samples.length > 2 && entry.samples[1].at <= now - RATE_WINDOW_MS) entry.samples.shift();
      const base = entry.samples[0];
      if (now - base.at >= MIN_RATE_WINDOW_MS) entry.rates = ratesBetween(base.metrics, m, now - base.at);
    }
  }

  /**
   * Forgets a job's metrics (a restart begins counting anew). With `attempt`, samples of
   * earlier attempts that arrive later are ignored.
   */
  clearJob(jobId: string, attempt = 0): void {
    this.byJob.set(jobId, { minAttempt: attempt, tasks: new Map() });
  }

  /** Jobs with at least one sample. */
  jobIds(): string[] {
    return [...this.byJob.entries()].filter(([, j]) => j.tasks.size > 0).map(([id]) => id);
  }

  /** One subtask's latest totals and rates; undefined before its first heartbeat. */
  task(jobId: string, vertexId: string, subtask: number): TaskSample | undefined {
    const entry = this.byJob.get(jobId)?.tasks.get(`${vertexId}/${subtask}`);
    if (!entry) return undefined;
    const latest = latestOf(entry);
    return { metrics: latest.metrics, receivedAt: latest.at, rates: this.currentRates(entry) };
  }

  vertexMetrics(jobId: string, vertexId: string): VertexMetrics {
    const sum: VertexMetrics = {
      'read-records': 0,
      'write-records': 0,
      'read-bytes': 0,
      'write-bytes': 0,
      'accumulated-busy-time': 0,
      'accumulated-backpressured-time': 0,
    };
    for (const e of this.entriesOf(jobId, vertexId)) {
      const m = latestOf(e).metrics;
      sum['read-records'] += num(m.recordsIn);
      sum['write-records'] += num(m.recordsOut);
      sum['read-bytes'] += num(m.bytesIn);
      sum['write-bytes'] += num(m.bytesOut);
      sum['accumulated-busy-time'] += num(m.busyMs);
      sum['accumulated-backpressured-time'] += num(m.backpressuredMs);
    }
    return sum;
  }

  /**
   * A vertex's throughput (sums over subtasks) and its busy and back-pressure ratios (the
   * maximum over subtasks, as Flink reports a vertex by its most back-pressured subtask).
   */
  vertexRates(jobId: string, vertexId: string): TaskRates {
    const out: TaskRates = { ...ZERO_RATES };
    for (const e of this.entriesOf(jobId, vertexId)) {
      const r = this.currentRates(e);
      out.recordsInPerSecond += r.recordsInPerSecond;
      out.recordsOutPerSecond += r.recordsOutPerSecond;
      out.bytesInPerSecond += r.bytesInPerSecond;
      out.bytesOutPerSecond += r.bytesOutPerSecond;
      out.busyRatio = Math.max(out.busyRatio, r.busyRatio);
      out.backpressureRatio = Math.max(out.backpressureRatio, r.backpressureRatio);
    }
    return out;
  }

  /** The vertex's watermark: the lowest over its subtasks that have one, as in Flink; undefined if none has. */
  vertexWatermark(jobId: string, vertexId: string): number | undefined {
    let low: number | undefined;
    for (const e of this.entriesOf(jobId, vertexId)) {
      const w = latestOf(e).metrics.currentWatermark;
      if (typeof w !== 'number' || w === NO_WATERMARK || !Number.isFinite(w)) continue;
      low = low === undefined ? w : Math.min(low, w);
    }
    return low;
  }

  private *entriesOf(jobId: string, vertexId: string): Iterable<TaskEntry> {
    for (const e of this.byJob.get(jobId)?.tasks.values() ?? []) if (latestOf(e).metrics.vertexId === vertexId) yield e;
  }

  /** A task silent for much longer than its usual heartbeat interval has stopped: no throughput. */
  private currentRates(e: TaskEntry): TaskRates {
    const silentMs = this.now() - latestOf(e).at;
    return silentMs > 3 * Math.max(e.intervalMs, 1_000) ? { ...ZERO_RATES } : { ...e.rates };
  }
}

function latestOf(e: TaskEntry): Sample {
  return e.samples[e.samples.length - 1];
}

function ratesBetween(a: TaskMetrics, b: TaskMetrics, windowMs: number): TaskRates {
  const perSecond = (x: number, y: number) => (Math.max(0, num(y) - num(x)) * 1000) / windowMs;
  const ratio = (x: number, y: number) => Math.min(1, Math.max(0, (num(y) - num(x)) / windowMs));
  return {
    recordsInPerSecond: perSecond(a.recordsIn, b.recordsIn),
    recordsOutPerSecond: perSecond(a.recordsOut, b.recordsOut),
    bytesInPerSecond: perSecond(a.bytesIn, b.bytesIn),
    bytesOutPerSecond: perSecond(a.bytesOut, b.bytesOut),
    busyRatio: ratio(a.busyMs, b.busyMs),
    backpressureRatio: ratio(a.backpressuredMs, b.backpressuredMs),
  };
}

/** Counters went backwards: the task was redeployed; its earlier sample is no base for rates. */
function decreased(a: TaskMetrics, b: TaskMetrics): boolean {
  return num(b.recordsIn) < num(a.recordsIn) || num(b.recordsOut) < num(a.recordsOut) || num(b.busyMs) < num(a.busyMs);
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
