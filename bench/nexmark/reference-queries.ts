import { NexmarkGenerator } from '../../connectors/nexmark/nexmark-generator';
import type { NexmarkOptions } from '../../connectors/nexmark/generator-config';
import type { NexmarkEvent } from '../../connectors/nexmark/model';

/**
 * Hand-written single-process implementations of the Nexmark queries over the same generator:
 * plain loops and Maps, no engine and no serialization — the physical limit on one core the
 * bench compares the engine against, and the expected output of the correctness tests.
 * Events arrive in order, so a window closes as soon as an event at or past its end arrives;
 * at the end of input every open window fires (as a bounded job's final watermark does).
 */
export const QUERIES = ['q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q7', 'q8'] as const;
export type QueryName = (typeof QUERIES)[number];

type Emit = (record: object) => void;

interface ReferenceQuery {
  process(event: NexmarkEvent): void;
  finish(): void;
}

const q0 = (emit: Emit): ReferenceQuery => ({
  process(e) {
    const b = e.bid;
    if (b) emit({ auction: b.auction, bidder: b.bidder, price: b.price, dateTime: b.dateTime, extra: b.extra });
  },
  finish() {},
});

const q1 = (emit: Emit): ReferenceQuery => ({
  process(e) {
    const b = e.bid;
    if (b) emit({ auction: b.auction, bidder: b.bidder, price: 0.908 * b.price, dateTime: b.dateTime, extra: b.extra });
  },
  finish() {},
});

const q2 = (emit: Emit): ReferenceQuery => ({
  process(e) {
    const b = e.bid;
    if (b && b.auction % 123 === 0) emit({ auction: b.auction, price: b.price });
  },
  finish() {},
});

/** Regular inner join of auctions (category 10) and persons (OR, ID, CA) on seller = id. */
function q3(emit: Emit): ReferenceQuery {
  const persons = new Map<number, { name: string; city: string; state: string }>();
  const waiting = new Map<number, number[]>();
  return {
    process(e) {
      if (e.person) {
        const p = e.person;
        if (p.state !== 'OR' && p.state !== 'ID' && p.state !== 'CA') return;
        persons.set(p.id, { name: p.name, city: p.city, state: p.state });
        const auctions = waiting.get(p.id);
        if (auctions) for (const id of auctions) emit({ name: p.name, city: p.city, state: p.state, id });
        waiting.delete(p.id);
      } else if (e.auction && e.auction.category === 10) {
        const a = e.auction;
        const p = persons.get(a.seller);
        if (p) emit({ name: p.name, city: p.city, state: p.state, id: a.id });
        else {
          const list = waiting.get(a.seller);
          if (list) list.push(a.id);
          else waiting.set(a.seller, [a.id]);
        }
      }
    },
    finish() {},
  };
}

/** Average, per category, of each auction's highest bid within [dateTime, expires]; an update per change. */
function q4(emit: Emit): ReferenceQuery {
  interface Open { category: number; from: number; to: number; max: number }
  const auctions = new Map<number, Open>();
  const early = new Map<number, { price: number; dateTime: number }[]>();
  const categories = new Map<number, { sum: number; count: number }>();
  const raise = (a: Open, price: number) => {
    const c = categories.get(a.category) ?? { sum: 0, count: 0 };
    categories.set(a.category, c);
    if (a.max < 0) c.count++;
    c.sum += price - Math.max(a.max, 0);
    a.max = price;
    emit({ id: a.category, final: Math.floor(c.sum / c.count) });
  };
  return {
    process(e) {
      if (e.auction) {
        const x = e.auction;
        const a: Open = { category: x.category, from: x.dateTime, to: x.expires, max: -1 };
        auctions.set(x.id, a);
        const bids = early.get(x.id);
        if (!bids) return;
        early.delete(x.id);
        let best = -1;
        for (const b of bids) if (b.dateTime >= a.from && b.dateTime <= a.to && b.price > best) best = b.price;
        if (best >= 0) raise(a, best);
      } else if (e.bid) {
        const b = e.bid;
        const a = auctions.get(b.auction);
        if (a) {
          if (b.dateTime >= a.from && b.dateTime <= a.to && b.price > a.max) raise(a, b.price);
        } else {
          const list = early.get(b.auction);
          if (list) list.push({ price: b.price, dateTime: b.dateTime });
          else early.set(b.auction, [{ price: b.price, dateTime: b.dateTime }]);
        }
      }
    },
    finish() {},
  };
}

