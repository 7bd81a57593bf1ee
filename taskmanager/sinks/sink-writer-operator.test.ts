import { describe, expect, it } from 'vitest';
import type { CommitRequest, CommittingSinkWriter, SinkWriterContext, TwoPhaseCommittingSink } from '../../api/connector/sink';
import { OperatorHarness, roundTrip } from '../operators/test-support/operator-harness';
import type { OperatorListState } from '../operators/operator';
import { SinkWriterOperator } from './sink-writer-operator';

/**
 * A small transactional sink of the kind docs/connectors.md shows users: records go into the
 * open transaction; prepareCommit closes it (synchronously, then "flushes" asynchronously) and
 * returns it as the committable; commit publishes it once, whatever the number of calls.
 */
class LedgerSink implements TwoPhaseCommittingSink<string, { id: string; records: string[] }> {
  readonly published = new Map<string, string[]>();
  readonly contexts: SinkWriterContext[] = [];
  commitCalls = 0;
  retryNext = 0;
  failNext: Error | null = null;

  createWriter(context: SinkWriterContext): CommittingSinkWriter<string, { id: string; records: string[] }> {
    this.contexts.push(context);
    let open: string[] = [];
    return {
      write: (r) => void open.push(r),
      prepareCommit: async (checkpointId) => {
        const closing = open;
        open = [];
        await Promise.resolve(); // the flush happens after the cut
        return closing.length > 0 ? [{ id: `${context.subtaskIndex}-${checkpointId}`, records: closing }] : [];
      },
    };
  }

  createCommitter() {
    return {
      commit: async (requests: CommitRequest<{ id: string; records: string[] }>[]) => {
        this.commitCalls++;
        for (const r of requests) {
          if (this.failNext) r.signalFailedWithKnownReason(this.failNext);
          else if (this.retryNext > 0 && this.retryNext--) r.retryLater();
          else this.published.set(r.committable.id, r.committable.records);
        }
      },
    };
  }
}

async function checkpoint(h: OperatorHarness, id: number): Promise<OperatorListState> {
  const op = h.operator as SinkWriterOperator;
  const sync = op.snapshotState(id);
  const later = op.snapshotStateAsync(id);
  return roundTrip({ ...sync, ...(later ? await later : {}) });
}

describe('SinkWriterOperator (Sink V2)', () => {
  it('cuts at the barrier, commits on checkpoint-complete, and commits restored committables on open', async () => {
    const sink = new LedgerSink();
    const h = await new OperatorHarness(new SinkWriterOperator('sink', sink), () => undefined).open();
    h.element('a');
    h.element('b');
    const op = h.operator as SinkWriterOperator;
    const sync = op.snapshotState(1);
    const pending = op.snapshotStateAsync(1)!;
    h.element('c'); // after the barrier, before the pre-commit finished: the next transaction's
    const state1 = roundTrip({ ...sync, ...(await pending) });
    expect(sink.published.size).toBe(0);
    await op.notifyCheckpointComplete(1);
    expect(sink.published.get('0-1')).toEqual(['a', 'b']);

    const state2 = await checkpoint(h, 2); // 'c' pre-committed; the job dies before checkpoint 2 commits
    expect(sink.published.has('0-2')).toBe(false);

    const restoredSink = new LedgerSink();
    await new OperatorHarness(new SinkWriterOperator('sink', restoredSink), () => undefined, { list: state2 }).open();
    expect(restoredSink.published.get('0-2')).toEqual(['c']);
    expect(restoredSink.contexts[0]!.restoredCheckpointId).toBe(2);
    expect(state1['union:sink-checkpoint-id']).toEqual([1]);
  });

  it('keeps committables a committer asks to retry, in later checkpoints too, and fails the task on a known failure', async () => {
    const sink = new LedgerSink();
    const h = await new OperatorHarness(new SinkWriterOperator('sink', sink), () => undefined).open();
    const op = h.operator as SinkWriterOperator;
    h.element('x');
    await checkpoint(h, 1);
    sink.retryNext = 1;
    await op.notifyCheckpointComplete(1);
    expect(sink.published.size).toBe(0);
    const state2 = await checkpoint(h, 2);
    expect((state2['sink-committables'] as unknown[]).length).toBe(1);
    await op.notifyCheckpointComplete(2);
    expect(sink.published.get('0-1')).toEqual(['x']);

    h.element('y');
    await checkpoint(h, 3);
    sink.failNext = new Error('transaction expired');
    await expect(op.notifyCheckpointComplete(3)).rejects.toThrow(/transaction expired/);
  });

  it('runs plain writers (no committer): write, flush on the barrier, flush at end of input', async () => {
    const flushes: boolean[] = [];
    const written: string[] = [];
    const h = await new OperatorHarness(new SinkWriterOperator('sink', { createWriter: () => ({ write: (r: unknown) => void written.push(String(r)), flush: async (end: boolean) => void flushes.push(end) }) }), () => undefined).open();
    h.element('r');
    await checkpoint(h, 1);
    await h.endInput();
    expect(written).toEqual(['r']);
    expect(flushes).toEqual([false, true]);
  });
});
