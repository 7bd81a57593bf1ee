// A user-written Source (env.fromSource): three splits of event-time records advancing at
// different speeds, handed out on request (pull-based), read by two readers, so one reader
// holds two splits. Per-split watermarks (the reader's watermark is the minimum over its
// splits) keep every record on time for the tumbling windows.
import { FileSink, WatermarkStrategy, TumblingEventTimeWindows } from 'sluice';

const PER_SPLIT = 3000;
// split s emits record k at event time k * (s + 1) ms: split 2 runs 3x faster in event time
const eventAt = (s, k) => ({ split: s, k, t: k * (s + 1) });

class SplitsSource {
  getBoundedness() {
    return 'bounded';
  }
  createEnumerator(ctx) {
    return this.restoreEnumerator(ctx, { unassigned: [0, 1, 2].map((s) => ({ splitId: String(s), next: 0 })) });
  }
  restoreEnumerator(ctx, state) {
    const unassigned = [...state.unassigned];
    return {
      start() {},
      addReader() {},
      handleSplitRequest(subtask) {
        const split = unassigned.shift();
        if (split) ctx.assignSplit(split, subtask);
        else ctx.signalNoMoreSplits(subtask);
      },
      addSplitsBack(splits) {
        unassigned.push(...splits);
      },
      snapshotState() {
        return { unassigned: unassigned.map((s) => ({ ...s })) };
      },
      close() {},
    };
  }
  createReader(ctx) {
    const splits = [];
    let outputs = new Map();
    let waiting;
    let requested = 0;
    let started;
    let noMore = false;
    const wake = () => {
      const w = waiting;
      waiting = undefined;
      w?.();
    };
    return {
      start() {
        // ask for two splits: with two readers and three splits, the first to ask gets two
        ctx.sendSplitRequest();
        ctx.sendSplitRequest();
        requested = 2;
      },
      addSplits(added) {
        splits.push(...added.map((s) => ({ ...s })));
        wake();
      },
      notifyNoMoreSplits() {
        noMore = true;
        wake();
      },
      pollNext(output) {
        if (splits.length === 0) {
          if (noMore) return 'END_OF_INPUT';
          return 'NOTHING_AVAILABLE';
        }
        // paced (3 records per ms per split, so watermarks are emitted all along), round-robin
        started ??= Date.now();
        const due = Math.min(PER_SPLIT, (Date.now() - started) * 3);
        let emitted = 0;
        for (const split of splits) {
          if (!outputs.has(split.splitId)) outputs.set(split.splitId, output.createOutputForSplit(split.splitId));
          const out = outputs.get(split.splitId);
          const s = Number(split.splitId);
          for (let n = 0; n < 10 && split.next < due; n++, split.next++, emitted++) out.collect(eventAt(s, split.next));
        }
        if (emitted === 0) {
          setTimeout(wake, 1);
          return 'NOTHING_AVAILABLE';
        }
        for (let i = splits.length - 1; i >= 0; i--)
          if (splits[i].next >= PER_SPLIT) {
            output.releaseOutputForSplit(splits[i].splitId);
            splits.splice(i, 1);
            if (requested++ < 3) ctx.sendSplitRequest();
          }
        return 'MORE_AVAILABLE';
      },
      isAvailable() {
        return new Promise((resolve) => (waiting = resolve));
      },
      snapshotState() {
        return splits.map((s) => ({ ...s }));
      },
      close() {},
    };
  }
}

export default function (env, params) {
  env.setParallelism(2);
  env.setAutoWatermarkInterval(5);
  env
    .fromSource(new SplitsSource(), WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e) => e.t), 'three splits')
    .uid('splits')
    .keyBy((e) => e.split)
    .window(TumblingEventTimeWindows.of(1000))
    .aggregate({ createAccumulator: () => 0, add: (_e, n) => n + 1, getResult: (n) => n, merge: (a, b) => a + b }, (key, ctx, counts, out) => out.collect([key, ctx.window.start, counts[0]]))
    .uid('windows')
    .sinkTo(FileSink.forRowFormat(params.get('output')))
    .uid('sink');
}
