import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster, ROOT, jobIdFrom } from '../test/harness/cluster';

/**
 * `npm run bench -- latency`: a keyed job (datagen -> keyBy -> map -> sink, parallelism 2)
 * across two TaskManagers at a fixed rate well below saturation; each record carries its
 * creation time and the sinks histogram creation -> sink latency. For each buffer timeout:
 * p50 / p99 / max, and saturated throughput (as fast as possible) against the 100 ms default.
 */
const JOB = path.join(ROOT, 'bench', 'jobs', 'bench-latency.js');
const TIMEOUTS = [100, 10, 1, 0];

interface Histogram {
  bucketMs: number;
  max: number;
  histogram: number[];
}

interface JobTiming {
  'end-time': number;
  vertices: Array<{ 'start-time': number }>;
}

function percentiles(files: Histogram[]): { p50: number; p99: number; max: number; count: number } {
  const bucketMs = files[0]!.bucketMs;
  const merged = new Array<number>(files[0]!.histogram.length).fill(0);
  for (const f of files) f.histogram.forEach((n, i) => (merged[i]! += n));
  const count = merged.reduce((a, b) => a + b, 0);
  const at = (q: number) => {
    let seen = 0;
    for (let i = 0; i < merged.length; i++) if ((seen += merged[i]!) >= q * count) return (i + 1) * bucketMs;
    return Infinity;
  };
  return { p50: at(0.5), p99: at(0.99), max: Math.max(...files.map((f) => f.max)), count };
}

export async function runLatencyBench(args: string[]): Promise<void> {
  const rateArg = args.indexOf('--rate');
  const rate = rateArg >= 0 ? Number(args[rateArg + 1]) : 5_000;
  const seconds = 8;
  const throughputRecords = Number(process.env.BENCH_LATENCY_RECORDS ?? 1_000_000);
  const out = (s: string) => process.stdout.write(s + '\n');
  out(`Latency: datagen at ${rate.toLocaleString('en-US')} records/s -> keyBy -> map -> sink, p=2 across two TaskManagers (1 slot each); first 2 s excluded`);
  out(`Throughput: ${throughputRecords.toLocaleString('en-US')} records as fast as possible, same job, from the last vertex's deployment to the end\n`);
  out(`buffer timeout     p50 ms    p99 ms    max ms   target p99   throughput rec/s   vs 100 ms`);
  const cluster = await TestCluster.start({ taskManagers: 2, slots: 1 });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-latency-'));
  try {
    const submit = async (timeout: number, extra: string[]) => {
      const res = await cluster.cli([JOB, '--buffer-timeout', String(timeout), ...extra], { timeoutMs: 600_000 });
      if (res.code !== 0) throw new Error(`latency job failed: ${res.stderr}`);
      return cluster.rest<JobTiming>(`/jobs/${jobIdFrom(res.stdout)}`);
    };
    await submit(100, ['--rate', '0', '--records', '200000']); // warm-up
    let base = 0;
    for (const timeout of TIMEOUTS) {
      const dir = path.join(tmp, String(timeout));
      fs.mkdirSync(dir);
      await submit(timeout, ['--rate', String(rate), '--records', String(rate * seconds), '--warm-up', String(rate * 2), '--out', dir]);
      const files = fs.readdirSync(dir).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Histogram);
      const p = percentiles(files);
      const job = await submit(timeout, ['--rate', '0', '--records', String(throughputRecords)]);
      const ms = job['end-time'] - Math.max(...job.vertices.map((v) => v['start-time']));
      const throughput = (throughputRecords / ms) * 1000;
      if (timeout === 100) base = throughput;
      const target = timeout === 0 ? 2 : timeout + 5;
      out(
        `${String(timeout).padStart(6)} ms      ${p.p50.toFixed(1).padStart(8)}  ${p.p99.toFixed(1).padStart(8)}  ${p.max.toFixed(1).padStart(8)}   ${`<= ${target}`.padStart(10)}   ${Math.round(throughput).toLocaleString('en-US').padStart(16)}   ${(throughput / base).toFixed(3).padStart(9)}`,
      );
    }
    out(`targets: p99 <= timeout + 5 ms (0: <= 2 ms); at 1 ms throughput >= 0.75 x the 100 ms figure`);
  } finally {
    await cluster.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
