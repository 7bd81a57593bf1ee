// Nexmark q4, average price for a category:
//   SELECT Q.category, AVG(Q.final)
//   FROM (SELECT MAX(B.price) AS final, A.category
//         FROM auction A, bid B
//         WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires
//         GROUP BY A.id, A.category) Q
//   GROUP BY Q.category;
// An updating query. Output rows are { id: category, final: average } (nexmark_q4's columns),
// one per change: the latest row per id is the current result. Flink sends -U/+U pairs; here
// only the new value is sent (an upsert stream keyed by id), and the inner MAX's retraction is
// handled inside the average (the auction's previous maximum is replaced, not added).
// AVG of BIGINT is a BIGINT, as in Flink: floor(sum / count).
import { nexmarkEvents, nexmarkSink } from './nexmark-job.js';

export default function (env, params) {
  const events = nexmarkEvents(env, params);
  const auctions = events
    .filter((e) => e.event_type === 1)
    .map(({ auction: a }) => ({ id: a.id, category: a.category, dateTime: a.dateTime, expires: a.expires }))
    .uid('q4-auctions');
  const bids = events
    .filter((e) => e.event_type === 2)
    .map(({ bid: b }) => ({ auction: b.auction, price: b.price, dateTime: b.dateTime }))
    .uid('q4-bids');
  // Per auction: the highest bid in [dateTime, expires]; bids that came before their auction wait for it.
  const maxima = auctions
    .connect(bids)
    .keyBy((a) => a.id, (b) => b.auction)
    .process({
      processElement1(a, ctx, out) {
        ctx.getValueState('auction').update(a);
        const early = ctx.getListState('early-bids');
        let max = -1;
        for (const b of early.get()) if (b.dateTime >= a.dateTime && b.dateTime <= a.expires && b.price > max) max = b.price;
        early.clear();
        if (max >= 0) {
          ctx.getValueState('max').update(max);
          out.collect({ auction: a.id, category: a.category, final: max });
        }
      },
      processElement2(b, ctx, out) {
        const a = ctx.getValueState('auction').value();
        if (!a) return ctx.getListState('early-bids').add(b);
        if (b.dateTime < a.dateTime || b.dateTime > a.expires) return;
        const max = ctx.getValueState('max');
        if (b.price > (max.value() ?? -1)) {
          max.update(b.price);
          out.collect({ auction: a.id, category: a.category, final: b.price });
        }
      },
    })
    .uid('q4-max-per-auction');
  const averages = maxima
    .keyBy((m) => m.category)
    .process({
      processElement(m, ctx, out) {
        const perAuction = ctx.getMapState('max-per-auction');
        const totals = ctx.getValueState('totals');
        const t = totals.value() ?? { sum: 0, count: 0 };
        const previous = perAuction.get(m.auction);
        if (previous === undefined) t.count++;
        t.sum += m.final - (previous ?? 0);
        perAuction.put(m.auction, m.final);
        totals.update(t);
        out.collect({ id: m.category, final: Math.floor(t.sum / t.count) });
      },
    })
    .uid('q4-average-per-category');
  nexmarkSink(averages, params);
}
