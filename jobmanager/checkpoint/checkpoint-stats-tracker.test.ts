import { describe, expect, it } from 'vitest';
import { CheckpointStatsTracker } from './checkpoint-stats-tracker';
import { PendingCheckpoint } from './pending-checkpoint';

const handle = (size: number) => ({ location: 'file:///tmp/x', size }) as never;

function pending(id: number, at: number): PendingCheckpoint {
  return new PendingCheckpoint(id, 0, at, `file:///tmp/chk-${id}`, false, ['a/0', 'a/1', 'b/0']);
}

describe('CheckpointStatsTracker details', () => {
  it('shows each subtask of an in-progress checkpoint: acknowledged ones with their times and sizes, the others pending', () => {
    const t = new CheckpointStatsTracker();
    const p = pending(1, 1_000);
    t.triggered(p);
    p.acknowledge('a', 1, { handle: handle(300), alignmentMs: 12, syncMs: 3, asyncMs: 40 }, 1_250);
    t.acknowledged(p);
    const d = t.details(1)!;
    expect(d).toMatchObject({ id: 1, status: 'IN_PROGRESS', num_subtasks: 3, num_acknowledged_subtasks: 1 });
    expect(d.tasks.a).toMatchObject({ status: 'IN_PROGRESS', num_subtasks: 2, num_acknowledged_subtasks: 1, state_size: 300, latest_ack_timestamp: 1_250, end_to_end_duration: 250, alignment_duration: 12 });
    expect(d.tasks.a.subtasks).toEqual([
      { index: 0, status: 'pending_or_failed', ack_timestamp: -1, end_to_end_duration: -1, state_size: 0, checkpoint: { sync: -1, async: -1 }, alignment: { duration: -1 } },
      { index: 1, status: 'completed', ack_timestamp: 1_250, end_to_end_duration: 250, state_size: 300, checkpoint: { sync: 3, async: 40 }, alignment: { duration: 12 } },
    ]);
    expect(d.tasks.b).toMatchObject({ status: 'IN_PROGRESS', num_acknowledged_subtasks: 0, latest_ack_timestamp: -1 });
  });

  it('keeps the details of completed and failed checkpoints as they ended, for the checkpoints in the history only', () => {
    const t = new CheckpointStatsTracker();
    const p = pending(1, 1_000);
    t.triggered(p);
    for (const [v, i, at] of [['a', 0, 1_100], ['a', 1, 1_200], ['b', 0, 1_300]] as const) p.acknowledge(v, i, { handle: handle(100), alignmentMs: 0, syncMs: 1, asyncMs: 2 }, at);
    t.completed(p, '/tmp/chk-1', 1_400);
    expect(t.details(1)).toMatchObject({ status: 'COMPLETED', external_path: '/tmp/chk-1', tasks: { a: { status: 'COMPLETED', state_size: 200 }, b: { status: 'COMPLETED', end_to_end_duration: 300 } } });
    const f = pending(2, 2_000);
    t.triggered(f);
    t.failed(f, 'declined', 2_500);
    expect(t.details(2)).toMatchObject({ status: 'FAILED', failure_message: 'declined', tasks: { a: { status: 'FAILED' } } });
    for (let id = 3; id < 30; id++) {
      const q = pending(id, id * 1_000);
      t.triggered(q);
      t.failed(q, 'x', id * 1_000 + 1);
    }
    expect(t.details(1)).toBeUndefined();
    expect(t.details(29)).toBeDefined();
    expect(t.details(999)).toBeUndefined();
  });
});
