import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { TestCluster, jobIdFrom } from '../harness/cluster';

const JOBS = path.join(__dirname, 'jobs');

interface Exceptions {
  'root-exception': string | null;
  exceptionHistory: { entries: Array<{ exceptionName: string; stacktrace: string; taskName: string | null }> };
}

/**
 * Task errors cross the TaskManager → JobManager boundary as structured data: REST shows the
 * error's class and its stack with the user's own file and line, the CLI prints the class,
 * message and user frame, and the default restart strategy gives up on a user error that
 * repeats instead of restarting forever (docs/errors.md).
 */
describe('task errors across process boundaries (multi-process)', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 1, slots: 1 });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('a RangeError in a map: FAILED after 3 identical failures, exceptionName RangeError, stack with the job file line', { timeout: 90_000 }, async () => {
    const res = await cluster.cli([path.join(JOBS, 'bad-record.js')], { timeoutMs: 80_000 });
    expect(res.code).toBe(1);
    const jobId = jobIdFrom(res.stdout);
    // One summary line, then the root exception with its stack, as Flink's CLI prints the cause.
    const [summary, heading, message, ...frames] = res.stderr.trim().split('\n').filter((l) => !l.startsWith('Warning: '));
    expect(summary).toMatch(new RegExp(`^Job ${jobId} FAILED: .*RangeError: bad record 700 \\(at \\S*bad-record\\.js:9:\\d+\\)$`));
    expect([heading, message]).toEqual(['Root exception:', '  RangeError: bad record 700']);
    expect(frames[0]).toMatch(/^  at .*bad-record\.js:9:\d+\)?$/);
    expect(frames.every((f) => f.startsWith('  at '))).toBe(true);
    // status prints the same root exception under its vertices.
    const status = await cluster.cli(['status', jobId]);
    expect(status.stdout).toMatch(/^Failure cause: .*RangeError: bad record 700 \(at \S*bad-record\.js:9:\d+\)$/m);
    expect(status.stdout.split('Root exception:\n')[1]).toBe([message, ...frames].join('\n') + '\n');
    const ex = await cluster.rest<Exceptions>(`/jobs/${jobId}/exceptions`);
    expect(ex['root-exception']).toMatch(/^RangeError: bad record 700\n\s+at .*bad-record\.js:9:\d+/);
    const entries = ex.exceptionHistory.entries;
    expect(entries).toHaveLength(3);
    for (const e of entries) {
      expect(e.exceptionName).toBe('RangeError');
      expect(e.stacktrace).toMatch(/bad-record\.js:9:\d+/);
      expect(e.taskName).toMatch(/Map/);
    }
  });
});
