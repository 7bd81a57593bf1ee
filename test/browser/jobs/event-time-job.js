// The dashboard views' test job: event time in January 2026 (watermarks are dates), a long
// vertex name, checkpoints, and a print() sink whose lines show in the TaskManagers' stdout.
import { WatermarkStrategy } from 'sluice';

const BASE = Date.UTC(2026, 0, 15, 8, 0, 0);

/** Real CPU work per record, so the flame graph has a frame to find: this function's. */
function enrichWithProfile(e) {
  let h = 0;
  for (let i = 0; i < 150_000; i++) h = (h * 31 + e.id + i) | 0;
  return { user: e.user, at: new Date(e.ts).toISOString(), h };
}

export default function (env) {
  env.enableCheckpointing(1000);
  env.setParallelism(2);
  env
    .datagen({ rowsPerSecond: 200, fn: (i) => ({ id: i, ts: BASE + i * 50, user: `user-${i % 7}` }) })
    .name('Clicks')
    .uid('clicks')
    .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(1000).withTimestampAssigner((e) => e.ts))
    .uid('timestamps')
    .rebalance()
    .map(enrichWithProfile)
    .name('Enrich each click with its user profile and the campaign it came from (a deliberately long operator name)')
    .uid('enrich')
    .filter((e) => e.user === 'user-3')
    .name('Only user 3')
    .uid('only-user-3')
    .map((e) => ({ user: e.user, at: e.at }))
    .name('Drop the hash')
    .uid('drop-hash')
    .print();
}
