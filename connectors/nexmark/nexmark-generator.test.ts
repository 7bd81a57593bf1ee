import { describe, expect, it } from 'vitest';
import { NexmarkGenerator } from './nexmark-generator';
import { DEFAULT_BASE_TIME, FIRST_AUCTION_ID, FIRST_PERSON_ID } from './generator-config';

describe('NexmarkGenerator', () => {
  it('event i is a pure function of (seed, i, rate, baseTime), whatever was generated before', () => {
    const forward = new NexmarkGenerator({ seed: 7 });
    const backward = new NexmarkGenerator({ seed: 7 });
    const ids = [0, 1, 4, 49, 50, 12_345, 1_000_000_007];
    const a = ids.map((i) => forward.event(i));
    const b = [...ids].reverse().map((i) => backward.event(i)).reverse();
    expect(b).toEqual(a);
    expect(new NexmarkGenerator({ seed: 8 }).event(12_345)).not.toEqual(a[5]);
  });

  it('proportions 1:3:46 by id % 50, ids growing with the event number, dateTime from the rate', () => {
    const g = new NexmarkGenerator({ rate: 1000 });
    for (let i = 0; i < 500; i++) {
      const e = g.event(i);
      const rem = i % 50;
      expect(e.event_type).toBe(rem === 0 ? 0 : rem < 4 ? 1 : 2);
      expect(e.dateTime).toBe(DEFAULT_BASE_TIME + i);
      if (e.person) expect(e.person.id).toBe(FIRST_PERSON_ID + Math.floor(i / 50));
      if (e.auction) expect(e.auction.id).toBe(FIRST_AUCTION_ID + Math.floor(i / 50) * 3 + rem - 1);
    }
  });

  it('hot auctions (1/2), hot bidders and sellers (3/4), sizes near 200/500/100 bytes, prices in [1, 10^8] cents', () => {
    const g = new NexmarkGenerator({ seed: 1 });
    const n = 100_000;
    let bids = 0, hotAuction = 0, hotBidder = 0, auctions = 0, hotSeller = 0;
    const size = [0, 0, 0], count = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const e = g.event(i);
      count[e.event_type]++;
      if (e.bid) {
        bids++;
        if ((e.bid.auction - FIRST_AUCTION_ID) % 100 === 0) hotAuction++;
        if ((e.bid.bidder - FIRST_PERSON_ID) % 100 === 1) hotBidder++;
        expect(e.bid.price).toBeGreaterThanOrEqual(100);
        expect(e.bid.price).toBeLessThanOrEqual(100_000_000);
        size[2] += 32 + e.bid.extra.length;
      } else if (e.auction) {
        auctions++;
        if ((e.auction.seller - FIRST_PERSON_ID) % 100 === 0) hotSeller++;
        expect(e.auction.expires).toBeGreaterThan(e.auction.dateTime);
        expect(e.auction.reserve).toBeGreaterThanOrEqual(e.auction.initialBid);
        expect([10, 11, 12, 13, 14]).toContain(e.auction.category);
        size[1] += 48 + e.auction.itemName.length + e.auction.description.length + e.auction.extra.length;
      } else {
        const p = e.person!;
        expect(p.emailAddress).toMatch(/^[a-z ]{2,6}@[a-z ]{2,4}\.com$/);
        expect(p.creditCard).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
        expect(['AZ', 'CA', 'ID', 'OR', 'WA', 'WY']).toContain(p.state);
        size[0] += 8 + p.name.length + p.emailAddress.length + p.creditCard.length + p.city.length + p.state.length + p.extra.length;
      }
    }
    // Uniform choices land on a hot id now and then too, hence the one-sided margins.
    expect(hotAuction / bids).toBeGreaterThan(0.49);
    expect(hotAuction / bids).toBeLessThan(0.56);
    expect(hotBidder / bids).toBeGreaterThan(0.74);
    expect(hotBidder / bids).toBeLessThan(0.78);
    expect(hotSeller / auctions).toBeGreaterThan(0.74);
    expect(hotSeller / auctions).toBeLessThan(0.78);
    const avg = size.map((s, k) => s / count[k]!);
    expect(avg[0]).toBeGreaterThan(190);
    expect(avg[0]).toBeLessThan(210);
    expect(avg[1]).toBeGreaterThan(480);
    expect(avg[1]).toBeLessThan(520);
    expect(avg[2]).toBeGreaterThan(95);
    expect(avg[2]).toBeLessThan(105);
  });

  it('bids and auctions reference recent persons and in-flight auctions, a few just ahead', () => {
    const g = new NexmarkGenerator({ seed: 3 });
    for (let i = 100_000; i < 110_000; i++) {
      const e = g.event(i);
      const lastPerson = FIRST_PERSON_ID + Math.floor(i / 50);
      if (e.bid) {
        expect(e.bid.bidder).toBeLessThanOrEqual(lastPerson + 10);
        expect(e.bid.bidder).toBeGreaterThan(lastPerson - 1000);
      }
      if (e.auction) expect(e.auction.seller).toBeLessThanOrEqual(lastPerson + 10);
    }
  });

  it('rejects bad options with one clear error', () => {
    expect(() => new NexmarkGenerator({ rate: 0 })).toThrow(/rate must be a positive number/);
    expect(() => new NexmarkGenerator({ events: -1 })).toThrow(/events must be a non-negative integer/);
  });
});
