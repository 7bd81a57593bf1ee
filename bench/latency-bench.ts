import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster, ROOT, jobIdFrom } from '../test/harness/cluster';
import { measureLatencyFloor } from './latency-floor';

/**
 * `npm run bench -- latency`: a keyed job (datagen -> keyBy -> map -> sink, parallelism 2)
 * across two TaskManagers at a fixed rate well below saturation; each record carries its
 * creation time and the sinks histogram creation -> sink latency. For each buffer timeout:
 * p50 / p90 / p99 / p99.9 / max next to the machine's latency floor measured at the same time
 * (bench/latency-floor), then saturated throughput (as fast as possible) and CPU per record
 * against the 100 ms default, best of interleaved rounds.
 */
const JOB = path.join(ROOT, 'bench', 'jobs', 'bench-latency.js');
const TIMEOUTS = [100, 10, 1, 0];

/** `--name value` from the bench's arguments, or undefined. */
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

interface Histogram {
  bucketMs: number;
  max: number;
  /** Records whose sink time was before their creation time (clocks of two processes disagreeing). */
  negative?: number;
  histogram: number[];
}

interface JobTiming {
  'end-time': number;
  vertices: Array<{ 'start-time': number }>;
}

function percentiles(files: Histogram[]): { p50: number; p90: number; p99: number; p999: number; max: number; count: number } {
  const bucketMs = files[0]!.bucketMs;
  const merged = new Array<number>(files[0]!.histogram.length).fill(0);
  for (const f of files) f.histogram.forEach((n, i) => (merged[i]! += n));
  const count = merged.reduce((a, b) => a + b, 0);
  const at = (q: number) => {
    let seen = 0;
    for (let i = 0; i < merged.length; i++) if ((seen += merged[i]!) >= q * count) return (i + 1) * bucketMs;
    return Infinity;
  };
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999), max: Math.max(...files.map((f) => f.max)), count };
}

/** CPU time (ns) of every thread of the given processes so far (/proc/<pid>/task/<tid>/schedstat). */
function cpuNanos(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        total += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        /* the thread ended meanwhile */
      }
    }
  }
  return total;
}

/** Context switches (voluntary + involuntary) of every thread of the given processes so far: their wakeups. */
function contextSwitches(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        for (const m of fs.readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8').matchAll(/ctxt_switches:\s+(\d+)/g)) total += Number(m[1]);
      } catch {
        /* the thread ended meanwhile */
      }
    }
  }
  return total;
}

