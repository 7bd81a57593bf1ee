import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { RestError, rest } from '../api/rest-client';
import type { FlameGraph, FlameNode } from '../api/types';
import { formatPercent, formatTime } from '../format';
import { Card, Empty, ErrorBanner } from './card';

const DURATIONS = [1_000, 3_000, 10_000];
/** Frames narrower than this share of the view are left out: they could not be read anyway. */
const MIN_SHARE = 0.003;
const ROW_PX = 20;

interface Bar {
  node: FlameNode;
  path: string;
  depth: number;
  start: number;
  share: number;
}

/**
 * An on-demand CPU flame graph of one subtask (GET .../flamegraph; only the samples in its own
 * turns, though its slot's thread runs other subtasks too): widest
 * frames are where the time goes, callers above callees (Flink draws it the same way).
 * Clicking a frame zooms into it; the root zooms out.
 */
export function FlameGraphPanel({ jobId, vertexId, vertexName, subtask, onClose }: { jobId: string; vertexId: string; vertexName: string; subtask: number; onClose(): void }): JSX.Element {
  const [durationMs, setDurationMs] = useState(DURATIONS[1]);
  const [graph, setGraph] = useState<FlameGraph | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);
  const [zoom, setZoom] = useState<string>('root');

  useEffect(() => {
    let alive = true;
    setBusy(true);
    setError(undefined);
    rest.get<FlameGraph>(`/jobs/${jobId}/vertices/${vertexId}/flamegraph?subtask=${subtask}&durationMs=${durationMs}`).then(
      (g) => alive && (setGraph(g), setZoom('root'), setBusy(false)),
      (err: unknown) => alive && (setError(err instanceof RestError ? err.message : String(err)), setBusy(false)),
    );
    return () => {
      alive = false;
    };
  }, [jobId, vertexId, subtask, durationMs, round]);

  const bars = useMemo(() => (graph ? layout(graph.data, zoom) : []), [graph, zoom]);
  const depth = bars.reduce((d, b) => Math.max(d, b.depth + 1), 1);
  return (
    <Card
      testId="flame-graph"
      title={<span class="wrap-anywhere">CPU flame graph · {vertexName} · subtask {subtask + 1}</span>}
      actions={
        <span class="flame-actions">
          {DURATIONS.map((d) => (
            <button key={d} class={`btn btn-small ${d === durationMs ? 'btn-primary' : ''}`} disabled={busy} onClick={() => (d === durationMs ? setRound(round + 1) : setDurationMs(d))}>
              {d / 1000} s
            </button>
          ))}
          <button class="btn btn-small" onClick={onClose}>
            Close
          </button>
        </span>
      }
    >
      {error && <ErrorBanner message={error} />}
      {busy && <div class="muted small">Sampling the slot's thread for {durationMs / 1000} s…</div>}
      {!graph && !error && !busy && <Empty>No profile yet.</Empty>}
      {graph && (
        <>
          <div class="muted small flame-caption">
            {graph.samples.toLocaleString('en-US')} samples every {graph['sampling-interval-us']} µs until {formatTime(graph.endTimestamp)} in this subtask's own turns, of{' '}
            {graph['slot-samples'].toLocaleString('en-US')} on the thread of {graph.taskmanager} slot {graph.slot}, which also runs the other subtasks sharing the slot. Click a frame to zoom in.
          </div>
          <div class="flame" style={{ height: `${depth * ROW_PX}px` }} data-testid="flame-graph-canvas">
            {bars.map((b) => (
              <div
                key={b.path}
                class={`flame-bar ${b.depth === 0 ? 'flame-root' : ''}`}
                style={{ left: `${b.start * 100}%`, width: `${b.share * 100}%`, top: `${b.depth * ROW_PX}px`, background: frameColor(b.node.name, b.depth) }}
                title={`${b.node.name}\n${b.node.value.toLocaleString('en-US')} samples (${formatPercent(b.share)} of the view)`}
                onClick={() => setZoom(b.depth === 0 ? 'root' : b.path)}
                data-testid="flame-frame"
              >
                {b.share > 0.04 ? b.node.name : ''}
              </div>
            ))}
          </div>
        </>
      )}
    </Card>
  );
}

/** Bars for the subtree at `zoomPath` (its ancestors kept as a full-width trail above it). */
function layout(root: FlameNode, zoomPath: string): Bar[] {
  const bars: Bar[] = [];
  const trail: FlameNode[] = [];
  let focus = root;
  let focusPath = 'root';
  if (zoomPath !== 'root') {
    const names = zoomPath.split('\u0000').slice(1);
    let n: FlameNode | undefined = root;
    for (const name of names) {
      trail.push(n);
      n = n.children.find((c) => c.name === name);
      if (!n) break;
    }
    if (n) {
      focus = n;
      focusPath = zoomPath;
    } else trail.length = 0;
  }
  trail.forEach((t, i) => bars.push({ node: t, path: i === 0 ? 'root' : `trail-${i}`, depth: i, start: 0, share: 1 }));
  const total = focus.value || 1;
  const walk = (node: FlameNode, path: string, depth: number, start: number) => {
    const share = node.value / total;
    if (share < MIN_SHARE) return;
    bars.push({ node, path, depth, start, share });
    let x = start;
    for (const c of node.children) {
      walk(c, `${path}\u0000${c.name}`, depth + 1, x);
      x += c.value / total;
    }
  };
  walk(focus, focusPath, trail.length, 0);
  return bars;
}

/** Warm colours as Flink's flame graphs, stable per frame name; the runtime's idle frames grey. */
function frameColor(name: string, depth: number): string {
  if (depth === 0) return '#e2e8f0';
  if (name.startsWith('(idle)') || name.startsWith('(program)')) return '#cbd5e1';
  if (name.startsWith('(garbage collector)')) return '#a5b4fc';
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  const hue = 10 + (Math.abs(h) % 45);
  return `hsl(${hue} 85% ${62 + (Math.abs(h >> 8) % 14)}%)`;
}
