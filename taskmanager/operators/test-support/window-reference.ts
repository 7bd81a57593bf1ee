/**
 * Batch references for window results: the same windows computed directly over all events,
 * to compare a streaming run against. Events are [key, timestamp, value].
 */
export type Event = [key: string, ts: number, value: number];

/** key|start|end → values in the window, for fixed-size windows (tumbling: slide = size). */
export function fixedWindows(events: readonly Event[], size: number, slide = size): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [k, ts, v] of events) {
    const last = ts - (((ts % slide) + slide) % slide);
    for (let start = last; start > ts - size; start -= slide) {
      const id = `${k}|${start}|${start + size}`;
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push(v);
    }
  }
  return out;
}

/** key|start|end → values, for session windows with `gap` (windows that touch merge, as in Flink). */
export function sessionWindows(events: readonly Event[], gap: number): Map<string, number[]> {
  const byKey = new Map<string, Event[]>();
  for (const e of events) {
    let l = byKey.get(e[0]);
    if (!l) byKey.set(e[0], (l = []));
    l.push(e);
  }
  const out = new Map<string, number[]>();
  for (const [k, list] of byKey) {
    list.sort((a, b) => a[1] - b[1]);
    let start = list[0][1];
    let end = start + gap;
    let values: number[] = [];
    for (const [, ts, v] of list) {
      if (ts > end) {
        out.set(`${k}|${start}|${end}`, values);
        start = ts;
        values = [];
      }
      end = Math.max(end, ts + gap);
      values.push(v);
    }
    out.set(`${k}|${start}|${end}`, values);
  }
  return out;
}

/** Deterministic pseudo-random events: `n` events over `keys` keys, timestamps spread over [0, span). */
export function generateEvents(n: number, keys: number, span: number, seed = 7): Event[] {
  let x = seed;
  const rnd = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  const out: Event[] = [];
  for (let i = 0; i < n; i++) out.push([`k${Math.floor(rnd() * keys)}`, Math.floor((i / n) * span + rnd() * 50), 1 + Math.floor(rnd() * 9)]);
  return out;
}

/** Shuffles events locally: each moves at most `disorder` ms of timestamp away from order. */
export function outOfOrder(events: readonly Event[], disorder: number, seed = 11): Event[] {
  let x = seed;
  const keyed = events.map((e) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return { e, at: e[1] + (x / 2 ** 32) * disorder };
  });
  keyed.sort((a, b) => a.at - b.at);
  return keyed.map((k) => k.e);
}
