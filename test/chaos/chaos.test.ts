import { describe, expect, it } from 'vitest';
import { runChaos } from './chaos-run';
import { countLossAndDuplicates, formatChaosReport } from './chaos-report';
import { seededRandom } from './seeded-random';

describe('chaos check (short: `npm run chaos -- --minutes 1`)', () => {
  it('commits every update exactly once through kill -9 of TaskManagers and the JobManager, a Redis outage and a corrupted checkpoint', { timeout: 240_000 }, async () => {
    const report = await runChaos({ minutes: 1, seed: 7, storage: 'redis' });
    const text = formatChaosReport(report);
    expect(report.problems, text).toEqual([]);
    expect(new Set(report.faults.map((f) => f.kind)), text).toEqual(new Set(['kill-taskmanager', 'kill-jobmanager', 'redis-outage', 'corrupt-checkpoint']));
    expect(report.faults.every((f) => f.recoveryMs !== undefined), text).toBe(true);
    expect(report.finalState).toBe('FINISHED');
    expect(report.committedUpdates).toBe(report.expectedUpdates);
    expect({ lost: report.lost, duplicated: report.duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(report.exact).toBe(true);
    expect(text).toMatch(/RESULT: exactly once \(0 lost, 0 duplicated\)/);
  });

  it('counts lost and duplicated updates of the running-sum output', () => {
    // count 4, keys 2: k0 gets 1 and 3 (sums 1, 4), k1 gets 2 and 4 (sums 2, 6).
    expect(countLossAndDuplicates([['k0', 1], ['k0', 4], ['k1', 2], ['k1', 6]], 4, 2)).toEqual({ lost: 0, duplicated: 0 });
    expect(countLossAndDuplicates([['k0', 1], ['k0', 1], ['k0', 4], ['k1', 6]], 4, 2)).toEqual({ lost: 1, duplicated: 1 });
  });

  it('draws the same schedule from the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const draws = (r: ReturnType<typeof seededRandom>) => [r.integer(1, 3), r.integer(0, 1), r.shuffle([1, 2, 3, 4]).join()];
    expect(draws(a)).toEqual(draws(b));
    expect(seededRandom(1).next()).not.toBe(seededRandom(2).next());
  });
});
