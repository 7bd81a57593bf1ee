import { describe, it, expect } from 'vitest';
import { TaskCheckpointProtocol, type CheckpointProtocolHandler, type ProtocolTrigger } from './task-checkpoint-protocol';

function setup(opts: { isSource?: boolean; checkpointing?: boolean } = {}) {
  const events: string[] = [];
  const handler: CheckpointProtocolHandler = {
    snapshot: (r, barrier) => events.push(`snapshot ${r.checkpointId}${barrier ? ' +barrier' : ''}`),
    decline: (id, reason) => events.push(`decline ${id}: ${reason}`),
    enqueueTrigger: (r) => events.push(`enqueue ${r.checkpointId}`),
    reportEndOfData: () => events.push('end-of-data'),
    resume: () => events.push('resume'),
    finish: () => events.push('finish'),
  };
  const protocol = new TaskCheckpointProtocol('t', opts.isSource ?? true, opts.checkpointing ?? true, handler);
  return { protocol, events };
}

const trigger = (checkpointId: number, more: Partial<ProtocolTrigger> = {}): ProtocolTrigger => ({ checkpointId, timestamp: 0, location: 'loc', isSavepoint: false, alignmentMs: 0, stop: false, finalCheckpoint: false, drain: false, ...more });

describe('TaskCheckpointProtocol', () => {
  it('a running source queues triggers for its mailbox; the barrier is taken there', () => {
    const { protocol, events } = setup();
    protocol.onTrigger(trigger(1));
    protocol.onBarrier(trigger(1));
    expect(events).toEqual(['enqueue 1', 'snapshot 1 +barrier']);
    expect(protocol.state).toBe('RUNNING');
    expect(protocol.canProcess).toBe(true);
  });

  it('a running task with inputs ignores triggers: it checkpoints on aligned barriers', () => {
    const { protocol, events } = setup({ isSource: false });
    protocol.onTrigger(trigger(1));
    expect(events).toEqual([]);
  });

  it('stop-with-savepoint: nothing is processed after the barrier; completion finishes, abort resumes', () => {
    const { protocol, events } = setup();
    protocol.onBarrier(trigger(4, { stop: true, isSavepoint: true }));
    expect(protocol.state).toBe('STOPPING');
    expect(protocol.canProcess).toBe(false);
    protocol.onTrigger(trigger(5));
    protocol.onCheckpointComplete(3); // an older checkpoint: no effect
    protocol.onCheckpointAborted(4);
    expect(protocol.state).toBe('RUNNING');
    protocol.onBarrier(trigger(6, { stop: true, isSavepoint: true }));
    protocol.onCheckpointComplete(6);
    expect(protocol.state).toBe('FINISHED');
    expect(events).toEqual(['snapshot 4 +barrier', 'decline 5: a stop-with-savepoint is in progress', 'resume', 'snapshot 6 +barrier', 'finish']);
  });

  it('end of input with checkpointing: waits for the final checkpoint, taken without a barrier', () => {
    const { protocol, events } = setup();
    protocol.onEndOfInput();
    expect(protocol.state).toBe('END_OF_DATA');
    expect(protocol.canProcess).toBe(false);
    protocol.onTrigger(trigger(7)); // a periodic checkpoint still in flight
    protocol.onCheckpointComplete(7);
    expect(protocol.state).toBe('END_OF_DATA');
    protocol.onTrigger(trigger(8, { finalCheckpoint: true }));
    expect(protocol.state).toBe('FINISHING_ON');
    protocol.onCheckpointAborted(8);
    expect(protocol.state).toBe('END_OF_DATA');
    protocol.onTrigger(trigger(9, { finalCheckpoint: true }));
    protocol.onCheckpointComplete(9);
    expect(events).toEqual(['end-of-data', 'snapshot 7', 'snapshot 8', 'snapshot 9', 'finish']);
    protocol.onTrigger(trigger(10));
    expect(events.at(-1)).toBe('decline 10: the task has finished');
  });

  it('a checkpoint is snapshotted once: its trigger sent again after end of data (no acknowledgement yet) is not taken twice', () => {
    const { protocol, events } = setup();
    protocol.onTrigger(trigger(2));
    protocol.onBarrier(trigger(2)); // from the mailbox; the snapshot completes asynchronously
    protocol.onEndOfInput();
    protocol.onTrigger(trigger(2)); // the JobManager re-sends the unacknowledged checkpoint to a task past end of data
    protocol.onTrigger(trigger(3, { finalCheckpoint: true }));
    protocol.onTrigger(trigger(3, { finalCheckpoint: true }));
    expect(protocol.state).toBe('FINISHING_ON');
    protocol.onCheckpointComplete(3);
    expect(events).toEqual(['enqueue 2', 'snapshot 2 +barrier', 'end-of-data', 'snapshot 3', 'finish']);
  });

  it('a stop-with-savepoint reaching a task past end of data finishes it on completion', () => {
    const { protocol, events } = setup({ isSource: false });
    protocol.onEndOfInput();
    protocol.onTrigger(trigger(3, { stop: true, isSavepoint: true }));
    protocol.onCheckpointComplete(3);
    expect(events).toEqual(['end-of-data', 'snapshot 3', 'finish']);
  });

  it('end of input without checkpointing finishes at once; a barrier after it is declined', () => {
    const { protocol, events } = setup({ checkpointing: false });
    protocol.onEndOfInput();
    protocol.onBarrier(trigger(1));
    expect(events).toEqual(['finish', 'decline 1: the task is FINISHED']);
  });
});
