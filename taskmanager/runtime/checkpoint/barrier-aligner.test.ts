import { describe, it, expect } from 'vitest';
import { BarrierAligner, type BarrierHandler, type CheckpointingMode } from './barrier-aligner';

function setup(n: number, mode: CheckpointingMode = 'exactly-once') {
  const events: string[] = [];
  const blocked = new Set<number>();
  const handler: BarrierHandler = {
    blockChannel: (c) => {
      blocked.add(c);
      events.push(`block ${c}`);
    },
    unblockAll: () => {
      blocked.clear();
      events.push('unblock');
    },
    alignmentComplete: (id, _ts, _ms, loc) => events.push(`snapshot ${id} ${loc}`),
    abandoned: (id) => events.push(`abandon ${id}`),
  };
  let t = 0;
  const aligner = new BarrierAligner(n, mode, handler, () => t);
  return { aligner, events, blocked, tick: (ms: number) => (t += ms) };
}

describe('BarrierAligner', () => {
  it('exactly-once: blocks each channel that delivered the barrier until all did, then snapshots and unblocks', () => {
    const { aligner, events, blocked } = setup(3);
    aligner.onBarrier(1, 5, 0, 'loc');
    expect([...blocked]).toEqual([1]);
    aligner.onBarrier(0, 5, 0, 'loc');
    expect([...blocked].sort()).toEqual([0, 1]);
    expect(events).not.toContain('snapshot 5 loc');
    aligner.onBarrier(2, 5, 0, 'loc');
    expect(events.slice(-2)).toEqual(['snapshot 5 loc', 'unblock']);
    expect(blocked.size).toBe(0);
    expect(aligner.aligningCheckpoint).toBeUndefined();
  });

  it('at-least-once: never blocks, snapshots on the last barrier', () => {
    const { aligner, events } = setup(2, 'at-least-once');
    aligner.onBarrier(0, 1, 0, 'l');
    aligner.onBarrier(1, 1, 0, 'l');
    expect(events.filter((e) => e.startsWith('block'))).toEqual([]);
    expect(events).toContain('snapshot 1 l');
  });

  it('a single channel snapshots at once', () => {
    const { aligner, events } = setup(1);
    aligner.onBarrier(0, 3, 0, 'l');
    expect(events).toEqual(['block 0', 'snapshot 3 l', 'unblock']);
  });

  it('an ended channel no longer holds alignment back, before or during alignment', () => {
    const a = setup(3);
    a.aligner.onEndOfPartition(2);
    a.aligner.onBarrier(0, 1, 0, 'l');
    a.aligner.onBarrier(1, 1, 0, 'l');
    expect(a.events).toContain('snapshot 1 l');

    const b = setup(2);
    b.aligner.onBarrier(0, 1, 0, 'l');
    b.aligner.onEndOfPartition(1);
    expect(b.events.slice(-2)).toEqual(['snapshot 1 l', 'unblock']);
  });

  it('a newer barrier abandons an unfinished alignment; stale barriers are ignored', () => {
    const { aligner, events } = setup(2);
    aligner.onBarrier(0, 1, 0, 'l1');
    aligner.onBarrier(0, 2, 0, 'l2');
    expect(events).toContain('abandon 1');
    aligner.onBarrier(1, 1, 0, 'l1'); // stale
    expect(events).not.toContain('snapshot 1 l1');
    aligner.onBarrier(1, 2, 0, 'l2');
    expect(events).toContain('snapshot 2 l2');
    aligner.onBarrier(0, 2, 0, 'l2'); // duplicate of a completed one
    expect(events.filter((e) => e.startsWith('snapshot'))).toEqual(['snapshot 2 l2']);
  });

  it('measures alignment time from the first barrier', () => {
    const times: number[] = [];
    let t = 100;
    const aligner = new BarrierAligner(2, 'exactly-once', { blockChannel() {}, unblockAll() {}, abandoned() {}, alignmentComplete: (_i, _ts, ms) => times.push(ms) }, () => t);
    aligner.onBarrier(0, 1, 0, 'l');
    t += 42;
    aligner.onBarrier(1, 1, 0, 'l');
    expect(times).toEqual([42]);
  });
});
