import { describe, it, expect } from 'vitest';
import { GeneratorSource } from '../../api/sources/generator-source';
import type { Source, SourceSplit } from '../../api/connector/source';
import { Logger } from '../../common/logger';
import { SourceCoordinator, type ReaderEvent } from './source-coordinator';

interface Delivered {
  attempt: number;
  subtask: number;
  event: ReaderEvent;
}

/** A coordinator over a real GeneratorSource; deliveries are recorded and may be held back. */
function coordinatorOf(source: Source<unknown, SourceSplit, unknown>, parallelism: number) {
  const delivered: Delivered[] = [];
  const failures: string[] = [];
  let gate: Promise<void> = Promise.resolve();
  const coordinator = new SourceCoordinator({
    name: 'test source',
    parallelism,
    source,
    log: new Logger('test'),
    onFailure: (cause) => failures.push(cause),
    deliver: async (attempt, subtask, event) => {
      await gate;
      delivered.push({ attempt, subtask, event });
    },
  });
  return {
    coordinator,
    delivered,
    failures,
    holdDeliveries(): () => void {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return release;
    },
  };
}

const splitIds = (d: Delivered[], subtask: number) => d.filter((x) => x.subtask === subtask && x.event.kind === 'addSplits').flatMap((x) => (x.event as { splits: SourceSplit[] }).splits.map((s) => s.splitId));
const settle = () => new Promise((r) => setImmediate(r));

describe('SourceCoordinator with the generator enumerator', () => {
  it('assigns split s to reader s on registration; a bounded source then says no more splits', async () => {
    const { coordinator, delivered } = coordinatorOf(new GeneratorSource({ count: 100, rowsPerSecond: null, fn: (i) => i }) as never, 2);
    coordinator.start(undefined, null);
    coordinator.setAttempt(0);
    coordinator.handleRegistration(0, 1, 'host');
    coordinator.handleRegistration(0, 0, 'host');
    await settle();
    expect(splitIds(delivered, 0)).toEqual(['0']);
    expect(splitIds(delivered, 1)).toEqual(['1']);
    expect(delivered.filter((d) => d.event.kind === 'noMoreSplits').map((d) => d.subtask).sort()).toEqual([0, 1]);
  });

  it('an unbounded source never says no more splits: a reader without a split stays idle', async () => {
    const { coordinator, delivered } = coordinatorOf(new GeneratorSource({ count: null, rowsPerSecond: 10, fn: (i) => i }) as never, 3);
    // restored from a run at parallelism 2 whose readers hold both splits: nothing unassigned
    coordinator.start({ unassigned: [] }, 7);
    coordinator.setAttempt(0);
    for (const s of [0, 1, 2]) coordinator.handleRegistration(0, s, 'host');
    await settle();
    // each reader learns it has nothing for now (an empty assignment: idle), never 'no more splits'
    expect(delivered.map((d) => [d.subtask, d.event])).toEqual([0, 1, 2].map((s) => [s, { kind: 'addSplits', splits: [] }]));
  });

  it('holds back events sent after the enumerator snapshot until the barriers were triggered', async () => {
    const { coordinator, delivered, holdDeliveries } = coordinatorOf(new GeneratorSource({ count: null, rowsPerSecond: null, fn: (i) => i }) as never, 2);
    coordinator.start(undefined, null);
    coordinator.setAttempt(0);
    const release = holdDeliveries();
    coordinator.handleRegistration(0, 0, 'host'); // before the snapshot: in flight
    const checkpoint = coordinator.checkpoint(1);
    coordinator.handleRegistration(0, 1, 'host'); // after the snapshot: held by the valve
    let resolved = false;
    void checkpoint.then(() => (resolved = true));
    await settle();
    expect(resolved).toBe(false); // waits for the delivery sent before the snapshot
    release();
    const state = (await checkpoint) as { unassigned: SourceSplit[] };
    expect(state.unassigned.map((s) => s.splitId)).toEqual(['1']);
    expect(splitIds(delivered, 0)).toEqual(['0']);
    await settle();
    expect(splitIds(delivered, 1)).toEqual([]); // still held
    coordinator.afterTriggers();
    await settle();
    expect(splitIds(delivered, 1)).toEqual(['1']);
  });

  it('on failover, splits assigned since the restored checkpoint go back to the enumerator and to the new readers', async () => {
    const { coordinator, delivered } = coordinatorOf(new GeneratorSource({ count: null, rowsPerSecond: null, fn: (i) => i }) as never, 2);
    coordinator.start(undefined, null);
    coordinator.setAttempt(0);
    coordinator.handleRegistration(0, 0, 'host');
    await coordinator.checkpoint(1);
    coordinator.afterTriggers();
    coordinator.notifyCheckpointComplete(1); // covers split 0
    coordinator.handleRegistration(0, 1, 'host'); // split 1 assigned after checkpoint 1
    await settle();
    delivered.length = 0;
    coordinator.resetForAttempt(1, 1, { unassigned: [] });
    coordinator.handleRegistration(1, 0, 'host');
    coordinator.handleRegistration(1, 1, 'host');
    coordinator.handleRegistration(0, 1, 'host'); // a reader of the old attempt: ignored
    await settle();
    expect(splitIds(delivered, 0)).toEqual([]); // restored from its checkpointed state
    expect(delivered.filter((d) => d.event.kind === 'addSplits' && d.event.splits.length > 0).map((d) => [d.attempt, d.subtask])).toEqual([[1, 1]]);
  });

  it('a restore from another checkpoint rebuilds the enumerator from that checkpoint\'s state', async () => {
    const { coordinator, delivered } = coordinatorOf(new GeneratorSource({ count: null, rowsPerSecond: null, fn: (i) => i }) as never, 2);
    coordinator.start(undefined, null);
    coordinator.setAttempt(0);
    coordinator.handleRegistration(0, 0, 'host');
    coordinator.handleRegistration(0, 1, 'host');
    await settle();
    delivered.length = 0;
    // checkpoint 5 (say, the newest intact one) had split 1 still unassigned
    coordinator.resetForAttempt(1, 5, { unassigned: [{ splitId: '1', next: 1, end: null, stride: 2, of: 2 }] });
    coordinator.handleRegistration(1, 1, 'host');
    await settle();
    expect(splitIds(delivered, 1)).toEqual(['1']);
  });

  it('an enumerator that throws fails the job over, with its message', async () => {
    const source = new GeneratorSource({ count: null, rowsPerSecond: null, fn: (i) => i });
    const broken = {
      getBoundedness: () => source.getBoundedness(),
      createReader: source.createReader.bind(source),
      restoreEnumerator: source.restoreEnumerator.bind(source),
      createEnumerator: (ctx: never) => ({ ...source.createEnumerator(ctx), addReader: () => { throw new Error('no partitions'); }, start() {}, close() {}, snapshotState: () => ({}), handleSplitRequest() {}, addSplitsBack() {} }),
    };
    const { coordinator, failures } = coordinatorOf(broken as never, 1);
    coordinator.start(undefined, null);
    coordinator.setAttempt(0);
    coordinator.handleRegistration(0, 0, 'host');
    expect(failures).toEqual(['the split enumerator of test source failed: no partitions']);
  });
});
