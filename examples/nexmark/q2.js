// Nexmark q2, selection: SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0;
import { nexmarkEvents, nexmarkSink } from './nexmark-job.js';

export default function (env, params) {
  const bids = nexmarkEvents(env, params)
    .filter((e) => e.event_type === 2 && e.bid.auction % 123 === 0)
    .map(({ bid: b }) => ({ auction: b.auction, price: b.price }))
    .uid('q2');
  nexmarkSink(bids, params);
}
