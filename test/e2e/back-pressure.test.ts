import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';

const JOBS = path.join(__dirname, 'jobs');

interface VertexMetrics {
  'read-records': number;
  'write-records': number;
}
interface JobDetail {
  state: string;
  vertices: Array<{ name: string; metrics: VertexMetrics }>;
}

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/**
 * An unbounded source as fast as it can go into a sink that takes ~50 µs per record, across
 * two TaskManagers. With credit-based flow control the source can only run ahead of the sink
 * by the buffers credits allow, so the gap stays bounded and so does memory.
 */
describe('back-pressure', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 2, slots: 1 });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('keeps the source within a bounded distance of a slow sink, with bounded memory', async () => {
    const res = await cluster.cli(['--detached', path.join(JOBS, 'slow-sink.js')]);
    expect(res.code).toBe(0);
    const jobId = jobIdFrom(res.stdout);
    await cluster.waitForJobState(jobId, 'RUNNING');

    const sample = async () => {
      const job = await cluster.rest<JobDetail>(`/jobs/${jobId}`);
      const [source, sink] = job.vertices;
      return { produced: source.metrics['write-records'], consumed: sink.metrics['read-records'] };
    };
    // Let the pipeline fill and reach its steady state.
    await waitFor(async () => ((await sample()).consumed > 50_000 ? true : undefined), { timeoutMs: 30_000, message: 'the sink to consume 50k records' });

    // Buffers in flight: 2 producers x 2 consumers channels x (4 credits + 2 backlog) x 1024
    // records, plus metrics that are sampled up to ~2 s apart at the sink's ~40k records/s.
    const bound = 4 * 6 * 1024 + 2 * 40_000 + 20_000;
    const gaps: number[] = [];
    const rss: number[] = [];
    let last = await sample();
    for (let i = 0; i < 4; i++) {
      await waitFor(async () => {
        const s = await sample();
        return s.consumed > last.consumed + 20_000 ? s : undefined;
      }, { timeoutMs: 30_000, message: 'the sink to make progress' }).then((s) => (last = s));
      gaps.push(last.produced - last.consumed);
      rss.push(...cluster.taskManagers.map((t) => rssBytes(t.pid)));
    }
    for (const gap of gaps) expect(gap).toBeLessThan(bound);
    // Without flow control an unthrottled source produces millions of records per second.
    expect(last.produced).toBeLessThan(last.consumed + bound);
    for (const r of rss) expect(r).toBeLessThan(400 * 1024 * 1024);

    const cancel = await cluster.cli(['cancel', jobId]);
    expect(cancel.code).toBe(0);
    await cluster.waitForJobState(jobId, 'CANCELED');
  });
});
