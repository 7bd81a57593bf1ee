/**
 * Nexmark's entities and the event that carries one of them, named as in nexmark's
 * `datagen` table DDL (DESIGN.md §3 "Nexmark"). Timestamps are epoch ms numbers.
 */
export interface Person {
  id: number;
  name: string;
  emailAddress: string;
  creditCard: string;
  city: string;
  state: string;
  dateTime: number;
  extra: string;
}

export interface Auction {
  id: number;
  itemName: string;
  description: string;
  initialBid: number;
  reserve: number;
  dateTime: number;
  expires: number;
  seller: number;
  category: number;
  extra: string;
}

export interface Bid {
  auction: number;
  bidder: number;
  price: number;
  channel: string;
  url: string;
  dateTime: number;
  extra: string;
}

/** 0 person, 1 auction, 2 bid. */
export type EventType = 0 | 1 | 2;

export interface NexmarkEvent {
  event_type: EventType;
  person: Person | null;
  auction: Auction | null;
  bid: Bid | null;
  dateTime: number;
}
