/**
 * The events of the multi-process event-time tests, shared by the job files (bundled by
 * stream-submit) and the tests (which compute the batch reference from the same function).
 * Event i is [key, timestamp, value]: timestamps advance 10 ms per event, pause 1 s every
 * 50 events (so sessions end), and run up to DISORDER ms behind (out of order).
 */
export type WindowEvent = [key: string, ts: number, value: number];

export const KEYS = 6;
export const DISORDER = 300;
export const BASE_TS = 1_700_000_000_000;

export function eventAt(i: number): WindowEvent {
  const jitter = ((i * 7919) % 31) * 10;
  return [`k${(i * 31 + 7) % KEYS}`, BASE_TS + i * 10 + 1000 * Math.floor(i / 50) - jitter, 1 + (i % 9)];
}

export function events(count: number): WindowEvent[] {
  return Array.from({ length: count }, (_, i) => eventAt(i));
}
