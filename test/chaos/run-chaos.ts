/**
 * `npm run chaos [-- --minutes M] [--seed S] [--storage redis|file] [--rate N]`: runs the chaos
 * check (chaos-run.ts) on this machine's loopback and prints its report. Exit code 0 when every
 * update was committed exactly once and every fault recovered, 1 otherwise, 2 for bad options.
 * See docs/chaos.md.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { runChaos } from './chaos-run';
import { formatChaosReport } from './chaos-report';

function options(): Parameters<typeof runChaos>[0] {
  const { values } = parseArgs({ options: { minutes: { type: 'string' }, seed: { type: 'string' }, storage: { type: 'string' }, rate: { type: 'string' } }, strict: true });
  const minutes = Number(values.minutes ?? '10');
  if (!(minutes > 0 && minutes <= 24 * 60)) throw new Error(`--minutes must be a number in (0, 1440], got '${values.minutes}'`);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got '${values.seed}'`);
  const storage = values.storage ?? (hasRedisServer() ? 'redis' : 'file');
  if (storage !== 'redis' && storage !== 'file') throw new Error(`--storage must be redis or file, got '${storage}'`);
  const rate = Number(values.rate ?? '1500');
  if (!Number.isSafeInteger(rate) || rate < 1) throw new Error(`--rate must be a positive integer, got '${values.rate}'`);
  return { minutes, seed, storage, rate, log: (line) => process.stdout.write(line + '\n') };
}

function hasRedisServer(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  let opts;
  try {
    opts = options();
  } catch (err) {
    process.stderr.write(`chaos: ${(err as Error).message}\n`);
    return 2;
  }
  const report = await runChaos(opts);
  process.stdout.write('\n' + formatChaosReport(report));
  if (!report.exact) for (const l of report.logs) if (l.stderr) process.stdout.write(`\n--- ${l.name} stderr (end) ---\n${l.stderr}\n`);
  return report.exact && report.lost === 0 && report.duplicated === 0 ? 0 : 1;
}

void main().then((code) => process.exit(code));
