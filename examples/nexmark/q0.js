// Nexmark q0, pass through: SELECT auction, bidder, price, dateTime, extra FROM bid;
import { nexmarkEvents, nexmarkSink } from './nexmark-job.js';

export default function (env, params) {
  const bids = nexmarkEvents(env, params)
    .filter((e) => e.event_type === 2)
    .map(({ bid: b }) => ({ auction: b.auction, bidder: b.bidder, price: b.price, dateTime: b.dateTime, extra: b.extra }))
    .uid('q0');
  nexmarkSink(bids, params);
}
