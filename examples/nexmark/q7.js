// Nexmark q7, highest bid: the bids at the highest price of each 10 s tumbling window.
//   SELECT B.auction, B.price, B.bidder, B.dateTime, B.extra
//   FROM bid B
//   JOIN (SELECT MAX(price) AS maxprice, window_end as dateTime
//         FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))
//         GROUP BY window_start, window_end) B1
//   ON B.price = B1.maxprice
//   WHERE B.dateTime BETWEEN B1.dateTime - INTERVAL '10' SECOND AND B1.dateTime;
// BETWEEN includes both bounds, so a bid exactly at a window's end also joins that window's
// maximum (without being part of it). Plan: before the shuffle, each subtask drops bids below
// a higher bid it has already forwarded for the same window (such a bid can never equal the
// window's maximum: a local-global pre-aggregation, as Flink's planner does for MAX); the rest
// are keyed by window end, and when the watermark passes the end, the bids at the maximum are
// emitted. Append-only.
import { nexmarkEvents, nexmarkSink } from './nexmark-job.js';

const SIZE = 10_000;

/** Per subtask: the highest price forwarded per window end (only the few most recent windows). */
function localPrefilter() {
  const highest = new Map();
  const keep = (end, price) => {
    const h = highest.get(end);
    if (h !== undefined && price < h) return false;
    if (h === undefined || price > h) {
      highest.set(end, price);
      if (highest.size > 8) for (const k of highest.keys()) if (k < end - 4 * SIZE) highest.delete(k);
    }
    return true;
  };
  return function* (e) {
    const b = e.bid;
    const end = b.dateTime - (b.dateTime % SIZE) + SIZE;
    const row = { auction: b.auction, price: b.price, bidder: b.bidder, dateTime: b.dateTime, extra: b.extra };
    if (keep(end, b.price)) yield { end, inWindow: true, row };
    // The edge case of BETWEEN: also a candidate for the window that ends at this instant.
    if (b.dateTime % SIZE === 0 && keep(b.dateTime, b.price)) yield { end: b.dateTime, inWindow: false, row };
  };
}

export default function (env, params) {
  const candidates = nexmarkEvents(env, params)
    .filter((e) => e.event_type === 2)
    .flatMap(localPrefilter())
    .uid('q7-local-max');
  const highest = candidates
    .keyBy((c) => c.end)
    .process({
      processElement(c, ctx) {
        const best = ctx.getValueState('window');
        let w = best.value();
        if (!w) {
          w = { max: -1, top: [], edge: [] };
          ctx.timerService().registerEventTimeTimer(c.end);
        }
        if (!c.inWindow) w.edge.push(c.row);
        else if (c.row.price > w.max) (w.max = c.row.price), (w.top = [c.row]);
        else if (c.row.price === w.max) w.top.push(c.row);
        best.update(w);
      },
      onTimer(_ts, ctx, out) {
        const best = ctx.getValueState('window');
        const w = best.value();
        best.clear();
        if (!w || w.max < 0) return;
        for (const row of w.top) out.collect(row);
        for (const row of w.edge) if (row.price === w.max) out.collect(row);
      },
    })
    .uid('q7-highest-bid');
  nexmarkSink(highest, params);
}
