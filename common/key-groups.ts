/**
 * Keys hash to key groups in [0, maxParallelism); subtask i of p owns a contiguous range.
 * Same arithmetic as Flink's KeyGroupRangeAssignment, so rescaling moves whole key groups.
 */

export const DEFAULT_MAX_PARALLELISM = 128;

/** murmur3 32-bit finalizer-based hash over a string's UTF-16 code units. */
function hashString(s: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    let k = s.charCodeAt(i);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix(h ^ s.length);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** hashKey of a number n with (n | 0) === n (a 32-bit integer; -0 hashes as 0, as hashKey does). */
export function hashInt32(n: number): number {
  return fmix(n | 0);
}

/** A deterministic hash of a key: strings, numbers, booleans, and arrays/objects of them. */
export function hashKey(key: unknown): number {
  switch (typeof key) {
    case 'string':
      return hashString(key);
    case 'number':
      return Number.isInteger(key) && key >= -0x80000000 && key <= 0x7fffffff ? fmix(key | 0) : hashString(String(key));
    case 'boolean':
      return key ? 1231 : 1237;
    case 'bigint':
      return hashString(key.toString());
    default:
      if (key === null || key === undefined) return 0;
      // Composite keys (tuples, objects) hash by their canonical JSON: keys must be plain data.
      return hashString(JSON.stringify(key));
  }
}

export function keyGroupForKey(key: unknown, maxParallelism: number): number {
  return hashKey(key) % maxParallelism;
}

export function operatorIndexForKeyGroup(maxParallelism: number, parallelism: number, keyGroup: number): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

export interface KeyGroupRange {
  /** inclusive */
  readonly start: number;
  /** inclusive; end < start means empty */
  readonly end: number;
}

export function keyGroupRangeForSubtask(maxParallelism: number, parallelism: number, index: number): KeyGroupRange {
  const start = Math.floor((index * maxParallelism + parallelism - 1) / parallelism);
  const end = Math.floor(((index + 1) * maxParallelism - 1) / parallelism);
  return { start, end };
}

export function validateParallelism(parallelism: number, maxParallelism: number): string | undefined {
  if (!Number.isInteger(parallelism) || parallelism < 1) return `parallelism must be a positive integer, got ${parallelism}`;
  if (!Number.isInteger(maxParallelism) || maxParallelism < 1 || maxParallelism > 32768)
    return `maxParallelism must be an integer in [1, 32768], got ${maxParallelism}`;
  if (parallelism > maxParallelism) return `parallelism ${parallelism} exceeds maxParallelism ${maxParallelism}`;
  return undefined;
}
