import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  color: string;
  /** Which y axis: the left one (default) or the right one. */
  scale?: 'y' | 'y2';
  /** Marks each value, for sparse series such as one value per checkpoint. */
  points?: boolean;
}

/** Colours for series, distinguishable and calm. */
export const PALETTE = ['#0ea5e9', '#f59e0b', '#8b5cf6', '#22c55e', '#ef4444', '#14b8a6', '#ec4899', '#64748b', '#a16207', '#1d4ed8'];

/**
 * The i-th series' colour: the palette first, then hues spaced by the golden angle with
 * alternating lightness, so no two series of a chart share a colour however many there are.
 */
export function seriesColor(i: number): string {
  if (i < PALETTE.length) return PALETTE[i];
  const k = i - PALETTE.length;
  return `hsl(${Math.round((k * 137.508 + 20) % 360)} 70% ${k % 2 === 0 ? 42 : 58}%)`;
}

/**
 * A time chart (uPlot: small, fast, canvas). `data[0]` are epoch seconds, then one array per
 * series. The plot is created once per set of series and updated in place as data arrives,
 * and follows its container's width.
 */
export function TimeSeriesChart({
  series,
  data,
  height = 220,
  format,
  format2,
  empty,
  minPoints = 2,
  testId,
}: {
  series: ChartSeries[];
  data: Array<Array<number | null>>;
  height?: number;
  format(v: number): string;
  format2?(v: number): string;
  empty: string;
  /** Below this many points the chart shows `empty` over its axes. */
  minPoints?: number;
  testId?: string;
}): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const seriesKey = series.map((s) => `${s.label}/${s.scale ?? 'y'}`).join('|');

  useEffect(() => {
    const el = host.current!;
    const hasY2 = series.some((s) => s.scale === 'y2');
    const axisStyle = { stroke: '#64748b', grid: { stroke: '#eef2f7', width: 1 }, ticks: { stroke: '#e2e8f0', width: 1 }, font: '11px system-ui, sans-serif' };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: {
        // Without data uPlot would span years; show the last minute instead.
        x: { time: true, range: (_u, min, max) => (min === null || max === null ? [Date.now() / 1000 - 60, Date.now() / 1000] : max - min < 1 ? [min - 30, max + 30] : [min, max]) },
        y: { range: (_u, _min, max) => [0, niceMax(max)] },
        ...(hasY2 ? { y2: { range: (_u, _min, max) => [0, niceMax(max)] } } : {}),
      },
      axes: [
        // Whole seconds at least, as clock times: sub-second ticks read as noise.
        { ...axisStyle, space: 70, incrs: TIME_INCREMENTS, values: (_u, ticks) => ticks.map(clockTime) },
        { ...axisStyle, size: 64, values: (_u, ticks) => ticks.map((t) => format(t)) },
        ...(hasY2 ? [{ ...axisStyle, scale: 'y2', side: 1, size: 64, grid: { show: false }, values: (_u: uPlot, ticks: number[]) => ticks.map((t) => (format2 ?? format)(t)) }] : []),
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          scale: s.scale ?? 'y',
          fill: s.points ? undefined : `${s.color}14`,
          points: s.points ? { show: true, size: 6, fill: s.color } : { show: false },
          dash: s.scale === 'y2' ? [4, 4] : undefined,
          value: (_u: uPlot, v: number | null) => (v === null ? '–' : (s.scale === 'y2' ? (format2 ?? format) : format)(v)),
        })),
      ],
    };
    plot.current = new uPlot(opts, padSingle(data) as uPlot.AlignedData, el);
    // The legend wraps long names (app.css); each entry also names its series in full on hover.
    el.querySelectorAll('.u-legend .u-series').forEach((row, i) => i > 0 && row.setAttribute('title', series[i - 1]?.label ?? ''));
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Recreated only when the series change; data flows in through setData below.
  }, [seriesKey, height]);

  useEffect(() => {
    plot.current?.setData(padSingle(data) as uPlot.AlignedData);
  }, [data]);

  const points = data[0]?.length ?? 0;
  return (
    <div class="chart" data-testid={testId}>
      <div ref={host} />
      {points < minPoints && <div class="chart-empty">{empty}</div>}
    </div>
  );
}

const TIME_INCREMENTS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];

function clockTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toLocaleTimeString('en-GB', { hour12: false });
}

/**
 * uPlot scales x to the data's extent, which for a single point is a zero-width range that
 * draws the point at the edge without ticks: frame it with empty points half a minute either side.
 */
function padSingle(data: Array<Array<number | null>>): Array<Array<number | null>> {
  if (data[0]?.length !== 1) return data;
  const t = data[0][0] as number;
  return [[t - 30, t, t + 30], ...data.slice(1).map((s) => [null, s[0], null])];
}

/** A round upper bound; at least 10, so an idle series gets whole-number ticks, not 0.2 steps. */
function niceMax(max: number | null): number {
  if (!max || !Number.isFinite(max) || max <= 10) return 10;
  const exp = 10 ** Math.floor(Math.log10(max));
  const m = max / exp;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * exp;
}
