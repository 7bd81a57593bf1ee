// Nexmark q5, hot items: the auctions with the most bids in each 10 s window sliding by 2 s.
//   SELECT AuctionBids.auction, AuctionBids.num, AuctionBids.starttime, AuctionBids.endtime
//   FROM (SELECT auction, count(*) AS num, window_start AS starttime, window_end AS endtime
//         FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
//         GROUP BY auction, window_start, window_end) AS AuctionBids
//   JOIN (SELECT max(CountBids.num) AS maxn, CountBids.starttime, CountBids.endtime
//         FROM (... the same counts ...) AS CountBids
//         GROUP BY CountBids.starttime, CountBids.endtime) AS MaxBids
//   ON AuctionBids.starttime = MaxBids.starttime AND AuctionBids.endtime = MaxBids.endtime
//      AND AuctionBids.num >= MaxBids.maxn;
// Append-only: each window's counts are final when the watermark passes its end, so the
// join with the window's maximum is done then, once per window.
// Plan: counts per auction and window (keyed by auction, sliding windows from panes); then,
// in each counting subtask, a local pre-aggregation of the maximum (Flink's local-global
// aggregation): a count below one the subtask already forwarded for the same window can
// never be that window's maximum and is dropped, ties and new highs go on; the rest are keyed
// by window start, and the rows at the maximum are emitted when the watermark passes the
// window's end. Without it, every (auction, window) count went to the few subtasks that own
// the window starts (one window start per subtask at a time: all of them, skewed).
import { SlidingEventTimeWindows } from 'sluice';
import { nexmarkEvents, nexmarkSink } from './nexmark-job.js';

/**
 * Per subtask, chained after the counts: the highest count forwarded per window start. Its
 * map starts empty with each run of the task (open), so after a restore it only forwards more.
 */
const localMaximum = {
  open() {
    this.highest = new Map();
  },
  processElement(c, _ctx, out) {
    const highest = this.highest;
    const h = highest.get(c.starttime);
    if (h !== undefined && c.num < h) return;
    if (h === undefined) {
      highest.set(c.starttime, c.num);
      // Bounded: forgetting a window's entry only lets more of its counts through.
      if (highest.size > 64) highest.delete(highest.keys().next().value);
    } else if (c.num > h) highest.set(c.starttime, c.num);
    out.collect(c);
  },
};

export default function (env, params) {
  const counts = nexmarkEvents(env, params)
    .filter((e) => e.event_type === 2)
    .map((e) => e.bid.auction)
    .uid('q5-bids')
    .keyBy((auction) => auction)
    .window(SlidingEventTimeWindows.of(10_000, 2_000))
    .aggregate(
      { createAccumulator: () => 0, add: (_auction, n) => n + 1, getResult: (n) => n, merge: (a, b) => a + b },
      (auction, ctx, [num], out) => out.collect({ auction, num, starttime: ctx.window.start, endtime: ctx.window.end }),
    )
    .uid('q5-count-per-auction')
    .process(localMaximum)
    .uid('q5-local-max');
  const hottest = counts
    .keyBy((c) => c.starttime)
    .process({
      processElement(c, ctx, out) {
        const best = ctx.getValueState('best');
        const b = best.value();
        if (!b) ctx.timerService().registerEventTimeTimer(c.endtime - 1);
        if (!b || c.num > b.num) best.update({ num: c.num, rows: [c] });
        else if (c.num === b.num) {
          b.rows.push(c);
          best.update(b);
        }
      },
      onTimer(_ts, ctx, out) {
        const best = ctx.getValueState('best');
        for (const row of best.value()?.rows ?? []) out.collect(row);
        best.clear();
      },
    })
    .uid('q5-max-per-window');
  nexmarkSink(hottest, params);
}
