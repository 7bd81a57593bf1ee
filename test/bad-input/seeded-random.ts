/**
 * A small seeded generator (mulberry32) for the fuzz tests: the same seed gives the same
 * inputs, so a failure is reproduced by its seed (printed in the test name).
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }

  string(maxLength: number): string {
    const alphabet = 'abcXYZ019-_/.:%\u0000\u00e9\u{1F600}"\\{}[] ';
    const chars = [...alphabet];
    let s = '';
    for (let i = this.int(maxLength + 1); i > 0; i--) s += this.pick(chars);
    return s;
  }

  /** A JSON-like value, nested up to `depth`. */
  value(depth = 3): unknown {
    const kind = this.int(depth > 0 ? 9 : 6);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return this.next() < 0.5;
      case 2:
        return this.pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), Number.MAX_SAFE_INTEGER, 1e308, 32768, 32769]);
      case 3:
        return this.int(100);
      case 4:
        return this.string(20);
      case 5:
        return '';
      case 6:
        return Array.from({ length: this.int(4) }, () => this.value(depth - 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = this.int(4); i > 0; i--) o[this.string(12)] = this.value(depth - 1);
        return o;
      }
    }
  }
}
