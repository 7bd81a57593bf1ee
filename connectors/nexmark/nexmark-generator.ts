import { EventRandom } from './event-random';
import * as config from './generator-config';
import type { NexmarkConfig, NexmarkOptions } from './generator-config';
import * as strings from './random-strings';
import type { Auction, Bid, NexmarkEvent, Person } from './model';

// Module-level copies of what the hot path uses from other modules: the CommonJS build reads
// an import through a getter at every use, and those getters were a fifth of the generator's time.
const {
  AUCTION_ID_LEAD,
  AVG_AUCTION_BYTES,
  AVG_BID_BYTES,
  AVG_PERSON_BYTES,
  EVENTS_PER_AUCTION_HORIZON,
  FIRST_AUCTION_ID,
  FIRST_CATEGORY_ID,
  FIRST_PERSON_ID,
  HOT_AUCTION_RATIO,
  HOT_BIDDERS_RATIO,
  HOT_ID_STRIDE,
  HOT_SELLERS_RATIO,
  NUM_ACTIVE_PEOPLE,
  NUM_CATEGORIES,
  NUM_IN_FLIGHT_AUCTIONS,
  PERSON_ID_LEAD,
  PERSON_PROPORTION,
  AUCTION_PROPORTION,
  TOTAL_PROPORTION,
  eventTimestamp,
  lastBase0AuctionId,
  lastBase0PersonId,
  normalizeNexmarkOptions,
} = config;
const { nextExtra, nextString, nextUrlSegment } = strings;

const US_STATES = ['AZ', 'CA', 'ID', 'OR', 'WA', 'WY'];
const US_CITIES = ['Phoenix', 'Los Angeles', 'San Francisco', 'Boise', 'Portland', 'Bend', 'Redmond', 'Seattle', 'Kent', 'Cheyenne'];
const FIRST_NAMES = ['Peter', 'Paul', 'Luke', 'John', 'Saul', 'Vicky', 'Kate', 'Julie', 'Sarah', 'Deiter', 'Walter'];
const LAST_NAMES = ['Shultz', 'Abrams', 'Spencer', 'White', 'Bartels', 'Walton', 'Smith', 'Jones', 'Noris'];
const HOT_CHANNELS = ['Google', 'Facebook', 'Baidu', 'Apple'];
const CHANNELS_NUMBER = 10_000;
const HOT_CHANNELS_RATIO = 2;
/** "0000" … "9999": credit card groups without formatting per event. */
const FOUR_DIGITS = Array.from({ length: 10_000 }, (_, n) => String(n).padStart(4, '0'));

function reverseBits32(n: number): number {
  n = ((n >>> 1) & 0x55555555) | ((n & 0x55555555) << 1);
  n = ((n >>> 2) & 0x33333333) | ((n & 0x33333333) << 2);
  n = ((n >>> 4) & 0x0f0f0f0f) | ((n & 0x0f0f0f0f) << 4);
  n = ((n >>> 8) & 0x00ff00ff) | ((n & 0x00ff00ff) << 8);
  return ((n >>> 16) | (n << 16)) | 0;
}

/** Per channel number: its name and its url suffix, built once instead of per bid. */
const CHANNEL_NAMES = Array.from({ length: CHANNELS_NUMBER }, (_, n) => `channel-${n}`);
const CHANNEL_URL_SUFFIXES = Array.from({ length: CHANNELS_NUMBER }, (_, n) => `&channel_id=${Math.abs(reverseBits32(n))}`);

function baseUrl(random: EventRandom): string {
  return `https://www.nexmark.com/${nextUrlSegment(random, 5)}/${nextUrlSegment(random, 5)}/${nextUrlSegment(random, 5)}/item.htm?query=1`;
}

const LN_10_POW_6 = 6 * Math.LN10;

/** nexmark's price distribution: 10^U(0,6) dollars, in cents (exp is cheaper than pow). */
function nextPrice(random: EventRandom): number {
  return Math.round(Math.exp(random.nextDouble() * LN_10_POW_6) * 100);
}

/** A uniformly chosen active person, or one a little ahead of the newest (base 0). */
function nextBase0PersonId(index: number, random: EventRandom): number {
  const numPeople = lastBase0PersonId(index) + 1;
  const activePeople = Math.min(numPeople, NUM_ACTIVE_PEOPLE);
  return numPeople - activePeople + random.nextInt(activePeople + PERSON_ID_LEAD);
}

/** A uniformly chosen in-flight auction, or one a little ahead of the newest (base 0). */
function nextBase0AuctionId(index: number, random: EventRandom): number {
  const maxAuction = lastBase0AuctionId(index);
  const minAuction = Math.max(maxAuction - NUM_IN_FLIGHT_AUCTIONS, 0);
  return minAuction + random.nextInt(maxAuction - minAuction + 1 + AUCTION_ID_LEAD);
}

/**
 * Nexmark's event generator as a pure function: `event(i)` depends on (seed, i, rate,
 * baseTime) only, so any subtask can generate any event and every parallelism produces the
 * same events. The instance only holds scratch state (the random stream) and constants.
 */
