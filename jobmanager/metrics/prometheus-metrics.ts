import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { CheckpointStats } from '../checkpoint/checkpoint-stats';
import type { CheckpointingGateway } from '../checkpoint/checkpointing-gateway';
import type { Dispatcher } from '../dispatcher/dispatcher';
import type { SlotPool } from '../resource/slot-pool';
import type { TaskManagerRegistry } from '../resource/task-manager-registry';
import { JOB_STATES } from '../scheduler/job-state-machine';
import type { TaskMetricsStore } from './task-metrics-store';

/** What the metrics read at scrape time; the JobManager satisfies it. */
export interface PrometheusSources {
  readonly dispatcher: Dispatcher;
  readonly registry: TaskManagerRegistry;
  readonly slotPool: SlotPool;
  readonly metrics: TaskMetricsStore;
  readonly checkpointing: CheckpointingGateway;
}

type VertexLabels = 'job_id' | 'job_name' | 'vertex_id' | 'vertex_name';
const VERTEX_LABELS: VertexLabels[] = ['job_id', 'job_name', 'vertex_id', 'vertex_name'];

/**
 * The JobManager's Prometheus metrics (`GET /metrics`). Each JobManager has its own Registry
 * (tests run several in one process). Gauges and sampled counters are filled when scraped,
 * from state the JobManager keeps anyway (heartbeat totals, the slot pool, checkpoint
 * statistics), so nothing is paid between scrapes; only events that leave no state behind
 * (restarts, heartbeats) are counted when they happen.
 */
export class JobManagerMetrics {
  readonly registry = new Registry();
  private readonly restarts: Counter<'job_id' | 'job_name'>;
  private readonly heartbeats: Counter<'taskmanager_id'>;

