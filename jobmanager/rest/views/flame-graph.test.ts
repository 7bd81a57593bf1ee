import { describe, expect, it } from 'vitest';
import { flameGraphOf } from './flame-graph';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, scriptId: '0', columnNumber: 0 });

describe('flameGraphOf', () => {
  it("sums each frame's own samples and its callees', merges frames of the same name, widest first", () => {
    const { root, samples } = flameGraphOf({
      nodes: [
        { id: 1, callFrame: frame('(root)'), hitCount: 0, children: [2, 3, 6] },
        { id: 2, callFrame: frame('(idle)'), hitCount: 5 },
        { id: 3, callFrame: frame('processBatch', 'file:///srv/sluice/dist/taskmanager/runtime/stream-task.js', 41), hitCount: 1, children: [4, 5] },
        { id: 4, callFrame: frame('', 'file:///tmp/job-bundle.js', 9), hitCount: 3 },
        { id: 5, callFrame: frame('pack', 'file:///srv/sluice/node_modules/msgpackr/pack.js', 99), hitCount: 2 },
        { id: 6, callFrame: frame('processBatch', 'file:///srv/sluice/dist/taskmanager/runtime/stream-task.js', 41), hitCount: 4 },
      ],
      samples: new Array(15).fill(0),
    });
    expect(samples).toBe(15);
    expect(root).toEqual({
      name: 'root',
      value: 15,
      children: [
        {
          name: 'processBatch (runtime/stream-task.js:42)',
          value: 10,
          children: [
            { name: '(anonymous) (tmp/job-bundle.js:10)', value: 3, children: [] },
            { name: 'pack (msgpackr/pack.js:100)', value: 2, children: [] },
          ],
        },
        { name: '(idle)', value: 5, children: [] },
      ],
    });
  });

  it("with a subtask's turn frame, keeps only the samples under every frame of that name, merged under the root", () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), hitCount: 0, children: [2, 3, 7] },
        { id: 2, callFrame: frame('(idle)'), hitCount: 5 },
        { id: 3, callFrame: frame('processImmediate', 'node:internal/timers', 470), hitCount: 1, children: [4, 6] },
        { id: 4, callFrame: frame('sluice_subtask_a_0'), hitCount: 1, children: [5] },
        { id: 5, callFrame: frame('map', 'file:///tmp/job-bundle.js', 9), hitCount: 3 },
        { id: 6, callFrame: frame('sluice_subtask_b_0'), hitCount: 0, children: [8] },
        { id: 7, callFrame: frame('sluice_subtask_a_0'), hitCount: 0, children: [9] },
        { id: 8, callFrame: frame('pollNext', 'file:///srv/sluice/dist/api/sources/generator-source-reader.js', 97), hitCount: 4 },
        { id: 9, callFrame: frame('map', 'file:///tmp/job-bundle.js', 9), hitCount: 2 },
      ],
      samples: new Array(16).fill(0),
    };
    expect(flameGraphOf(profile, 'sluice_subtask_a_0')).toEqual({
      root: { name: 'root', value: 6, children: [{ name: 'map (tmp/job-bundle.js:10)', value: 5, children: [] }] },
      samples: 6,
    });
    expect(flameGraphOf(profile, 'sluice_subtask_c_0')).toEqual({ root: { name: 'root', value: 0, children: [] }, samples: 0 });
    expect(flameGraphOf(profile).samples).toBe(16);
  });

  it('gives an empty root for an empty profile', () => {
    expect(flameGraphOf({ nodes: [] })).toEqual({ root: { name: 'root', value: 0, children: [] }, samples: 0 });
  });
});