/** Bids per auction in 10 s windows sliding by 2 s; per window the auctions with the most. Counted in 2 s panes. */
function q5(emit: Emit): ReferenceQuery {
  const SIZE = 10_000, SLIDE = 2_000;
  const panes = new Map<number, Map<number, number>>();
  let nextEnd = Infinity;
  const fire = (end: number) => {
    const totals = new Map<number, number>();
    for (let p = end - SIZE; p < end; p += SLIDE) {
      const pane = panes.get(p);
      if (pane) for (const [auction, n] of pane) totals.set(auction, (totals.get(auction) ?? 0) + n);
    }
    let max = 0;
    for (const n of totals.values()) if (n > max) max = n;
    for (const [auction, n] of totals) if (n === max) emit({ auction, num: n, starttime: end - SIZE, endtime: end });
    panes.delete(end - SIZE);
  };
  return {
    process(e) {
      const b = e.bid;
      if (!b) return;
      const pane = b.dateTime - (b.dateTime % SLIDE);
      while (b.dateTime >= nextEnd) fire(nextEnd), (nextEnd += SLIDE);
      if (nextEnd === Infinity) nextEnd = pane + SLIDE;
      let counts = panes.get(pane);
      if (!counts) panes.set(pane, (counts = new Map()));
      counts.set(b.auction, (counts.get(b.auction) ?? 0) + 1);
    },
    finish() {
      while (panes.size > 0) fire(nextEnd), (nextEnd += SLIDE);
    },
  };
}

/** Bids at the highest price of their 10 s tumbling window (dateTime BETWEEN end - 10 s AND end). */
function q7(emit: Emit): ReferenceQuery {
  const SIZE = 10_000;
  interface Window { max: number; top: object[]; edge: { price: number; row: object }[] }
  const windows = new Map<number, Window>();
  const windowFor = (end: number) => {
    let w = windows.get(end);
    if (!w) windows.set(end, (w = { max: -1, top: [], edge: [] }));
    return w;
  };
  let lowestOpen = Infinity;
  const fire = (end: number) => {
    const w = windows.get(end);
    if (!w) return;
    windows.delete(end);
    if (w.max < 0) return;
    for (const row of w.top) emit(row);
    for (const x of w.edge) if (x.price === w.max) emit(x.row);
  };
  return {
    process(e) {
      const b = e.bid;
      if (!b) return;
      while (b.dateTime > lowestOpen) fire(lowestOpen), (lowestOpen += SIZE);
      if (lowestOpen === Infinity) lowestOpen = b.dateTime - (b.dateTime % SIZE) + (b.dateTime % SIZE === 0 ? 0 : SIZE);
      const row = { auction: b.auction, price: b.price, bidder: b.bidder, dateTime: b.dateTime, extra: b.extra };
      const w = windowFor(b.dateTime - (b.dateTime % SIZE) + SIZE);
      if (b.price > w.max) (w.max = b.price), (w.top = [row]);
      else if (b.price === w.max) w.top.push(row);
      // A bid exactly at a window's end is also BETWEEN that window's bounds (not in its max).
      if (b.dateTime % SIZE === 0) windowFor(b.dateTime).edge.push({ price: b.price, row });
    },
    finish() {
      for (const end of [...windows.keys()].sort((x, y) => x - y)) fire(end);
    },
  };
}

/** Persons who opened an auction in the same 10 s tumbling window in which they registered. */
function q8(emit: Emit): ReferenceQuery {
  const SIZE = 10_000;
  const persons = new Map<number, { name: string; start: number; emitted: boolean }>();
  const sellers = new Map<number, Set<number>>();
  let current = -Infinity;
  return {
    process(e) {
      const start = e.dateTime - (e.dateTime % SIZE);
      if (start > current) {
        // Nothing joins across windows: forget the ones that closed.
        for (const [id, p] of persons) if (p.start < start) persons.delete(id);
        sellers.delete(current);
        current = start;
      }
      if (e.person) {
        const p = e.person;
        const seen = sellers.get(start)?.has(p.id) ?? false;
        persons.set(p.id, { name: p.name, start, emitted: seen });
        if (seen) emit({ id: p.id, name: p.name, stime: start });
      } else if (e.auction) {
        const a = e.auction;
        let set = sellers.get(start);
        if (!set) sellers.set(start, (set = new Set()));
        set.add(a.seller);
        const p = persons.get(a.seller);
        if (p && p.start === start && !p.emitted) {
          p.emitted = true;
          emit({ id: a.seller, name: p.name, stime: start });
        }
      }
    },
    finish() {},
  };
}

const FACTORIES: Record<QueryName, (emit: Emit) => ReferenceQuery> = { q0, q1, q2, q3, q4, q5, q7, q8 };

/** Runs `query` over events 0..events-1 of the stream; returns the wall time of the whole loop. */
export function runReferenceQuery(query: QueryName, options: NexmarkOptions & { events: number }, emit: Emit): { ms: number } {
  const generator = new NexmarkGenerator(options);
  const q = FACTORIES[query](emit);
  const started = performance.now();
  for (let i = 0; i < options.events; i++) q.process(generator.event(i));
  q.finish();
  return { ms: performance.now() - started };
}

/** q4's updates reduced to what they converge to: the latest value per id. */
export function latestPerId(rows: { id: number; final: number }[]): Map<number, number> {
  const latest = new Map<number, number>();
  for (const r of rows) latest.set(r.id, r.final);
  return latest;
}
