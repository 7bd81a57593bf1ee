import { EventRandom } from './event-random';

/**
 * Random text as nexmark's StringsGenerator draws it (lower-case letters, a "special"
 * character 1 time in 13, lengths uniform in [3, max)), but cut from fixed pools instead of
 * built a character at a time: one draw for the length and one for the offset give a
 * substring, which V8 shares with the pool. The pools are a pure function of nothing, so
 * event i stays a pure function of (seed, i).
 */
const POOL_SIZE = 1 << 16;

function buildPool(special: string | null): string {
  const random = new EventRandom();
  random.reset(0x6e65786d, special ? special.charCodeAt(0) : 0); // 'nexm'
  const chars: string[] = new Array(POOL_SIZE);
  for (let i = 0; i < POOL_SIZE; i++) {
    chars[i] = special !== null && random.nextInt(13) === 0 ? special : String.fromCharCode(97 + random.nextInt(26));
  }
  return chars.join('');
}

const LETTERS = buildPool(null);
const WITH_SPACES = buildPool(' ');
const WITH_UNDERSCORES = buildPool('_');

function cut(pool: string, random: EventRandom, length: number): string {
  const start = random.nextInt(POOL_SIZE - length);
  return pool.substring(start, start + length);
}

/** Length uniform in [3, maxLength), letters with a space 1 time in 13. */
export function nextString(random: EventRandom, maxLength: number): string {
  return cut(WITH_SPACES, random, 3 + random.nextInt(maxLength - 3));
}

/** Same, with '_' as the special character (url path segments). */
export function nextUrlSegment(random: EventRandom, maxLength: number): string {
  return cut(WITH_UNDERSCORES, random, 3 + random.nextInt(maxLength - 3));
}

export function nextExactString(random: EventRandom, length: number): string {
  return cut(LETTERS, random, length);
}

/**
 * Padding that brings an entity to `desiredAverageSize` bytes on average: uniform within
 * ±20% of what is missing, empty when the entity is already that big.
 */
export function nextExtra(random: EventRandom, currentSize: number, desiredAverageSize: number): string {
  if (currentSize > desiredAverageSize) return '';
  const missing = desiredAverageSize - currentSize;
  const delta = Math.round(missing * 0.2);
  const size = missing - delta + (delta === 0 ? 0 : random.nextInt(2 * delta));
  return nextExactString(random, size);
}
