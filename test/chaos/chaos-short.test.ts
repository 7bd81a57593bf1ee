import { describe, expect, it } from 'vitest';
import { formatReport, runChaos } from './chaos-run';

/**
 * The short version of `npm run chaos`: each kind of fault once (kill -9 of a TaskManager and
 * of the JobManager, a Redis outage, a corrupted old checkpoint), then the job must finish
 * with nothing lost and nothing duplicated.
 */
describe('chaos (short)', () => {
  it('one of each fault: no record lost or duplicated', { timeout: 420_000 }, async () => {
    const report = await runChaos({ minutes: 0.3, seed: 1 });
    const text = formatReport(report);
    expect(report.faults.map((f) => f.kind).slice(0, 4), text).toEqual(['kill -9 TaskManager', 'kill -9 JobManager', 'Redis outage', 'corrupt old checkpoint']);
    expect(report.jobState, text).toBe('FINISHED');
    expect(report.lost, text).toBe(0);
    expect(report.duplicated, text).toBe(0);
    expect(report.finalSumsExact, text).toBe(true);
  });
});
