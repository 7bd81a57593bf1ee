import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster, jobIdFrom, ROOT } from '../harness/cluster';
import { readCommittedRecords, hiddenFiles } from '../harness/part-files';
import { waitFor } from '../harness/wait-for';

const JOBS = path.join(__dirname, 'jobs');
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta'];

/** The same word count computed directly. */
function expectedCounts(lines: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < lines; i++)
    for (const w of [WORDS[i % 7], WORDS[(i * 3) % 7], WORDS[(i * 5 + 1) % 7]]) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

describe('cluster end to end (JobManager + 2 TaskManagers as processes)', () => {
  let cluster: TestCluster;
  let tmp: string;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 2, slots: 2 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-e2e-'));
  });

  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('runs a keyed word count at parallelism 2 across both TaskManagers with exact counts', async () => {
    const out = path.join(tmp, 'wordcount');
    const lines = 3000;
    const res = await cluster.cli([path.join(JOBS, 'keyed-wordcount-file.js'), '--lines', String(lines), '--output', out]);
    expect(res.stderr).not.toMatch(/Error/);
    expect(res.code).toBe(0);
    const jobId = jobIdFrom(res.stdout);
    expect(res.stdout).toContain(`Job ${jobId} FINISHED`);

    const records = readCommittedRecords<[string, number]>(out);
    const expected = expectedCounts(lines);
    // every running-count update exactly once: for each word, the counts 1..n
    expect(records).toHaveLength(lines * 3);
    for (const [word, n] of expected) {
      const seen = records.filter((r) => r[0] === word).map((r) => r[1]).sort((a, b) => a - b);
      expect(seen).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
    expect(hiddenFiles(out)).toEqual([]);

    // the job's subtasks were spread over both TaskManagers
    const job = await cluster.rest<{ state: string; vertices: Array<{ parallelism: number; status: string }> }>(`/jobs/${jobId}`);
    expect(job.state).toBe('FINISHED');
    expect(job.vertices.map((v) => v.parallelism)).toEqual([2, 2]);
  });

  it('prints records on the TaskManagers stdout with subtask prefixes', async () => {
    const before = cluster.stdoutMark();
    const res = await cluster.cli([path.join(JOBS, 'print-sequence.js')]);
    expect(res.code).toBe(0);
    const printedLines = () => cluster.printedSince(before).split('\n').filter((l) => /^[12]> \{"n":/.test(l));
    await waitFor(() => printedLines().length >= 20, { message: '20 printed records' });
    const lines = printedLines();
    expect(lines).toHaveLength(20);
    expect(new Set(lines.map((l) => JSON.parse(l.slice(3)).n))).toEqual(new Set(Array.from({ length: 20 }, (_, i) => i + 1)));
  });

  it('runs the seeds socket word count from examples/', async () => {
    const server = net.createServer((socket) => {
      socket.write('hello world\nhello sluice\n');
      socket.end('hello\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const before = cluster.stdoutMark();
      const res = await cluster.cli([path.join(ROOT, 'examples', 'socket-wordcount.js'), '--port', String(port)]);
      expect(res.stderr).not.toMatch(/Error/);
      expect(res.code).toBe(0); // the stream ends when the server closes the connection
      // stdout of two TaskManager processes arrives independently: wait for every line
      const expected = ['["hello",1]', '["hello",2]', '["hello",3]', '["world",1]', '["sluice",1]'];
      await waitFor(() => expected.every((e) => cluster.printedSince(before).includes(e)), {
        message: () => `${expected.join(' ')} on stdout; got:\n${cluster.printedSince(before)}`,
      });
      const lines = cluster.printedSince(before).split('\n').filter((l) => /^[12]> \[/.test(l));
      expect(lines.map((l) => l.slice(3)).sort()).toEqual([...expected].sort());
    } finally {
      server.close();
    }
  });

  it('reads a text file', async () => {
    const input = path.join(tmp, 'input.txt');
    fs.writeFileSync(input, 'a\nb\na\nc\na\nb');
    const out = path.join(tmp, 'textfile');
    const res = await cluster.cli([path.join(JOBS, 'text-file-lines.js'), '--input', input, '--output', out]);
    expect(res.code).toBe(0);
    const records = readCommittedRecords<[string, number]>(out);
    expect(records.sort()).toEqual([['a', 1], ['a', 2], ['a', 3], ['b', 1], ['b', 2], ['c', 1]].sort());
  });

  it('lists, shows and cancels a running job', async () => {
    const res = await cluster.cli(['--detached', path.join(JOBS, 'unbounded.js')]);
    expect(res.code).toBe(0);
    const jobId = jobIdFrom(res.stdout);
    await cluster.waitForJobState(jobId, 'RUNNING');

    const list = await cluster.cli(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${jobId} : unbounded \\(RUNNING\\)`));

    const status = await cluster.cli(['status', jobId]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('State: RUNNING');

    const cancel = await cluster.cli(['cancel', jobId]);
    expect(cancel.code).toBe(0);
    await cluster.waitForJobState(jobId, 'CANCELED');
    const overview = await cluster.rest<Record<string, number>>('/overview');
    expect(overview['jobs-cancelled']).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await cluster.rest<Record<string, number>>('/overview'))['slots-available'] === 4, { message: 'slots freed after cancel' });
  });

  it('fails a job whose user function throws, with the cause, and stays up', async () => {
    const res = await cluster.cli([path.join(JOBS, 'failing-task.js')]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/FAILED: .*boom at record 50/);
    const jobId = jobIdFrom(res.stdout);
    const exceptions = await cluster.rest<{ 'root-exception': string }>(`/jobs/${jobId}/exceptions`);
    expect(exceptions['root-exception']).toMatch(/boom at record 50/);
    expect((await cluster.rest<Record<string, number>>('/overview')).taskmanagers).toBe(2);
  });
});
