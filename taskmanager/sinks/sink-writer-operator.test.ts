import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SinkWriterOperator } from './sink-writer-operator';
import { FileSink } from '../../api/sinks/file/file-sink';
import type { OperatorListState } from '../operators/operator';
import { operatorTestContext } from '../operators/test-support/operator-harness';

const committed = (dir: string) => fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
const hidden = (dir: string) => fs.readdirSync(dir).filter((f) => f.startsWith('.')).sort();
const lines = (dir: string) => committed(dir).flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean));

async function fileSink(dir: string, opts: { checkpointing?: boolean; attempt?: number; restored?: OperatorListState; maxPartSizeBytes?: number } = {}): Promise<SinkWriterOperator> {
  const sink = FileSink.forRowFormat(dir).withRollingPolicy({ maxPartSizeBytes: opts.maxPartSizeBytes ?? 1 << 30, rolloverIntervalMs: 1 << 30 });
  const op = new SinkWriterOperator('sink', sink, opts.checkpointing ?? true);
  await op.open({ ...operatorTestContext({ attempt: opts.attempt, list: opts.restored }), restoredCheckpointId: opts.restored ? 5 : undefined });
  return op;
}

const snapshot = async (op: SinkWriterOperator, id: number) => (await op.snapshotState(id)) as OperatorListState;

describe('FileSink on Sink V2: two-phase commit', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-sink-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('pre-commits on the barrier and commits on checkpoint-complete, never before', async () => {
    const sink = await fileSink(dir);
    sink.collect({ a: 1 });
    sink.collect({ a: 2 });
    const state = await snapshot(sink, 1);
    expect(hidden(dir)).toEqual([expect.stringMatching(/\.pending$/)]);
    expect(committed(dir)).toEqual([]);
    sink.collect({ a: 3 });
    expect(hidden(dir).some((f) => f.endsWith('.inprogress'))).toBe(true);
    await snapshot(sink, 2);
    await sink.notifyCheckpointComplete(1);
    expect(lines(dir)).toEqual(['{"a":1}', '{"a":2}']);
    await sink.notifyCheckpointComplete(2);
    expect(lines(dir)).toEqual(['{"a":1}', '{"a":2}', '{"a":3}']);
    expect(hidden(dir)).toEqual([]);
    expect((state.committables as unknown[]).length).toBe(1);
  });

  it('committables stay in later checkpoints until committed: a restore from any of them commits them', async () => {
    const sink = await fileSink(dir);
    sink.collect('x');
    await snapshot(sink, 1);
    const second = await snapshot(sink, 2); // checkpoint 1 not yet notified: its part is still pending
    expect((second.committables as Array<{ checkpointId: number }>).map((c) => c.checkpointId)).toEqual([1]);
  });

  it("on restore: commits the restored checkpoint's parts (idempotently) and deletes in-progress files of earlier attempts", async () => {
    const first = await fileSink(dir, { attempt: 0 });
    first.collect('before-barrier');
    const state = await snapshot(first, 5);
    first.collect('after-barrier'); // lost in the failure: never committed
    await first.close(); // the task dies here (no notify for checkpoint 5)

    await fileSink(dir, { attempt: 1, restored: state });
    expect(lines(dir)).toEqual(['"before-barrier"']);
    expect(hidden(dir)).toEqual([]);
    // a second restore from the same state (another failure) changes nothing
    await fileSink(dir, { attempt: 2, restored: state });
    expect(lines(dir)).toEqual(['"before-barrier"']);
  });

  it('without checkpointing commits at end of input', async () => {
    const sink = await fileSink(dir, { checkpointing: false });
    sink.collect(1);
    expect(committed(dir)).toEqual([]);
    await sink.endInput();
    expect(lines(dir)).toEqual(['1']);
  });

  it('rolls over by size: rolled parts wait for the next checkpoint', async () => {
    const sink = await fileSink(dir, { maxPartSizeBytes: 10 });
    sink.collect('x'.repeat(70_000)); // past the write buffer and the part size
    expect(hidden(dir)).toEqual([expect.stringMatching(/\.pending$/)]);
    sink.collect('y');
    await snapshot(sink, 1);
    await sink.notifyCheckpointComplete(1);
    expect(committed(dir)).toHaveLength(2);
  });
});

