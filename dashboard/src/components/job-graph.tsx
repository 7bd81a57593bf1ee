import { Graph, layout } from '@dagrejs/dagre';
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import type { JobVertex, PlanNode } from '../api/types';
import { formatPercent, formatRate } from '../format';
import { stateTone } from './state-badge';

const NODE_W = 244;
const NODE_H = 104;
const FRAME = 6;

interface Point {
  x: number;
  y: number;
}

interface Laid {
  width: number;
  height: number;
  nodes: Array<{ id: string; x: number; y: number }>;
  edges: Array<{ key: string; points: Point[]; label: string; labelAt: Point }>;
}

/** Lays the plan out left to right (sources on the left, as Flink draws jobs). Only the graph's shape matters, so it is computed once per plan. */
function layoutPlan(nodes: PlanNode[]): Laid {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 110, marginx: 16 + FRAME, marginy: 16 + FRAME });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: NODE_W, height: NODE_H });
  for (const n of nodes)
    for (const input of n.inputs ?? []) {
      const label = input.side_output ? `${input.ship_strategy} · ${input.side_output}` : input.ship_strategy;
      g.setEdge(input.id, n.id, { width: label.length * 7 + 20, height: 22, labelpos: 'c', label }, `${input.id}-${n.id}-${input.num}`);
    }
  layout(g);
  const graph = g.graph() as { width?: number; height?: number };
  return {
    width: graph.width ?? NODE_W,
    height: graph.height ?? NODE_H,
    nodes: nodes.map((n) => {
      const laid = g.node(n.id) as { x: number; y: number };
      return { id: n.id, x: laid.x - NODE_W / 2, y: laid.y - NODE_H / 2 };
    }),
    edges: g.edges().map((e) => {
      const label = g.edge(e) as { points: Point[]; x: number; y: number; label: string };
      return { key: `${e.v}-${e.w}-${e.name ?? ''}`, points: label.points, label: label.label, labelAt: { x: label.x, y: label.y } };
    }),
  };
}

/** A smooth path through dagre's bend points. */
function pathThrough(points: Point[]): string {
  if (points.length === 0) return '';
  let d = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const mid = { x: (points[i].x + points[i + 1].x) / 2, y: (points[i].y + points[i + 1].y) / 2 };
    d += ` Q${points[i].x},${points[i].y} ${mid.x},${mid.y}`;
  }
  const last = points[points.length - 1];
  return `${d} L${last.x},${last.y}`;
}

/**
 * The colour of a back-pressure ratio, in Flink's three levels (OK up to 10% of the time,
 * LOW up to 50%, HIGH above) and shaded within each: green, amber, red.
 */
export function backpressureHue(ratio: number): number {
  const r = Math.min(1, Math.max(0, ratio));
  if (r <= 0.1) return Math.round(150 - (r / 0.1) * 25);
  if (r <= 0.5) return Math.round(42 - ((r - 0.1) / 0.4) * 17);
  return Math.round(12 - ((r - 0.5) / 0.5) * 12);
}