export class NexmarkGenerator {
  readonly config: NexmarkConfig;
  private readonly random = new EventRandom();
  private readonly hotUrls: string[];

  constructor(options: NexmarkOptions | NexmarkConfig = {}) {
    this.config = normalizeNexmarkOptions(options);
    // Nexmark draws its four hot urls once per generator; here they depend on the seed only.
    this.random.reset(this.config.seed, -1);
    this.hotUrls = HOT_CHANNELS.map(() => baseUrl(this.random));
  }

  event(index: number): NexmarkEvent {
    const random = this.random;
    random.reset(this.config.seed, index);
    const dateTime = eventTimestamp(this.config, index);
    const rem = index % TOTAL_PROPORTION;
    if (rem < PERSON_PROPORTION) return { event_type: 0, person: this.person(index, dateTime), auction: null, bid: null, dateTime };
    if (rem < PERSON_PROPORTION + AUCTION_PROPORTION) return { event_type: 1, person: null, auction: this.auction(index, dateTime), bid: null, dateTime };
    return { event_type: 2, person: null, auction: null, bid: this.bid(index, dateTime), dateTime };
  }

  private person(index: number, dateTime: number): Person {
    const random = this.random;
    const name = `${FIRST_NAMES[random.nextInt(FIRST_NAMES.length)]} ${LAST_NAMES[random.nextInt(LAST_NAMES.length)]}`;
    const emailAddress = `${nextString(random, 7)}@${nextString(random, 5)}.com`;
    const creditCard = `${FOUR_DIGITS[random.nextInt(10_000)]} ${FOUR_DIGITS[random.nextInt(10_000)]} ${FOUR_DIGITS[random.nextInt(10_000)]} ${FOUR_DIGITS[random.nextInt(10_000)]}`;
    const city = US_CITIES[random.nextInt(US_CITIES.length)]!;
    const state = US_STATES[random.nextInt(US_STATES.length)]!;
    const size = 8 + name.length + emailAddress.length + creditCard.length + city.length + state.length;
    const extra = nextExtra(random, size, AVG_PERSON_BYTES);
    return { id: lastBase0PersonId(index) + FIRST_PERSON_ID, name, emailAddress, creditCard, city, state, dateTime, extra };
  }

  private auction(index: number, dateTime: number): Auction {
    const random = this.random;
    const id = lastBase0AuctionId(index) + FIRST_AUCTION_ID;
    const seller =
      (random.nextInt(HOT_SELLERS_RATIO) > 0
        ? Math.floor(lastBase0PersonId(index) / HOT_ID_STRIDE) * HOT_ID_STRIDE
        : nextBase0PersonId(index, random)) + FIRST_PERSON_ID;
    const category = FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES);
    const initialBid = nextPrice(random);
    // Auctions run for up to twice the event-time span of NUM_IN_FLIGHT_AUCTIONS auctions.
    const horizonMs = eventTimestamp(this.config, index + EVENTS_PER_AUCTION_HORIZON) - dateTime;
    const expires = dateTime + 1 + random.nextInt(Math.max(horizonMs * 2, 1));
    const itemName = nextString(random, 20);
    const description = nextString(random, 100);
    const reserve = initialBid + nextPrice(random);
    const extra = nextExtra(random, 8 + itemName.length + description.length + 40, AVG_AUCTION_BYTES);
    return { id, itemName, description, initialBid, reserve, dateTime, expires, seller, category, extra };
  }

  private bid(index: number, dateTime: number): Bid {
    const random = this.random;
    const auction =
      (random.nextInt(HOT_AUCTION_RATIO) > 0
        ? Math.floor(lastBase0AuctionId(index) / HOT_ID_STRIDE) * HOT_ID_STRIDE
        : nextBase0AuctionId(index, random)) + FIRST_AUCTION_ID;
    const bidder =
      (random.nextInt(HOT_BIDDERS_RATIO) > 0
        ? Math.floor(lastBase0PersonId(index) / HOT_ID_STRIDE) * HOT_ID_STRIDE + 1
        : nextBase0PersonId(index, random)) + FIRST_PERSON_ID;
    const price = nextPrice(random);
    const channelNumber = random.nextInt(CHANNELS_NUMBER);
    let channel: string;
    let url: string;
    if (random.nextInt(HOT_CHANNELS_RATIO) > 0) {
      const hot = random.nextInt(HOT_CHANNELS.length);
      channel = HOT_CHANNELS[hot]!;
      url = this.hotUrls[hot]!;
    } else {
      channel = CHANNEL_NAMES[channelNumber]!;
      url = baseUrl(random) + CHANNEL_URL_SUFFIXES[channelNumber]!;
    }
    const extra = nextExtra(random, 32, AVG_BID_BYTES);
    return { auction, bidder, price, channel, url, dateTime, extra };
  }
}

/** Event `index` of the stream `options` describes (allocates a generator: use NexmarkGenerator in loops). */
export function nexmarkEvent(options: NexmarkOptions, index: number): NexmarkEvent {
  return new NexmarkGenerator(options).event(index);
}

