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
import { SlidingEventTimeWindows } from 'sluice';
import { nexmarkEvents, nexmarkSink } from './nexmark-job.js';

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
    .uid('q5-count-per-auction');
  const hottest = counts
    .keyBy((c) => c.starttime)
    .process({
      processElement(c, ctx, out) {
        const best = ctx.getValueState('best');
        const b = best.value();
        if (!b) ctx.timerService().registerEventTimeTimer(c.endtime - 1);
        if (!b || c.num > b.num) best.update({ num: c.num, rows: [c] });
        else if (c.num === b.num) best.update({ num: b.num, rows: [...b.rows, c] });
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
