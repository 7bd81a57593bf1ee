import { Type, type Static } from '@sinclair/typebox';

/** One frame of Flink's flame graph: `value` is the samples in it and everything it called. */
export interface FlameNode {
  name: string;
  value: number;
  children: FlameNode[];
}

/**
 * The tree is typed, not described recursively in JSON schema: fastify's serializer would
 * compile a recursive schema per level; an open object is written with JSON.stringify.
 */
const FlameNodeSchema = Type.Unsafe<FlameNode>({ type: 'object', required: ['name', 'value', 'children'], additionalProperties: true });

/** Flink's `GET .../flamegraph` answer, plus what was sampled (Sluice). */
export const FlameGraphSchema = Type.Object({
  endTimestamp: Type.Integer(),
  data: FlameNodeSchema,
  /** Sluice: the sampled thread is the slot's worker, which runs every subtask sharing the slot. */
  taskmanager: Type.String(),
  /** Sluice: `subtask`: only the samples in this subtask's own turns; `slot`: the whole thread. */
  scope: Type.Union([Type.Literal('subtask'), Type.Literal('slot')]),
  /** Sluice: samples of the whole slot thread (with scope subtask, `samples` counts the subtask's only). */
  'slot-samples': Type.Integer(),
  slot: Type.Integer(),
  'start-time': Type.Integer(),
  'sampling-interval-us': Type.Integer(),
  samples: Type.Integer(),
});
export type FlameGraph = Static<typeof FlameGraphSchema>;

/** The part of V8's `.cpuprofile` a flame graph needs. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }>;
  samples?: number[];
}

/**
 * Turns a V8 CPU profile (a call tree with the samples that hit each node) into Flink's
 * flame graph tree. Frames are named `function (file:line)`; children are merged by name, so
 * a function reached through the same path twice is one frame. Names of the file are cut to
 * what follows the last `node_modules/` or the job's bundle, which is what a reader needs.
 */
export function flameGraphOf(profile: CpuProfile, onlyUnder?: string): { root: FlameNode; samples: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const childIds = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  const rootNode = profile.nodes.find((n) => !childIds.has(n.id));
  const build = (id: number): FlameNode => {
    const n = byId.get(id)!;
    const merged = new Map<string, FlameNode>();
    for (const c of n.children ?? []) {
      const child = build(c);
      const same = merged.get(child.name);
      if (same) mergeInto(same, child);
      else merged.set(child.name, child);
    }
    const children = [...merged.values()].sort((a, b) => b.value - a.value);
    return { name: frameName(n.callFrame), value: (n.hitCount ?? 0) + children.reduce((s, c) => s + c.value, 0), children };
  };
  if (onlyUnder !== undefined) {
    // The subtask's own turns: every frame named `onlyUnder`, wherever it was entered, merged
    // under one root; a frame of that name inside another's turn cannot happen (one turn at a time).
    const root: FlameNode = { name: 'root', value: 0, children: [] };
    for (const n of profile.nodes) if (n.callFrame.functionName === onlyUnder) mergeInto(root, { ...build(n.id), name: 'root' });
    return { root, samples: root.value };
  }
  const root = rootNode ? build(rootNode.id) : { name: 'root', value: 0, children: [] };
  root.name = 'root';
  return { root, samples: profile.samples?.length ?? root.value };
}

function mergeInto(into: FlameNode, other: FlameNode): void {
  into.value += other.value;
  for (const c of other.children) {
    const same = into.children.find((x) => x.name === c.name);
    if (same) mergeInto(same, c);
    else into.children.push(c);
  }
  into.children.sort((a, b) => b.value - a.value);
}

function frameName(f: { functionName: string; url: string; lineNumber: number }): string {
  const fn = f.functionName || '(anonymous)';
  if (!f.url) return fn;
  const url = f.url.replace(/^file:\/\//, '');
  const cut = url.includes('node_modules/') ? url.slice(url.lastIndexOf('node_modules/') + 'node_modules/'.length) : url.split('/').slice(-2).join('/');
  return `${fn} (${cut}:${f.lineNumber + 1})`;
}
