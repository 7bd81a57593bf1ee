import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileSinkOperator } from './file-sink-operator';
import { operatorTestContext } from '../operators/test-support/operator-harness';

const config = (dir: string) => ({ dir, maxPartSizeBytes: 1 << 30, rolloverIntervalMs: 1 << 30 });
const committed = (dir: string) => fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
const hidden = (dir: string) => fs.readdirSync(dir).filter((f) => f.startsWith('.')).sort();
const lines = (dir: string) => committed(dir).flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean));

describe('FileSink two-phase commit', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-sink-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('pre-commits on the barrier and commits on checkpoint-complete, never before', () => {
    const sink = new FileSinkOperator('sink', config(dir), true);
    sink.open(operatorTestContext());
    sink.collect({ a: 1 });
    sink.collect({ a: 2 });
    expect(hidden(dir)).toEqual([expect.stringMatching(/\.inprogress$/)]);
    const state = sink.snapshotState(1);
    expect(hidden(dir)).toEqual([expect.stringMatching(/\.pending$/)]);
    expect(committed(dir)).toEqual([]);
    sink.collect({ a: 3 });
    sink.snapshotState(2);
    sink.notifyCheckpointComplete(1);
    expect(lines(dir)).toEqual(['{"a":1}', '{"a":2}']);
    sink.notifyCheckpointComplete(2);
    expect(lines(dir)).toEqual(['{"a":1}', '{"a":2}', '{"a":3}']);
    expect(hidden(dir)).toEqual([]);
    expect((state.pending as unknown[]).length).toBe(1);
  });

  it('on restore: commits the restored checkpoint\'s parts (idempotently) and deletes in-progress files of earlier attempts', () => {
    const first = new FileSinkOperator('sink', config(dir), true);
    first.open(operatorTestContext({ attempt: 0 }));
    first.collect('before-barrier');
    const state = first.snapshotState(5);
    first.collect('after-barrier'); // lost in the failure: never committed
    first.close(); // the task dies here (no notify for checkpoint 5)

    const second = new FileSinkOperator('sink', config(dir), true);
    second.open(operatorTestContext({ attempt: 1, list: state }));
    expect(lines(dir)).toEqual(['"before-barrier"']);
    expect(hidden(dir)).toEqual([]);

    // a second restore from the same state (another failure) changes nothing
    const third = new FileSinkOperator('sink', config(dir), true);
    third.open(operatorTestContext({ attempt: 2, list: state }));
    expect(lines(dir)).toEqual(['"before-barrier"']);
  });

  it('without checkpointing commits at end of input', () => {
    const sink = new FileSinkOperator('sink', config(dir), false);
    sink.open(operatorTestContext());
    sink.collect(1);
    expect(committed(dir)).toEqual([]);
    sink.endInput();
    expect(lines(dir)).toEqual(['1']);
  });

  it('rolls over by size: rolled parts wait for the next checkpoint', () => {
    const sink = new FileSinkOperator('sink', { dir, maxPartSizeBytes: 10, rolloverIntervalMs: 1 << 30 }, true);
    sink.open(operatorTestContext());
    sink.collect('0123456789abc');
    sink.flush();
    expect(hidden(dir)).toEqual([expect.stringMatching(/\.pending$/)]);
    sink.collect('x');
    sink.snapshotState(1);
    sink.notifyCheckpointComplete(1);
    expect(committed(dir)).toHaveLength(2);
  });
});
