import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNACCOUNTED_FROM, unaccountedBuffer, unaccountedFloat64Array, unaccountedUint8Array } from './unaccounted-memory';

/**
 * Full GCs a separate Node (on the build: npm test builds first) runs while it allocates six
 * 80 MB arrays with `allocate` and keeps them, over a heap of 200k small objects.
 */
function fullGcsWhileAllocating(allocate: string): string[] {
  const built = path.resolve(__dirname, '..', 'dist', 'common', 'unaccounted-memory.js');
  const script = [
    `const m = require(${JSON.stringify(built)});`,
    'const heap = []; for (let i = 0; i < 200000; i++) heap.push({ i, s: "x" + i });',
    'const kept = [];',
    `for (let i = 0; i < 6; i++) { const b = ${allocate}; b[0] = 1; kept.push(b); }`,
    'process.stdout.write("kept " + kept.length + "\\n");',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--trace-gc', '-e', script], { encoding: 'utf8', cwd: path.dirname(built) });
  expect(out).toMatch(/kept 6/);
  return out.split('\n').filter((l) => l.includes('Mark-Compact'));
}

describe('memory outside V8\'s external memory accounting', () => {
  it('backs large buffers and arrays with shared memory, small ones as usual', () => {
    for (const big of [unaccountedBuffer(UNACCOUNTED_FROM), unaccountedFloat64Array(UNACCOUNTED_FROM / 8), unaccountedUint8Array(UNACCOUNTED_FROM)]) {
      expect(big.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(big.byteLength).toBe(UNACCOUNTED_FROM);
    }
    expect(unaccountedBuffer(UNACCOUNTED_FROM)).toBeInstanceOf(Buffer);
    for (const small of [unaccountedBuffer(100), unaccountedFloat64Array(10), unaccountedUint8Array(100)]) expect(small.buffer).toBeInstanceOf(ArrayBuffer);
    expect(Array.from(unaccountedFloat64Array(UNACCOUNTED_FROM / 8).subarray(0, 4))).toEqual([0, 0, 0, 0]);
  });

  it('does not make V8 collect the whole heap as it is allocated, where ordinary buffers do', () => {
    // The control: the same allocations as ordinary buffers start full GCs ("external memory
    // pressure"), which is what a growing snapshot did at every checkpoint.
    expect(fullGcsWhileAllocating('Buffer.allocUnsafe(80 << 20)').length).toBeGreaterThan(0);
    expect(fullGcsWhileAllocating('m.unaccountedBuffer(80 << 20)')).toEqual([]);
    expect(fullGcsWhileAllocating('m.unaccountedFloat64Array(10 << 20)')).toEqual([]);
  });
});
