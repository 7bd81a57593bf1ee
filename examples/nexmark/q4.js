// Nexmark q4, average price for a category:
//   SELECT Q.category, AVG(Q.final)
//   FROM (SELECT MAX(B.price) AS final, A.category
//         FROM auction A, bid B
//         WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires
//         GROUP BY A.id, A.category) Q
//   GROUP BY Q.category;
// An updating query. Output rows are { id: category, final: average } (nexmark_q4's columns),
// one per change: the latest row per id is the current result. Flink sends -U/+U pairs; here
// only the new value is sent (an upsert stream keyed by id). AVG of BIGINT is a BIGINT, as in
// Flink: floor(sum / count).
//
// Plan (what a SQL planner is free to choose; the result is the same):
// 1. One stream of auctions and bids into the join, not two: on separate edges the auctions'
//    network buffers fill 15 times slower than the bids' (3 auctions to 46 bids), so most bids
//    reached the join before their auction and waited in its state (64% of them; 19% on one edge).
// 2. Before the shuffle, each subtask drops a bid when it already forwarded a bid for the same
//    auction with the same dateTime at a price as high (MAX pushed below the join, grouped by
//    (auction, dateTime): the join's condition depends on nothing else of a bid, so such a bid
//    can never raise the auction's maximum, and the one forwarded reaches the join first, on the
//    same channel). Only the current millisecond is remembered: 73% of the bids never leave
//    their subtask. Not checkpointed: after a restore it forwards everything, which is correct.
// 3. The join emits each change of an auction's maximum with the maximum it replaces (Flink's
//    -U/+U pair in one record), so the average per category is a running sum and count, not a
//    map of every auction's maximum.
import { nexmarkEvents, nexmarkSink } from './nexmark-job.js';

const AUCTION = 1;
const BID = 2;
// An auction in the join's state: [category, dateTime, expires, highest price so far or -1].
// A tuple rather than an object: it snapshots without key names (a checkpoint of 120k auctions
// encoded 4-8 times faster and took half the bytes), and its numbers are stored unboxed.
const CATEGORY = 0;
const FROM = 1;
const TO = 2;
const MAX = 3;

export default function (env, params) {
  const joinInput = nexmarkEvents(env, params)
    .process({
      open() {
        this.dateTime = -1;
        /** auction id -> the highest price forwarded for it among bids at this.dateTime */
        this.forwarded = new Map();
      },
      processElement(e, ctx, out) {
        if (e.event_type === AUCTION) {
          const a = e.auction;
          out.collect({ event_type: AUCTION, auction: a.id, price: 0, dateTime: a.dateTime, expires: a.expires, category: a.category });
        } else if (e.event_type === BID) {
          const b = e.bid;
          if (b.dateTime !== this.dateTime) {
            this.forwarded.clear();
            this.dateTime = b.dateTime;
          }
          const highest = this.forwarded.get(b.auction);
          if (highest !== undefined && highest >= b.price) return;
          this.forwarded.set(b.auction, b.price);
          out.collect({ event_type: BID, auction: b.auction, price: b.price, dateTime: b.dateTime, expires: 0, category: 0 });
        }
      },
    })
    .uid('q4-auctions-and-bids');
  // Per auction: the highest bid in [dateTime, expires]; bids that came before their auction wait for it.
  const maxima = joinInput
    .keyBy((r) => r.auction)
    .process({
      open(ctx) {
        this.auction = ctx.getValueState('auction');
        this.earlyBids = ctx.getListState('early-bids');
      },
      processElement(r, ctx, out) {
        if (r.event_type === AUCTION) {
          const a = [r.category, r.dateTime, r.expires, -1];
          for (const b of this.earlyBids.get()) if (b.dateTime >= a[FROM] && b.dateTime <= a[TO] && b.price > a[MAX]) a[MAX] = b.price;
          this.earlyBids.clear();
          this.auction.update(a);
          if (a[MAX] >= 0) out.collect({ auction: r.auction, category: r.category, final: a[MAX], previous: -1 });
          return;
        }
        const a = this.auction.value();
        if (a === undefined) return this.earlyBids.add(r);
        if (r.dateTime < a[FROM] || r.dateTime > a[TO] || r.price <= a[MAX]) return;
        const previous = a[MAX];
        a[MAX] = r.price;
        this.auction.update(a);
        out.collect({ auction: r.auction, category: a[CATEGORY], final: r.price, previous });
      },
    })
    // Not 'q4-max-per-auction' any more: that operator kept the auction as an object and its maximum
    // apart, so a savepoint of it must not restore into this one (without -n the restore fails).
    .uid('q4-join-max-per-auction');
  const averages = maxima
    .keyBy((m) => m.category)
    .process({
      open(ctx) {
        this.totals = ctx.getValueState('totals');
      },
      processElement(m, ctx, out) {
        const t = this.totals.value() ?? { sum: 0, count: 0 };
        // -U of the auction's previous maximum (if it had one), +U of the new one.
        if (m.previous < 0) t.count++;
        else t.sum -= m.previous;
        t.sum += m.final;
        this.totals.update(t);
        out.collect({ id: m.category, final: Math.floor(t.sum / t.count) });
      },
    })
    .uid('q4-average-per-category');
  nexmarkSink(averages, params);
}
