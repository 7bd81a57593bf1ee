import { parseArgs } from 'node:util';
import { formatReport, passed, runChaos } from './chaos-run';

/** `npm run chaos [-- --minutes M] [--seed S]`: prints the report, exits 1 on any loss or duplicate. */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '5' }, seed: { type: 'string' } }, strict: true });
  const minutes = Number(values.minutes);
  if (!(minutes > 0)) {
    process.stderr.write(`Error: --minutes must be a positive number, got '${values.minutes}'\n`);
    return 2;
  }
  const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
  process.stdout.write(`Chaos run: ${minutes} min of faults, seed ${seed}\n`);
  const report = await runChaos({ minutes, seed, log: (l) => process.stdout.write(`  ${l}\n`) });
  process.stdout.write(formatReport(report));
  return passed(report) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
