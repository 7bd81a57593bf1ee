import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';

const JOBS = path.join(__dirname, 'jobs');

interface Rates {
  'read-records-per-second': number;
  'busy-ratio': number;
  'backpressure-ratio': number;
}
interface VertexDetail {
  subtasks: Array<{ subtask: number; rates: Rates; metrics: { 'read-records': number }; 'metrics-timestamp': number | null }>;
}
interface JobDetail {
  vertices: Array<{ id: string; name: string }>;
}

/**
 * The case a new user met: a slow map (800 µs per record) behind an unlimited source, whose
 * slot threads are saturated all the time. Metrics are sampled from memory the slot workers
 * share with their TaskManager, so rates stay steady and busy / back-pressured time are
 * attributed while a turn is still running.
 */
describe('task metrics under load', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 2, slots: 1 });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('reports steady rates, a busy map and a back-pressured source while the slot threads are saturated', async () => {
    const res = await cluster.cli(['--detached', path.join(JOBS, 'slow-map.js')]);
    expect(res.code).toBe(0);
    const jobId = jobIdFrom(res.stdout);
    await cluster.waitForJobState(jobId, 'RUNNING');
    const job = await cluster.rest<JobDetail>(`/jobs/${jobId}`);
    expect(job.vertices).toHaveLength(2);
    const [source, map] = job.vertices;
    const vertex = (id: string) => cluster.rest<VertexDetail>(`/jobs/${jobId}/vertices/${id}`);

    // Past the start-up: both map subtasks have worked for longer than rates span (10 s), so
    // that no sample's window holds the source's first burst (it fills every buffer it has
    // credit for at once). 14,000 records take at least 11.2 s at 800 µs each; 5,000 (4 s) left
    // that burst in the source's rate of the first samples (4,308/s against the 2,355/s taken).
    await waitFor(async () => ((await vertex(map.id)).subtasks.every((s) => s.metrics['read-records'] > 14_000) ? true : undefined), {
      timeoutMs: 120_000,
      message: 'both map subtasks to process 14,000 records',
    });

    const samples: Array<{ map: VertexDetail; source: VertexDetail }> = [];
    let lastStamp = 0;
    while (samples.length < 8) {
      // A new heartbeat sample each time (they come about every second).
      const m = await waitFor(async () => {
        const v = await vertex(map.id);
        const stamp = Math.min(...v.subtasks.map((s) => s['metrics-timestamp'] ?? 0));
        return stamp > lastStamp + 900 ? v : undefined;
      }, { timeoutMs: 20_000, message: 'a new metrics sample' });
      lastStamp = Math.min(...m.subtasks.map((s) => s['metrics-timestamp'] ?? 0));
      samples.push({ map: m, source: await vertex(source.id) });
    }

    // The real rate: records processed over the whole sampling period, per map subtask.
    const first = samples[0]!.map.subtasks, last = samples[samples.length - 1]!.map.subtasks;
    const elapsedS = (Math.min(...last.map((s) => s['metrics-timestamp']!)) - Math.min(...first.map((s) => s['metrics-timestamp']!))) / 1000;
    for (const sub of [0, 1]) {
      const real = (last[sub]!['metrics']['read-records'] - first[sub]!['metrics']['read-records']) / elapsedS;
      expect(real).toBeGreaterThan(0); // at most 1,250/s at 800 µs per record, less on a shared machine
      for (const s of samples) {
        const r = s.map.subtasks[sub]!.rates;
        // Every sample near the real rate: no 0/s, no saw-tooth (the margin is for the load
        // of a shared machine changing while rates average over their 10 s window).
        expect(r['read-records-per-second']).toBeGreaterThan(real * 0.5);
        expect(r['read-records-per-second']).toBeLessThan(real * 1.5);
        expect(r['busy-ratio']).toBeGreaterThan(0.7);
      }
    }
    // The source emits what the two maps take, in bursts of a 1,024-record buffer per channel
    // whenever credit returns: over the 10 s a rate spans, within two bursts of what they take.
    const twoBurstsPerSecond = (2 * 2 * 1024) / 10;
    for (const s of samples) {
      const r = s.source.subtasks[0]!.rates;
      const taken = s.map.subtasks.reduce((sum, t) => sum + t.rates['read-records-per-second'], 0);
      expect(r['backpressure-ratio']).toBeGreaterThan(0.5);
      expect(r['read-records-per-second']).toBeGreaterThan(0);
      expect(Math.abs(r['read-records-per-second'] - taken), `source ${r['read-records-per-second']}/s, maps ${s.map.subtasks.map((t) => t.rates['read-records-per-second']).join(' + ')}/s; samples: ${JSON.stringify(samples.map((x) => [x.source.subtasks[0]!.rates['read-records-per-second'], ...x.map.subtasks.map((t) => t.rates['read-records-per-second'])]))}`).toBeLessThan(twoBurstsPerSecond + taken * 0.2);
    }

    const cancel = await cluster.cli(['cancel', jobId]);
    expect(cancel.code).toBe(0);
    await cluster.waitForJobState(jobId, 'CANCELED');
  }, 180_000);
});
