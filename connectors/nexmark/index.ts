/** The Nexmark connector: what `import { NexmarkSource } from 'sluice'` gives. */
export { NexmarkSource } from './nexmark-source';
export { NexmarkGenerator, nexmarkEvent } from './nexmark-generator';
export { DEFAULT_BASE_TIME, DEFAULT_RATE } from './generator-config';
export type { NexmarkOptions } from './generator-config';
export type { NexmarkEvent, Person, Auction, Bid, EventType } from './model';
export type { NexmarkSplit } from './nexmark-split';