describe('SinkWriterOperator with user sinks', () => {
  it('a plain writer ({ createWriter }) sees every record in order, its event time, and flush at end of input', async () => {
    const seen: unknown[] = [];
    const op = new SinkWriterOperator('sink', { createWriter: () => ({ write: (r: unknown, ts?: number) => seen.push([r, ts]), flush: (end: boolean) => void seen.push(`flush ${end}`) }) }, true);
    const ctx = operatorTestContext();
    await op.open(ctx);
    op.collect('a');
    await op.endInput();
    expect(seen).toEqual([['a', undefined], 'flush true']);
    expect(await op.snapshotState(1)).toEqual({ committables: [] });
  });

  it('an asynchronous prepareCommit completes the snapshot later; retryLater keeps a committable for the next notification', async () => {
    const committedIds: string[] = [];
    let attempts = 0;
    const sink = {
      createWriter: () => {
        let txn: string[] = [];
        return {
          write: (r: unknown) => void txn.push(String(r)),
          prepareCommit: async (cp: number) => {
            const done = txn;
            txn = [];
            return [{ id: `txn-${cp}`, records: done }];
          },
        };
      },
      createCommitter: () => ({
        commit: async (requests: Array<{ committable: { id: string }; retryLater(): void }>) => {
          for (const r of requests) {
            if (attempts++ === 0) r.retryLater();
            else committedIds.push(r.committable.id);
          }
        },
      }),
    };
    const op = new SinkWriterOperator('sink', sink as never, true);
    await op.open(operatorTestContext());
    op.collect(1);
    const state = op.snapshotState(1);
    expect(typeof (state as Promise<unknown>).then).toBe('function');
    expect(((await state) as OperatorListState).committables).toEqual([{ checkpointId: 1, committable: { id: 'txn-1', records: ['1'] }, retries: 0 }]);
    await op.notifyCheckpointComplete(1);
    expect(committedIds).toEqual([]);
    await op.notifyCheckpointComplete(2);
    expect(committedIds).toEqual(['txn-1']);
  });
});

describe('SinkWriterOperator: the pre-commit cut', () => {
  it('calls prepareCommit on the barrier even while an asynchronous flush runs: later records go to the next checkpoint', async () => {
    let open: unknown[] = [];
    const calls: string[] = [];
    const sink = {
      createWriter: () => ({
        write: (r: unknown) => void open.push(r),
        flush: async () => void calls.push('flush'),
        prepareCommit: async () => {
          calls.push('prepareCommit');
          const closing = open; // the switch happens in the call, synchronously
          open = [];
          await Promise.resolve();
          return closing.length > 0 ? [closing] : [];
        },
      }),
      createCommitter: () => ({ commit: async () => {} }),
    };
    const op = new SinkWriterOperator('sink', sink, true);
    await op.open(operatorTestContext({}));
    op.collect('before');
    const pending = op.snapshotState(1);
    op.collect('after'); // the task goes on processing while the snapshot completes
    const state = (await pending) as OperatorListState;
    expect(calls).toEqual(['flush', 'prepareCommit']);
    expect((state.committables as Array<{ committable: unknown }>).map((c) => c.committable)).toEqual([['before']]);
    const next = (await op.snapshotState(2)) as OperatorListState;
    expect((next.committables as Array<{ committable: unknown }>).map((c) => c.committable)).toEqual([['before'], ['after']]);
  });
});

describe('SinkWriterOperator: commit failures', () => {
  function failingSink(signal: 'signalFailedWithKnownReason' | 'signalFailedWithUnknownReason', committed: string[]) {
    let failNext = true;
    return {
      createWriter: () => ({ write: () => undefined, prepareCommit: (cp: number) => [{ id: `txn-${cp}` }] }),
      createCommitter: () => ({
        commit: async (requests: Array<{ committable: { id: string } } & Record<typeof signal, (e: Error) => void>>) => {
          for (const r of requests) {
            if (failNext) r[signal](new Error(`${r.committable.id} is gone`));
            else committed.push(r.committable.id);
            failNext = false;
          }
        },
      }),
    };
  }

  it('a known reason drops the committable and the job goes on (it would fail every restore alike)', async () => {
    const committed: string[] = [];
    const op = new SinkWriterOperator('sink', failingSink('signalFailedWithKnownReason', committed) as never, true);
    await op.open(operatorTestContext());
    op.collect(1);
    await op.snapshotState(1);
    await op.notifyCheckpointComplete(1);
    expect(((await op.snapshotState(2)) as OperatorListState).committables).toEqual([{ checkpointId: 2, committable: { id: 'txn-2' }, retries: 0 }]);
    await op.notifyCheckpointComplete(2);
    expect(committed).toEqual(['txn-2']);
  });

  it('an unknown reason fails the task and keeps the committable for the restore', async () => {
    const committed: string[] = [];
    const op = new SinkWriterOperator('sink', failingSink('signalFailedWithUnknownReason', committed) as never, true);
    await op.open(operatorTestContext());
    op.collect(1);
    await op.snapshotState(1);
    await expect(op.notifyCheckpointComplete(1)).rejects.toThrow(/a commit failed: txn-1 is gone/);
    expect(((await op.snapshotState(2)) as OperatorListState).committables.map((c) => (c as { committable: { id: string } }).committable.id)).toEqual(['txn-1', 'txn-2']);
  });
});
