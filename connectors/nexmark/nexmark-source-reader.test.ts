import { describe, expect, it } from 'vitest';
import type { ReaderOutput, SourceOutput, SplitEnumeratorContext } from '../../api/connector/source';
import { NexmarkSource } from './nexmark-source';
import type { NexmarkEvent } from './model';
import type { NexmarkSplit } from './nexmark-split';

/** Collects what readers emit, per split, as the task runtime's ReaderOutput would. */
class CollectingOutput implements ReaderOutput<NexmarkEvent> {
  readonly events: NexmarkEvent[] = [];
  readonly timestamps: number[] = [];
  collect(record: NexmarkEvent, timestamp?: number): void {
    this.events.push(record);
    this.timestamps.push(timestamp!);
  }
  createOutputForSplit(): SourceOutput<NexmarkEvent> {
    return this;
  }
  releaseOutputForSplit(): void {}
  markIdle(): void {}
  markActive(): void {}
}

function enumerate(source: NexmarkSource, parallelism: number): Map<number, NexmarkSplit[]> {
  const assigned = new Map<number, NexmarkSplit[]>();
  const context: SplitEnumeratorContext<NexmarkSplit> = {
    currentParallelism: () => parallelism,
    registeredReaders: () => new Map(),
    assignSplits: (a) => a.forEach((splits, subtask) => assigned.set(subtask, [...(assigned.get(subtask) ?? []), ...splits])),
    assignSplit: (s, subtask) => assigned.set(subtask, [...(assigned.get(subtask) ?? []), s]),
    signalNoMoreSplits: () => {},
    sendEventToSourceReader: () => {},
    callAsync: () => {},
  };
  const enumerator = source.createEnumerator(context);
  for (let s = 0; s < parallelism; s++) enumerator.addReader(s);
  return assigned;
}

function readAll(source: NexmarkSource, splits: NexmarkSplit[], output = new CollectingOutput()): CollectingOutput {
  const reader = source.createReader({ subtaskIndex: 0, parallelism: 1, attemptNumber: 0, sendSplitRequest() {}, sendSourceEventToCoordinator() {}, log() {} });
  reader.addSplits(splits);
  reader.notifyNoMoreSplits();
  while (reader.pollNext(output) !== 'END_OF_INPUT');
  return output;
}

const byTime = (a: NexmarkEvent, b: NexmarkEvent) => a.dateTime - b.dateTime || JSON.stringify(a).localeCompare(JSON.stringify(b));

describe('NexmarkSource', () => {
  it('emits the same events at any parallelism, each with its dateTime as timestamp', () => {
    const source = new NexmarkSource({ events: 5_000, rate: 100_000, seed: 4 });
    const single = readAll(source, enumerate(source, 1).get(0)!);
    const assigned = enumerate(source, 3);
    const three = [0, 1, 2].flatMap((s) => readAll(source, assigned.get(s)!).events);
    expect(single.events).toHaveLength(5_000);
    expect(single.timestamps).toEqual(single.events.map((e) => e.dateTime));
    expect([...three].sort(byTime)).toEqual([...single.events].sort(byTime));
  });

  it('resumes exactly from snapshotted positions, also on another reader', () => {
    const source = new NexmarkSource({ events: 3_000, seed: 2 });
    const splits = [...enumerate(source, 2).values()].flat();
    const first = new CollectingOutput();
    const reader = source.createReader({ subtaskIndex: 0, parallelism: 1, attemptNumber: 0, sendSplitRequest() {}, sendSourceEventToCoordinator() {}, log() {} });
    reader.addSplits(splits);
    reader.notifyNoMoreSplits();
    reader.pollNext(first);
    const positions = reader.snapshotState(1);
    expect(positions.map((p) => p.splitId).sort()).toEqual(['nexmark-0-of-2', 'nexmark-1-of-2']);
    const rest = readAll(source, positions);
    const whole = readAll(source, splits);
    expect([...first.events, ...rest.events].sort(byTime)).toEqual([...whole.events].sort(byTime));
  });

  it('with pace, emits no more than the rate allows so far, and then all of it', async () => {
    const source = new NexmarkSource({ events: 300, rate: 1_000, pace: true });
    const reader = source.createReader({ subtaskIndex: 0, parallelism: 1, attemptNumber: 0, sendSplitRequest() {}, sendSourceEventToCoordinator() {}, log() {} });
    reader.addSplits(enumerate(source, 1).get(0)!);
    reader.notifyNoMoreSplits();
    const output = new CollectingOutput();
    const started = Date.now();
    let status = reader.pollNext(output);
    while (status !== 'END_OF_INPUT') {
      expect(output.events.length).toBeLessThanOrEqual(((Date.now() - started) * 1_000) / 1_000 + 2);
      if (status === 'NOTHING_AVAILABLE') await reader.isAvailable();
      status = reader.pollNext(output);
    }
    expect(output.events).toHaveLength(300);
    reader.close();
  });

  it('is bounded with events and unbounded without', () => {
    expect(new NexmarkSource({ events: 10 }).getBoundedness()).toBe('bounded');
    expect(new NexmarkSource({}).getBoundedness()).toBe('unbounded');
  });
});
