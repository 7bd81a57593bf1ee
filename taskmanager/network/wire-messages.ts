import type { ChannelMessage } from './channel-types';

/**
 * The data plane protocol, identical on every transport (in-memory, MessagePort, TCP).
 *
 * Producer → consumer: OPEN, MSG, CLOSE. Consumer → producer: CREDIT. Every message names its
 * channel key, so one link (a TCP connection, a MessagePort) multiplexes any number of
 * channels in both directions. Tags are small integers rather than strings: they are compared
 * on every message and cost one byte on the wire.
 */
export const WIRE = {
  OPEN: 0,
  MSG: 1,
  CLOSE: 2,
  CREDIT: 3,
} as const;

/** The producer announces the channel; the consumer grants credits once it is registered too. */
export interface OpenWire {
  t: typeof WIRE.OPEN;
  key: string;
}

/** One channel message (a batch or an event); only ever sent against a credit. */
export interface MsgWire {
  t: typeof WIRE.MSG;
  key: string;
  m: ChannelMessage;
}

/** The producer released the channel: nothing more will come, a later link loss is no error. */
export interface CloseWire {
  t: typeof WIRE.CLOSE;
  key: string;
}

/** The consumer can hold `n` more messages of this channel. */
export interface CreditWire {
  t: typeof WIRE.CREDIT;
  key: string;
  n: number;
}

/** Tagged union of everything that travels on a link. */
export type WireMessage = OpenWire | MsgWire | CloseWire | CreditWire;

/**
 * Cheap structural check for messages that crossed a process or thread boundary. Only the
 * envelope is checked (never the payload): this runs once per message on the hot path.
 */
export function isWireMessage(value: unknown): value is WireMessage {
  if (typeof value !== 'object' || value === null) return false;
  const w = value as { t?: unknown; key?: unknown; m?: unknown; n?: unknown };
  if (typeof w.key !== 'string') return false;
  switch (w.t) {
    case WIRE.OPEN:
    case WIRE.CLOSE:
      return true;
    case WIRE.MSG:
      return typeof w.m === 'object' && w.m !== null;
    case WIRE.CREDIT:
      return typeof w.n === 'number' && w.n > 0;
    default:
      return false;
  }
}

/** True for the event that ends a channel's stream (no error if the link drops afterwards). */
export function isEndOfPartition(m: ChannelMessage): boolean {
  return m.kind === 'event' && m.event.type === 'end-of-partition';
}
