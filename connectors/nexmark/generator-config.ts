import { InvalidArgumentError } from '../../common/errors';

/**
 * The generator's parameters and nexmark's id arithmetic (nexmark's GeneratorConfig and
 * NexmarkConfiguration defaults): events come in epochs of 50, the first is a person, the
 * next 3 auctions and the other 46 bids; ids grow with the event number, so the newest
 * person or auction id is a function of the event number alone.
 */
export const PERSON_PROPORTION = 1;
export const AUCTION_PROPORTION = 3;
export const BID_PROPORTION = 46;
export const TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;

export const FIRST_PERSON_ID = 1000;
export const FIRST_AUCTION_ID = 1000;
export const FIRST_CATEGORY_ID = 10;
export const NUM_CATEGORIES = 5;

/** People who may still bid or sell; auctions that may still receive bids. */
export const NUM_ACTIVE_PEOPLE = 1000;
export const NUM_IN_FLIGHT_AUCTIONS = 100;
/** Ids a little ahead of the newest, so some bids reference a person or auction not seen yet. */
export const PERSON_ID_LEAD = 10;
export const AUCTION_ID_LEAD = 10;

/** 1 in HOT_*_RATIO choices is uniform; the others go to a hot entity (1/2, 3/4, 3/4). */
export const HOT_AUCTION_RATIO = 2;
export const HOT_SELLERS_RATIO = 4;
export const HOT_BIDDERS_RATIO = 4;
/** Hot entities are every 100th id. */
export const HOT_ID_STRIDE = 100;

export const AVG_PERSON_BYTES = 200;
export const AVG_AUCTION_BYTES = 500;
export const AVG_BID_BYTES = 100;

/** 2026-01-01T00:00:00Z: a fixed default so runs are reproducible. */
export const DEFAULT_BASE_TIME = 1_767_225_600_000;
export const DEFAULT_RATE = 10_000_000;

export interface NexmarkOptions {
  /** Events in total; omit (or null) for an unbounded source. */
  events?: number | null;
  /** Events per second of event time: event i has dateTime = baseTime + floor(i * 1000 / rate). @default 10_000_000 */
  rate?: number;
  /** Epoch ms of event 0. @default 1_767_225_600_000 (2026-01-01T00:00:00Z) */
  baseTime?: number;
  /** @default 0 */
  seed?: number;
  /** Emit at `rate` in processing time too (nexmark without max-emit-speed). @default false */
  pace?: boolean;
}

export interface NexmarkConfig {
  readonly events: number | null;
  readonly rate: number;
  readonly baseTime: number;
  readonly seed: number;
  readonly pace: boolean;
}

export function normalizeNexmarkOptions(options: NexmarkOptions = {}): NexmarkConfig {
  const { events, rate = DEFAULT_RATE, baseTime = DEFAULT_BASE_TIME, seed = 0, pace = false } = options;
  if (events !== undefined && events !== null && !(Number.isSafeInteger(events) && events >= 0))
    throw new InvalidArgumentError(`NexmarkSource: events must be a non-negative integer, got ${events}`);
  if (!(typeof rate === 'number' && rate > 0 && Number.isFinite(rate))) throw new InvalidArgumentError(`NexmarkSource: rate must be a positive number of events per second, got ${rate}`);
  if (!Number.isSafeInteger(baseTime)) throw new InvalidArgumentError(`NexmarkSource: baseTime must be epoch milliseconds (an integer), got ${baseTime}`);
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError(`NexmarkSource: seed must be an integer, got ${seed}`);
  return { events: events ?? null, rate, baseTime, seed, pace: Boolean(pace) };
}

export function eventTimestamp(config: NexmarkConfig, index: number): number {
  return config.baseTime + Math.floor((index * 1000) / config.rate);
}

/** The newest person id (base 0) at event `index`: the current one when `index` is a person. */
export function lastBase0PersonId(index: number): number {
  const epoch = Math.floor(index / TOTAL_PROPORTION);
  let offset = index % TOTAL_PROPORTION;
  if (offset >= PERSON_PROPORTION) offset = PERSON_PROPORTION - 1;
  return epoch * PERSON_PROPORTION + offset;
}

/** The newest auction id (base 0) at event `index`: the current one when `index` is an auction. */
export function lastBase0AuctionId(index: number): number {
  let epoch = Math.floor(index / TOTAL_PROPORTION);
  let offset = index % TOTAL_PROPORTION;
  if (offset < PERSON_PROPORTION) {
    epoch--;
    offset = AUCTION_PROPORTION - 1;
  } else if (offset >= PERSON_PROPORTION + AUCTION_PROPORTION) {
    offset = AUCTION_PROPORTION - 1;
  } else {
    offset -= PERSON_PROPORTION;
  }
  return epoch * AUCTION_PROPORTION + offset;
}

/** Events between an auction and the one NUM_IN_FLIGHT_AUCTIONS later: sets how long auctions run. */
export const EVENTS_PER_AUCTION_HORIZON = Math.floor((NUM_IN_FLIGHT_AUCTIONS * TOTAL_PROPORTION) / AUCTION_PROPORTION);
