// Nexmark q1, currency conversion:
//   SELECT auction, bidder, 0.908 * price as price, dateTime, extra FROM bid;
import { nexmarkEvents, nexmarkSink } from './nexmark-job.js';

export default function (env, params) {
  const bids = nexmarkEvents(env, params)
    .filter((e) => e.event_type === 2)
    .map(({ bid: b }) => ({ auction: b.auction, bidder: b.bidder, price: 0.908 * b.price, dateTime: b.dateTime, extra: b.extra }))
    .uid('q1');
  nexmarkSink(bids, params);
}
