/**
 * The windowed-aggregation baseline: a hand-written single-process JS loop computing the same
 * per-key tumbling-window counts as bench/jobs/bench-window-count.js over the same records
 * ([`k${i % KEYS}`, timestamp i]), firing a window once the watermark (max timestamp - 1)
 * passes its end, as the engine does. It assumes nothing about order beyond the watermark.
 */
export const WINDOW_KEYS = 100;
export const WINDOW_SIZE_MS = 10_000;

export function runBaselineWindowCount(records: number): { records: number; ms: number; windows: number } {
  const started = process.hrtime.bigint();
  const open = new Map<string, Map<number, number>>();
  const ends: number[] = []; // window ends not fired yet, ascending (timestamps arrive in order here)
  let fired = 0;
  let checksum = 0;
  let max = -Infinity;
  for (let i = 0; i < records; i++) {
    const r: [string, number] = [`k${i % WINDOW_KEYS}`, i];
    const ts = r[1];
    const start = ts - (ts % WINDOW_SIZE_MS);
    let byStart = open.get(r[0]);
    if (!byStart) open.set(r[0], (byStart = new Map()));
    const n = byStart.get(start);
    byStart.set(start, n === undefined ? 1 : n + 1);
    if (n === undefined && (ends.length === 0 || ends[ends.length - 1] < start + WINDOW_SIZE_MS)) ends.push(start + WINDOW_SIZE_MS);
    if (ts > max) max = ts;
    // fire every window whose end the watermark passed
    while (ends.length > 0 && ends[0] - 1 <= max - 1) {
      const s = ends.shift()! - WINDOW_SIZE_MS;
      for (const w of open.values()) {
        const c = w.get(s);
        if (c !== undefined) {
          checksum += c;
          fired++;
          w.delete(s);
        }
      }
    }
  }
  for (const w of open.values()) for (const c of w.values()) (checksum += c), fired++;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (checksum !== records) throw new Error(`baseline window count lost records: ${checksum} != ${records}`);
  return { records, ms, windows: fired };
}
