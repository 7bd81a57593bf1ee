import { describe, expect, it } from 'vitest';
import { LogTail } from './log-tail';

describe('LogTail', () => {
  it('keeps everything while under its bound', () => {
    const t = new LogTail(100);
    t.append('one\n');
    t.append('two\n');
    expect(t.text()).toEqual({ text: 'one\ntwo\n', truncated: false });
  });

  it('drops the oldest output beyond its bound and starts at a whole line', () => {
    const t = new LogTail(20);
    for (let i = 0; i < 10; i++) t.append(`line ${i}\n`);
    const { text, truncated } = t.text();
    expect(truncated).toBe(true);
    expect(text.length).toBeLessThanOrEqual(20);
    expect(text).toMatch(/^line \d\n/);
    expect(text.endsWith('line 9\n')).toBe(true);
  });

  it('reads a smaller tail on request', () => {
    const t = new LogTail(1_000);
    t.append('first line\nsecond line\nthird\n');
    expect(t.text(12)).toEqual({ text: 'third\n', truncated: true });
  });
});

describe('LogTail under a stream of small writes', () => {
  it('keeps the newest lines within its bound however many were written', () => {
    const t = new LogTail(1_000);
    for (let i = 0; i < 50_000; i++) t.append(`line ${i}\n`);
    const { text, truncated } = t.text();
    expect(truncated).toBe(true);
    expect(t.size).toBeLessThanOrEqual(1_000);
    expect(text.endsWith('line 49999\n')).toBe(true);
    expect(text.split('\n').filter(Boolean).every((l, i, all) => i === 0 || Number(l.slice(5)) === Number(all[i - 1].slice(5)) + 1)).toBe(true);
  });
});
