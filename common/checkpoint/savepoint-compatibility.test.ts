import { describe, it, expect } from 'vitest';
import { checkSavepointCompatibility, assertRestorable } from './savepoint-compatibility';
import type { OperatorStateSummary, SavepointContents } from './savepoint-reader';
import type { VertexStateMetadata } from './checkpoint-metadata';
import type { JobGraph, JobVertex } from '../../proto/messages';

/** Plain data as readSavepoint returns it; the e2e dry-run tests read real savepoints. */
function savepoint(vertices: Array<{ id: string; p: number; mp: number; ops: Array<{ uid: string; kind: string; keyed?: Record<string, number>; kinds?: Record<string, string>; list?: Record<string, number> }> }>): SavepointContents {
  const operators = new Map<string, OperatorStateSummary>();
  const metas: VertexStateMetadata[] = vertices.map((v) => ({
    vertexId: v.id,
    name: v.ops.map((o) => o.uid).join(' -> '),
    parallelism: v.p,
    maxParallelism: v.mp,
    operatorUids: v.ops.map((o) => o.uid),
    operatorKinds: v.ops.map((o) => o.kind),
    handles: [],
  }));
  vertices.forEach((v, i) => {
    for (const o of v.ops)
      operators.set(o.uid, { uid: o.uid, vertex: metas[i], operatorKind: o.kind, keyed: !!o.keyed, keyedStates: o.keyed ?? {}, listEntries: o.list ?? {}, stateKinds: o.kinds ?? {}, bytes: 1 });
  });
  return { externalPath: 'file:///sp/_metadata', checkpointId: 3, timestamp: 0, isSavepoint: true, vertices: metas, operators, totalBytes: 1, sourceEnumerators: undefined };
}

function graph(vertices: Array<{ id: string; p: number; mp: number; ops: Array<{ uid: string; kind: string }> }>): JobGraph {
  const vs: JobVertex[] = vertices.map((v) => ({
    id: v.id,
    name: v.ops.map((o) => o.uid).join(' -> '),
    parallelism: v.p,
    maxParallelism: v.mp,
    operators: v.ops.map((o, i) => ({ id: i, kind: o.kind, name: o.uid, uid: o.uid, userUid: true, configJson: '{}' })),
  }));
  return { name: 'j', vertices: vs, edges: [], configJson: '{}', hash: 'h' };
}

const SP = savepoint([
  { id: 'a', p: 2, mp: 128, ops: [{ uid: 'source', kind: 'source.datagen', list: { splits: 2 } }] },
  { id: 'b', p: 2, mp: 128, ops: [{ uid: 'counter', kind: 'keyed.process', keyed: { count: 10, $timers: 3 }, kinds: { count: 'value' } }, { uid: 'sink', kind: 'sink.file', list: { pending: 0 } }] },
]);

describe('checkSavepointCompatibility', () => {
  it('maps state by uid at another parallelism and another chaining', () => {
    const g = graph([{ id: 'x', p: 3, mp: 128, ops: [{ uid: 'source', kind: 'source.datagen' }, { uid: 'counter', kind: 'keyed.process' }, { uid: 'sink', kind: 'sink.file' }, { uid: 'extra', kind: 'map' }] }]);
    const c = checkSavepointCompatibility(g, SP, '/sp', false);
    expect(c.problems).toEqual([]);
    expect(c.operators.map((o) => [o.uid, o.outcome])).toEqual([['source', 'restored'], ['counter', 'restored'], ['sink', 'new'], ['extra', 'new']]);
    // the one chain takes state from both old chains
    expect(c.sources.get('x')?.map((v) => v.vertexId)).toEqual(['a', 'b']);
    expect(() => assertRestorable(c)).not.toThrow();
  });

  it('state of a uid the job lacks is dropped: refused, unless allowed; empty state is not', () => {
    const g = graph([{ id: 'x', p: 2, mp: 128, ops: [{ uid: 'source', kind: 'source.datagen' }] }]);
    const refused = checkSavepointCompatibility(g, SP, '/sp', false);
    expect(refused.dropped).toEqual(['counter']); // 'sink' holds no entries
    expect(refused.problems).toEqual([expect.stringMatching(/^Savepoint \/sp holds state of operator\(s\) 'counter' that the job does not have.*\(-n\)\.$/)]);
    expect(() => assertRestorable(refused)).toThrow(/'counter'/);
    expect(checkSavepointCompatibility(g, SP, '/sp', true).problems).toEqual([]);
  });

  it('maxParallelism may change for operator state, never for keyed state', () => {
    const g = graph([{ id: 'x', p: 2, mp: 64, ops: [{ uid: 'source', kind: 'source.datagen' }, { uid: 'counter', kind: 'keyed.process' }] }]);
    const c = checkSavepointCompatibility(g, SP, '/sp', false);
    expect(c.operators.map((o) => [o.uid, o.outcome])).toEqual([['source', 'restored'], ['counter', 'max-parallelism-changed']]);
    expect(c.problems).toEqual([expect.stringMatching(/^Operator 'counter' has keyed state written with maxParallelism 128, but the job gives it maxParallelism 64.*setMaxParallelism\(128\)\.$/)]);
  });

  it('compares declared state descriptors by name and kind; Sluice-internal $ states are not compared', () => {
    const g = graph([{ id: 'x', p: 2, mp: 128, ops: [{ uid: 'counter', kind: 'keyed.process' }] }]);
    const same = checkSavepointCompatibility(g, SP, '/sp', true, { counter: [{ name: 'count', kind: 'value' }, { name: 'seen', kind: 'map' }] });
    expect(same.problems).toEqual([]);
    expect(same.operators[0].states).toEqual([
      { name: 'count', saved: 'value', declared: 'value', verdict: 'same' },
      { name: 'seen', declared: 'map', verdict: 'new' },
    ]);
    const changed = checkSavepointCompatibility(g, SP, '/sp', true, { counter: [{ name: 'count', kind: 'list' }] });
    expect(changed.operators[0].outcome).toBe('state-kind-changed');
    expect(changed.problems).toEqual([expect.stringMatching(/^Operator 'counter': state 'count' is a value state in the savepoint, but the job declares it as a list state\./)]);
    const renamed = checkSavepointCompatibility(g, SP, '/sp', true, { counter: [{ name: 'total', kind: 'value' }] });
    expect(renamed.problems).toEqual([]);
    expect(renamed.operators[0].states).toContainEqual({ name: 'count', saved: 'value', verdict: 'not-declared' });
    // without declarations (the JobManager's case) nothing is compared
    expect(checkSavepointCompatibility(g, SP, '/sp', true).operators[0].states).toBeUndefined();
  });

  it('a state kind the savepoint did not record is not a change; a uid on another kind of operator is pointed out', () => {
    const old = savepoint([{ id: 'b', p: 1, mp: 128, ops: [{ uid: 'counter', kind: 'keyed.reduce', keyed: { count: 4 } }] }]);
    const g = graph([{ id: 'x', p: 1, mp: 128, ops: [{ uid: 'counter', kind: 'keyed.process' }] }]);
    const c = checkSavepointCompatibility(g, old, '/sp', false, { counter: [{ name: 'count', kind: 'map' }] });
    expect(c.problems).toEqual([]);
    expect(c.operators[0]).toMatchObject({ outcome: 'restored', operatorKindChanged: ['keyed.reduce', 'keyed.process'], states: [{ name: 'count', saved: '', declared: 'map', verdict: 'same' }] });
  });
});
