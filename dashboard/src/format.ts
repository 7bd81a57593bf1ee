/** Display formatting: compact, consistent, never "NaN". */

export function formatCount(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${trim(n / 1e9)}B`;
  if (abs >= 1e6) return `${trim(n / 1e6)}M`;
  if (abs >= 1e4) return `${trim(n / 1e3)}k`;
  return Math.round(n).toLocaleString('en-US');
}

export function formatRate(perSecond: number | undefined): string {
  if (perSecond === undefined || !Number.isFinite(perSecond)) return '–';
  if (perSecond > 0 && perSecond < 10) return `${perSecond.toFixed(1)}/s`;
  return `${formatCount(perSecond)}/s`;
}

export function formatBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(v) : trim(v)} ${units[i]}`;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export function formatTime(epochMs: number | undefined | null): string {
  if (!epochMs || epochMs <= 0) return '–';
  const d = new Date(epochMs);
  const today = new Date();
  const time = d.toLocaleTimeString('en-GB', { hour12: false });
  return d.toDateString() === today.toDateString() ? time : `${d.toLocaleDateString('en-CA')} ${time}`;
}

export function formatPercent(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '–';
  return `${Math.round(ratio * 100)}%`;
}

export function formatAgo(epochMs: number, now = Date.now()): string {
  const ms = Math.max(0, now - epochMs);
  return ms < 1_000 ? 'just now' : `${formatDuration(ms)} ago`;
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

function trim(v: number): string {
  return v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0).replace(/\.0+$|(\.\d*[1-9])0+$/, '$1');
}

/** Beyond this, event time is the end of input (Sluice's MAX_WATERMARK is Number.MAX_SAFE_INTEGER, Flink's Long.MAX_VALUE). */
const END_OF_EVENT_TIME = 8.64e15;
/** Event times below this (before 1973) are not dates: a job counting in its own units. */
const FIRST_PLAUSIBLE_DATE = 1e11;

/**
 * A watermark as the event time it stands for: a date with milliseconds (not the browser's
 * "today" shortcut: event time is often far from now), "none yet" before the first,
 * "idle" when every input is idle, "end of input" at the end of event time.
 */
export function formatWatermark(watermark: number | null | undefined, idle = false): string {
  if (idle) return watermark === null || watermark === undefined ? 'idle' : `idle (at ${formatWatermark(watermark)})`;
  if (watermark === null || watermark === undefined || !Number.isFinite(watermark) || watermark <= -END_OF_EVENT_TIME) return 'none yet';
  if (watermark >= END_OF_EVENT_TIME) return 'end of input';
  if (Math.abs(watermark) < FIRST_PLAUSIBLE_DATE) return `${Math.round(watermark).toLocaleString('en-US')} ms`;
  return formatDateTime(watermark);
}

/** `2026-12-01 09:40:12.345` in the browser's time zone. */
export function formatDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A Flink watermark metric value (`"-9223372036854775808"` before the first) as a number, or null. */
export function parseWatermarkMetric(value: string): number | null {
  const n = Number(value);
  return !Number.isFinite(n) || n <= -END_OF_EVENT_TIME ? null : n;
}
