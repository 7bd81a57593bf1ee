// Latency: records stamped with their creation time (wall clock, sub-ms) at a fixed rate,
// keyed across the two TaskManagers, into a sink that records each record's end-to-end
// latency in a histogram of 0.1 ms buckets and writes it to --out/<subtask>.json at the end.
// --rate 0 runs as fast as possible (the throughput runs). --buffer-timeout MS.
import * as fs from 'node:fs';
import * as path from 'node:path';

const BUCKET_MS = 0.1;
const BUCKETS = 100_000; // up to 10 s

const now = () => performance.timeOrigin + performance.now();

export default function (env, params) {
  env.setParallelism(2);
  env.setBufferTimeout(params.getNumber('buffer-timeout', 100));
  const rate = params.getNumber('rate', 10_000);
  const out = params.get('out', '');
  const warmUp = params.getNumber('warm-up', 0);
  env
    .datagen({ count: params.getNumber('records', 100_000), rowsPerSecond: rate > 0 ? rate : undefined, fn: (i) => ({ i, key: i % 1024, created: now() }) })
    .keyBy((r) => r.key)
    .map((r) => r)
    .sinkTo({
      createWriter: (ctx) => {
        const histogram = new Uint32Array(BUCKETS);
        let max = 0;
        // Creation and sink clocks are different processes' (timeOrigin + now, sub-ms): a
        // record seen "before" its creation means the clocks disagree; counted, not dropped.
        let negative = 0;
        return {
          write(r) {
            if (r.i < warmUp) return;
            const ms = now() - r.created;
            if (ms > max) max = ms;
            if (ms < 0) negative++;
            histogram[Math.max(0, Math.min(BUCKETS - 1, Math.floor(ms / BUCKET_MS)))]++;
          },
          flush(endOfInput) {
            if (!endOfInput || !out) return;
            fs.writeFileSync(path.join(out, `${ctx.subtaskIndex}.json`), JSON.stringify({ bucketMs: BUCKET_MS, max, negative, histogram: Array.from(histogram) }));
          },
        };
      },
    });
}