/** Write syscalls (write, writev: data-plane frames leave through them) of the given processes so far. */
function writeSyscalls(pids: number[]): number {
  let total = 0;
  for (const pid of pids) total += Number(/syscw:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  return total;
}

const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const ms = (v: number) => v.toFixed(1).padStart(8);

interface Throughput {
  recordsPerSecond: number;
  cpuNsPerRecord: number;
  writesPer1kRecords: number;
}

export async function runLatencyBench(args: string[]): Promise<void> {
  const rate = Number(option(args, '--rate') ?? 5_000);
  const seconds = Number(option(args, '--seconds') ?? 8);
  // --timeouts 10,1 measures only those (repeats allowed); --no-throughput skips the saturated
  // runs, --throughput-only the latency runs.
  const timeouts = option(args, '--timeouts')?.split(',').map(Number) ?? TIMEOUTS;
  const withThroughput = !args.includes('--no-throughput');
  const withLatency = !args.includes('--throughput-only');
  const throughputRecords = Number(process.env.BENCH_LATENCY_RECORDS ?? 3_000_000);
  const rounds = Number(process.env.BENCH_RUNS ?? 3);
  const out = (s: string) => process.stdout.write(s + '\n');
  const cluster = await TestCluster.start({ taskManagers: 2, slots: 1 });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-latency-'));
  try {
    const submit = async (timeout: number, extra: string[]) => {
      const res = await cluster.cli([JOB, '--buffer-timeout', String(timeout), ...extra], { timeoutMs: 600_000 });
      if (res.code !== 0) throw new Error(`latency job failed: ${res.stderr}`);
      return cluster.rest<JobTiming>(`/jobs/${jobIdFrom(res.stdout)}`);
    };
    await submit(100, ['--rate', '0', '--records', '200000']); // warm-up
    const pids = cluster.taskManagers.map((tm) => tm.pid);
    if (withLatency) {
      out(`Latency: datagen at ${rate.toLocaleString('en-US')} records/s -> keyBy -> map -> sink, p=2 across two TaskManagers (1 slot each), ${seconds} s per row; first 2 s excluded`);
      out(`TM CPU, wakeups, writes: every thread of both TaskManagers during the row (/proc: schedstat, context switches, write syscalls), the job's submission included`);
      out(`Floor: alongside each row, two bare Node processes send records at the same rate over loopback TCP, buffered by a timer of the same timeout, no engine:`);
      out(`what the machine's load and the buffering alone cost`);
      out(`load average ${loadAverage()}`);
      out(`buffer timeout     p50 ms    p90 ms    p99 ms  p99.9 ms    max ms   target p99   floor p50  floor p99  floor p99.9   TM CPU ms/s   wakeups/s   writes/s`);
      for (const timeout of timeouts) {
        const dir = fs.mkdtempSync(path.join(tmp, `${timeout}-`));
        const cpuBefore = cpuNanos(pids);
        const switchesBefore = contextSwitches(pids);
        const writesBefore = writeSyscalls(pids);
        const startedAt = performance.now();
        // Side by side, so both see the same load; the floor starts with the job's first records.
        const [floorHistogram] = await Promise.all([
          measureLatencyFloor(rate, seconds, 2, timeout),
          submit(timeout, ['--rate', String(rate), '--records', String(rate * seconds), '--warm-up', String(rate * 2), '--out', dir]),
        ]);
        const elapsedSeconds = (performance.now() - startedAt) / 1000;
        const cpuPerSecond = (cpuNanos(pids) - cpuBefore) / 1e6 / elapsedSeconds;
        const switchesPerSecond = (contextSwitches(pids) - switchesBefore) / elapsedSeconds;
        const writesPerSecond = (writeSyscalls(pids) - writesBefore) / elapsedSeconds;
        const floor = percentiles([floorHistogram]);
        const sinks = fs.readdirSync(dir).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Histogram);
        const p = percentiles(sinks);
        const negative = sinks.reduce((n, h) => n + (h.negative ?? 0), 0);
        if (negative > 0) out(`         (${negative} of ${p.count} records arrived before their creation time: the TaskManagers' clocks disagree)`);
        const target = timeout === 0 ? 2 : timeout + 5;
        out(`${String(timeout).padStart(6)} ms      ${ms(p.p50)}  ${ms(p.p90)}  ${ms(p.p99)}  ${ms(p.p999)}  ${ms(p.max)}   ${`<= ${target}`.padStart(10)}   ${ms(floor.p50)}   ${ms(floor.p99)}   ${ms(floor.p999)}   ${cpuPerSecond.toFixed(0).padStart(10)}   ${switchesPerSecond.toFixed(0).padStart(9)}   ${writesPerSecond.toFixed(0).padStart(8)}`);
      }
      out(`load average ${loadAverage()}`);
      out(`target: p99 <= timeout + 5 ms (0: <= 2 ms)\n`);
    }
    if (withThroughput) {
      out(`Throughput: ${throughputRecords.toLocaleString('en-US')} records as fast as possible, same job, from the last vertex's deployment to the end;`);
      out(`best of ${rounds} rounds, the timeouts interleaved in each round; CPU: every thread of both TaskManagers (/proc schedstat) per record`);
      out(`load average ${loadAverage()}`);
      const distinct = [...new Set(timeouts)];
      const best = new Map<number, Throughput>();
      for (let round = 0; round < rounds; round++) {
        for (const timeout of distinct) {
          const cpuBefore = cpuNanos(pids);
          const writesBefore = writeSyscalls(pids);
          const job = await submit(timeout, ['--rate', '0', '--records', String(throughputRecords)]);
          const elapsed = job['end-time'] - Math.max(...job.vertices.map((v) => v['start-time']));
          const run = {
            recordsPerSecond: (throughputRecords / elapsed) * 1000,
            cpuNsPerRecord: (cpuNanos(pids) - cpuBefore) / throughputRecords,
            writesPer1kRecords: ((writeSyscalls(pids) - writesBefore) * 1000) / throughputRecords,
          };
          const previous = best.get(timeout);
          best.set(timeout, {
            recordsPerSecond: Math.max(run.recordsPerSecond, previous?.recordsPerSecond ?? 0),
            cpuNsPerRecord: Math.min(run.cpuNsPerRecord, previous?.cpuNsPerRecord ?? Infinity),
            writesPer1kRecords: Math.min(run.writesPer1kRecords, previous?.writesPer1kRecords ?? Infinity),
          });
        }
      }
      const base = best.get(100);
      out(`buffer timeout   throughput rec/s   vs 100 ms   TM CPU ns/rec   vs 100 ms   writes/1k rec`);
      for (const [timeout, t] of best) {
        const vs = (a: number | undefined, b: number) => (a === undefined ? '-' : (b / a).toFixed(3)).padStart(9);
        out(`${String(timeout).padStart(6)} ms     ${Math.round(t.recordsPerSecond).toLocaleString('en-US').padStart(16)}   ${vs(base?.recordsPerSecond, t.recordsPerSecond)}   ${t.cpuNsPerRecord.toFixed(0).padStart(13)}   ${vs(base?.cpuNsPerRecord, t.cpuNsPerRecord)}   ${t.writesPer1kRecords.toFixed(2).padStart(13)}`);
      }
      out(`load average ${loadAverage()}`);
      out(`target: at 1 ms throughput >= 0.75 x the 100 ms figure`);
    }
  } finally {
    await cluster.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
