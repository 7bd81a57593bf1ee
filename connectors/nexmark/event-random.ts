/**
 * A counter-based random stream: `reset(seed, index)` hashes the pair into a state, then each
 * draw is one splitmix32 step. Event i's values therefore depend on (seed, i) only, never on
 * which subtask generated the events before it — what makes the generator reproducible at any
 * parallelism (nexmark seeds java.util.SplittableRandom with the event id for the same reason).
 * 32-bit integer arithmetic (Math.imul) keeps every draw free of allocation.
 */
const TWO_POW_32 = 4294967296;

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export class EventRandom {
  private state = 0;

  reset(seed: number, index: number): void {
    const lo = index >>> 0;
    const hi = Math.floor(index / TWO_POW_32) >>> 0;
    this.state = mix32(mix32(lo ^ mix32(seed >>> 0)) ^ mix32(hi + 0x9e3779b9));
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    return mix32(this.state);
  }

  /** Uniform in [0, 1) with 32 bits of resolution (enough for prices and choices). */
  nextDouble(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform integer in [0, bound); `bound` up to 2^53. */
  nextInt(bound: number): number {
    if (bound <= TWO_POW_32) return Math.floor(this.nextDouble() * bound);
    const high = this.nextUint32() * 2097152 + (this.nextUint32() >>> 11); // 53 random bits
    return Math.floor((high / 9007199254740992) * bound);
  }
}