  constructor(private readonly src: PrometheusSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'sluice_jobmanager_' });
    this.restarts = new Counter({ name: 'sluice_job_restarts_total', help: 'Restarts of each job (new execution attempts)', labelNames: ['job_id', 'job_name'], registers });
    this.heartbeats = new Counter({ name: 'sluice_taskmanager_heartbeats_total', help: 'Heartbeats received from each TaskManager', labelNames: ['taskmanager_id'], registers });
    this.clusterGauges(registers);
    this.vertexMetrics(registers);
    this.checkpointMetrics(registers);
  }

  jobRestarted(jobId: string): void {
    this.restarts.inc({ job_id: jobId, job_name: this.jobName(jobId) });
  }

  heartbeatReceived(taskManagerId: string): void {
    this.heartbeats.inc({ taskmanager_id: taskManagerId });
  }

  /** The exposition text. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private clusterGauges(registers: Registry[]): void {
    const { registry, slotPool, dispatcher } = this.src;
    gauge(registers, 'sluice_taskmanagers', 'Registered TaskManagers', [], (g) => g.set(registry.size));
    gauge(registers, 'sluice_slots_total', 'Slots offered by all TaskManagers', [], (g) => g.set(slotPool.totalSlots));
    gauge(registers, 'sluice_slots_available', 'Free slots', [], (g) => g.set(slotPool.freeSlots));
    gauge(registers, 'sluice_taskmanager_slots', 'Slots of each TaskManager by state', ['taskmanager_id', 'state'], (g) => {
      for (const tm of registry.list()) {
        const s = slotPool.slotsOf(tm.id);
        g.set({ taskmanager_id: tm.id, state: 'free' }, s.free);
        g.set({ taskmanager_id: tm.id, state: 'allocated' }, s.total - s.free);
      }
    });
    gauge(registers, 'sluice_taskmanager_last_heartbeat_age_seconds', 'Time since each TaskManager\'s last heartbeat', ['taskmanager_id'], (g) => {
      const now = Date.now();
      for (const tm of registry.list()) g.set({ taskmanager_id: tm.id }, Math.max(0, now - tm.lastHeartbeatAt) / 1000);
    });
    gauge(registers, 'sluice_jobs', 'Jobs by state', ['state'], (g) => {
      const counts = new Map<string, number>(JOB_STATES.map((s) => [s, 0]));
      for (const j of dispatcher.list()) counts.set(j.scheduler.state, (counts.get(j.scheduler.state) ?? 0) + 1);
      for (const [state, n] of counts) g.set({ state }, n);
    });
  }

  private vertexMetrics(registers: Registry[]): void {
    const vertices = () =>
      this.src.dispatcher.list().flatMap((j) =>
        j.graph.vertices.map((v) => ({ labels: { job_id: j.jobId, job_name: j.graph.name, vertex_id: v.id, vertex_name: v.name }, jobId: j.jobId, vertexId: v.id })),
      );
    const totals: Array<[string, string, 'read-records' | 'write-records' | 'read-bytes' | 'write-bytes']> = [
      ['sluice_vertex_records_in_total', 'Records received by all subtasks of a vertex (current attempt)', 'read-records'],
      ['sluice_vertex_records_out_total', 'Records emitted by all subtasks of a vertex (current attempt)', 'write-records'],
      ['sluice_vertex_bytes_in_total', 'Bytes received over the network by a vertex (current attempt)', 'read-bytes'],
      ['sluice_vertex_bytes_out_total', 'Bytes sent over the network by a vertex (current attempt)', 'write-bytes'],
    ];
    for (const [name, help, field] of totals) {
      sampledCounter(registers, name, help, VERTEX_LABELS, () => vertices().map((v) => [v.labels, this.src.metrics.vertexMetrics(v.jobId, v.vertexId)[field]]));
    }
    gauge(registers, 'sluice_vertex_backpressured_ratio', 'Share of time the most back-pressured subtask of a vertex waited for output credit', VERTEX_LABELS, (g) => {
      for (const v of vertices()) g.set(v.labels, this.src.metrics.vertexRates(v.jobId, v.vertexId).backpressureRatio);
    });
    gauge(registers, 'sluice_vertex_busy_ratio', 'Share of time the busiest subtask of a vertex was processing', VERTEX_LABELS, (g) => {
      for (const v of vertices()) g.set(v.labels, this.src.metrics.vertexRates(v.jobId, v.vertexId).busyRatio);
    });
    gauge(registers, 'sluice_vertex_current_watermark_milliseconds', 'Lowest watermark over the subtasks of a vertex (vertices with a watermark only)', VERTEX_LABELS, (g) => {
      for (const v of vertices()) {
        const w = this.src.metrics.vertexWatermark(v.jobId, v.vertexId);
        if (w !== undefined) g.set(v.labels, w);
      }
    });
  }

  private checkpointMetrics(registers: Registry[]): void {
    const stats = () => {
      const out: Array<{ labels: { job_id: string; job_name: string }; stats: CheckpointStats }> = [];
      for (const j of this.src.dispatcher.list()) {
        try {
          out.push({ labels: { job_id: j.jobId, job_name: j.graph.name }, stats: this.src.checkpointing.checkpointStats(j.jobId) });
        } catch {
          // A job whose statistics cannot be read right now is left out of this scrape.
        }
      }
      return out;
    };
    const jobLabels = ['job_id', 'job_name'] as const;
    sampledCounter(registers, 'sluice_checkpoints_completed_total', 'Completed checkpoints (and savepoints) of each job', [...jobLabels], () =>
      stats().map((s) => [s.labels, s.stats.counts.completed]),
    );
    sampledCounter(registers, 'sluice_checkpoints_failed_total', 'Failed checkpoints of each job', [...jobLabels], () => stats().map((s) => [s.labels, s.stats.counts.failed]));
    gauge(registers, 'sluice_checkpoints_in_progress', 'Checkpoints in progress', [...jobLabels], (g) => {
      for (const s of stats()) g.set(s.labels, s.stats.counts.in_progress);
    });
    gauge(registers, 'sluice_checkpoint_last_duration_seconds', 'End-to-end duration of the latest completed checkpoint', [...jobLabels], (g) => {
      for (const s of stats()) if (s.stats.latest.completed) g.set(s.labels, s.stats.latest.completed.end_to_end_duration / 1000);
    });
    gauge(registers, 'sluice_checkpoint_last_size_bytes', 'State size of the latest completed checkpoint', [...jobLabels], (g) => {
      for (const s of stats()) if (s.stats.latest.completed) g.set(s.labels, s.stats.latest.completed.state_size);
    });
  }

  private jobName(jobId: string): string {
    return this.src.dispatcher.has(jobId) ? this.src.dispatcher.get(jobId).graph.name : '';
  }
}

/** A gauge filled on scrape; label sets that no longer exist (a lost TaskManager) disappear. */
function gauge<L extends string>(registers: Registry[], name: string, help: string, labelNames: L[], fill: (g: Gauge<L>) => void): Gauge<L> {
  return new Gauge<L>({
    name,
    help,
    labelNames,
    registers,
    collect() {
      this.reset();
      fill(this);
    },
  });
}

/**
 * A counter whose value is a total kept elsewhere (heartbeat totals, checkpoint counts),
 * read on scrape. Exposed as a counter so Prometheus' rate() applies; a job restart starts
 * the total anew, which rate() treats as a counter reset.
 */
function sampledCounter<L extends string>(
  registers: Registry[],
  name: string,
  help: string,
  labelNames: L[],
  read: () => Array<[Record<L, string>, number]>,
): Counter<L> {
  return new Counter<L>({
    name,
    help,
    labelNames,
    registers,
    collect() {
      this.reset();
      for (const [labels, value] of read()) if (Number.isFinite(value) && value >= 0) this.inc(labels, value);
    },
  });
}
