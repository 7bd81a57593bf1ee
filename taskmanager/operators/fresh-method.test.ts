import { describe, expect, it } from 'vitest';
import { freshMethod } from './fresh-method';

class Doubler {
  constructor(readonly fn: (v: number) => number) {}
  apply(v: number): number {
    return this.fn(v) * 2;
  }
}

describe('freshMethod', () => {
  it('gives each call a distinct copy that behaves as the method', () => {
    const a = freshMethod(Doubler.prototype.apply, __filename);
    const b = freshMethod(Doubler.prototype.apply, __filename);
    expect(a).not.toBe(b);
    expect(a).not.toBe(Doubler.prototype.apply);
    expect(a.call(new Doubler((v) => v + 1), 2)).toBe(6);
    expect(b.call(new Doubler((v) => v * 10), 2)).toBe(40);
  });

  it('keeps user errors and their frames', () => {
    const copy = freshMethod(Doubler.prototype.apply, __filename);
    const boom = new Doubler(() => {
      throw new RangeError('boom');
    });
    expect(() => copy.call(boom, 1)).toThrow(RangeError);
  });

  it('names the copy after the module it came from, in stacks and profiles', () => {
    const copy = freshMethod(Doubler.prototype.apply, __filename);
    const err = (() => {
      try {
        copy.call(new Doubler(() => { throw new Error('where'); }), 1);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.stack).toMatch(/at \S*apply .*fresh-method\.test\.ts#task-copy:\d+/);
  });
});