export function JobGraph({ plan, vertices, selected, onSelect }: { plan: PlanNode[]; vertices: JobVertex[]; selected?: string; onSelect(id: string): void }): JSX.Element {
  const shapeKey = plan.map((n) => `${n.id}:${(n.inputs ?? []).map((i) => i.id + i.ship_strategy).join(',')}`).join('|');
  // Keyed by the shape: new rates every second must not lay the graph out again.
  const laid = useMemo(() => layoutPlan(plan), [shapeKey]);
  const byId = new Map(vertices.map((v) => [v.id, v]));
  const hasOutput = new Set(plan.flatMap((n) => (n.inputs ?? []).map((i) => i.id)));

  return (
    <div class="dag-wrap" data-testid="job-graph">
      <svg class="dag" viewBox={`0 0 ${laid.width} ${laid.height}`} width={laid.width} height={laid.height} role="img" aria-label="Job graph">
        <defs>
          <marker id="dag-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#94a3b8" />
          </marker>
        </defs>
        {laid.edges.map((e) => (
          <g key={e.key} class="dag-edge" data-testid="dag-edge">
            <path d={pathThrough(e.points)} marker-end="url(#dag-arrow)" />
            <g transform={`translate(${e.labelAt.x},${e.labelAt.y})`}>
              <rect x={-(e.label.length * 7 + 16) / 2} y={-11} width={e.label.length * 7 + 16} height={22} rx={11} />
              <text text-anchor="middle" dy="4">
                {e.label}
              </text>
            </g>
          </g>
        ))}
        {laid.nodes.map((n) => {
          const v = byId.get(n.id);
          const node = plan.find((p) => p.id === n.id)!;
          return (
            // The margin leaves room for the selection outline, which the foreignObject would clip.
            <foreignObject key={n.id} x={n.x - FRAME} y={n.y - FRAME} width={NODE_W + 2 * FRAME} height={NODE_H + 2 * FRAME} class="vertex-frame">
              <VertexBox node={node} vertex={v} isSink={!hasOutput.has(n.id)} selected={selected === n.id} onSelect={onSelect} />
            </foreignObject>
          );
        })}
      </svg>
      <div class="dag-legend">
        <span>Back-pressure</span>
        <span class="legend-swatch" style={{ background: `hsl(${backpressureHue(0)} 70% 45%)` }} /> OK ≤ 10%
        <span class="legend-swatch" style={{ background: `hsl(${backpressureHue(0.3)} 70% 45%)` }} /> Low ≤ 50%
        <span class="legend-swatch" style={{ background: `hsl(${backpressureHue(0.8)} 70% 45%)` }} /> High
        <span class="muted">· click a vertex for its subtasks</span>
      </div>
    </div>
  );
}

function VertexBox({ node, vertex, isSink, selected, onSelect }: { node: PlanNode; vertex?: JobVertex; isSink: boolean; selected: boolean; onSelect(id: string): void }): JSX.Element {
  const ratio = vertex?.rates['backpressure-ratio'] ?? 0;
  const hue = backpressureHue(ratio);
  const name = vertex?.name ?? node.description;
  return (
    <div
      class={`vertex ${selected ? 'vertex-selected' : ''}`}
      style={{ background: `hsl(${hue} 75% 97%)`, borderColor: `hsl(${hue} 55% 62%)`, boxShadow: `inset 4px 0 0 hsl(${hue} 70% 45%)` }}
      onClick={() => onSelect(node.id)}
      title={name}
      data-testid="dag-vertex"
      data-backpressure={vertex?.rates['backpressure-level'] ?? 'ok'}
    >
      <div class="vertex-head">
        <span class="vertex-name">{name}</span>
        <span class="chip chip-small" title="Parallelism">
          P{node.parallelism}
        </span>
      </div>
      <div class="vertex-rates">
        <span>
          <em>In</em> {formatRate(vertex?.rates['read-records-per-second'])}
        </span>
        <span>
          <em>Out</em> {isSink ? '–' : formatRate(vertex?.rates['write-records-per-second'])}
        </span>
      </div>
      <div class="vertex-foot">
        <span class="bp-bar" title={`Back-pressured ${formatPercent(ratio)} of the time`}>
          <span style={{ width: `${Math.min(100, ratio * 100)}%`, background: `hsl(${hue} 70% 45%)` }} />
        </span>
        <span class="small" title="Share of time waiting for downstream (back-pressured)">
          BP {formatPercent(ratio)}
        </span>
        <span class="small muted" title="Share of time processing records">
          Busy {formatPercent(vertex?.rates['busy-ratio'])}
        </span>
        {vertex && <span class={`dot dot-${stateTone(vertex.status)} vertex-status`} title={vertex.status} />}
      </div>
    </div>
  );
}
