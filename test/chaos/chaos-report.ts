export type FaultKind = 'kill-taskmanager' | 'kill-jobmanager' | 'redis-outage' | 'corrupt-checkpoint';

export interface FaultRecord {
  readonly kind: FaultKind;
  /** When it was injected, from the start of the run. */
  readonly atMs: number;
  detail: string;
  /** From the fault until the job ran and completed a new checkpoint. */
  recoveryMs?: number;
  error?: string;
}

export interface ChaosReport {
  readonly seed: number;
  readonly storage: 'redis' | 'file';
  readonly durationMs: number;
  readonly jobId: string;
  readonly finalState: string;
  /** One committed [key, runningSum] per source record, exactly once. */
  readonly expectedUpdates: number;
  readonly committedUpdates: number;
  readonly lost: number;
  readonly duplicated: number;
  /** No loss, no duplicate, every sum right, the job FINISHED and every fault recovered. */
  readonly exact: boolean;
  readonly problems: string[];
  readonly faults: FaultRecord[];
  /** The end of each process's stderr, printed when the run failed. */
  readonly logs: Array<{ name: string; stderr: string }>;
  /** The run's directory (output, checkpoints, HA store), kept when it failed. */
  keptDir?: string;
}

/**
 * Lost and duplicated updates of the running-sum job's output: per key, every update's sum is
 * distinct (values are positive), so a sum seen twice is a duplicate and an expected update
 * with no distinct sum is lost.
 */
export function countLossAndDuplicates(records: ReadonlyArray<[string, number]>, count: number, keys: number): { lost: number; duplicated: number } {
  const sums = new Map<string, number[]>();
  for (const [k, s] of records) {
    let list = sums.get(k);
    if (!list) sums.set(k, (list = []));
    list.push(s);
  }
  let lost = 0;
  let duplicated = 0;
  for (let k = 0; k < keys; k++) {
    const expected = Math.floor(count / keys) + (k < count % keys ? 1 : 0);
    const seen = sums.get(`k${k}`) ?? [];
    const distinct = new Set(seen).size;
    duplicated += seen.length - distinct;
    lost += Math.max(0, expected - distinct);
  }
  return { lost, duplicated };
}

/** The human-readable report `npm run chaos` prints. */
export function formatChaosReport(r: ChaosReport): string {
  const lines: string[] = [];
  lines.push(`Chaos run: seed ${r.seed}, ${r.storage} checkpoint storage, ${(r.durationMs / 1000).toFixed(0)} s, job ${r.jobId || '(none)'} ended ${r.finalState || '(unknown)'}`);
  lines.push('');
  lines.push('  at (s)  fault               recovered in  detail');
  for (const f of r.faults)
    lines.push(`  ${(f.atMs / 1000).toFixed(1).padStart(6)}  ${f.kind.padEnd(18)}  ${(f.recoveryMs === undefined ? 'NOT RECOVERED' : `${(f.recoveryMs / 1000).toFixed(2)} s`).padStart(12)}  ${f.detail}`);
  const byKind = new Map<string, number[]>();
  for (const f of r.faults) if (f.recoveryMs !== undefined) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f.recoveryMs]);
  lines.push('');
  lines.push(`Faults: ${r.faults.length} (${[...new Set(r.faults.map((f) => f.kind))].map((k) => `${k} ${r.faults.filter((f) => f.kind === k).length}`).join(', ') || 'none'}); recoveries: ${r.faults.filter((f) => f.recoveryMs !== undefined).length}`);
  for (const [kind, times] of byKind) lines.push(`  ${kind}: time to recover max ${(Math.max(...times) / 1000).toFixed(2)} s, mean ${(times.reduce((a, b) => a + b, 0) / times.length / 1000).toFixed(2)} s`);
  lines.push(`Records: ${r.expectedUpdates} expected updates, ${r.committedUpdates} committed; lost ${r.lost}, duplicated ${r.duplicated}`);
  for (const p of r.problems.slice(0, 20)) lines.push(`  problem: ${p}`);
  lines.push(r.exact ? 'RESULT: exactly once (0 lost, 0 duplicated)' : `RESULT: FAILED${r.keptDir ? ` (run directory kept: ${r.keptDir})` : ''}`);
  return lines.join('\n') + '\n';
}
