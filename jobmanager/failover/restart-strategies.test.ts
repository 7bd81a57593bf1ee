import { describe, it, expect } from 'vitest';
import { defaultRestartStrategyFactory } from './restart-strategy';
import { parseJobConfig } from '../../common/job-config';

/** A job's strategy as the dispatcher makes it: from the graph's config_json. */
const strategyFor = (config: object) => defaultRestartStrategyFactory(parseJobConfig(JSON.stringify(config)));
import { FixedDelayRestartStrategy } from './fixed-delay-restart-strategy';
import { ExponentialDelayRestartStrategy } from './exponential-delay-restart-strategy';
import { FailureRateRestartStrategy } from './failure-rate-restart-strategy';

const at = (timestamp: number) => ({ cause: 'x', timestamp, attempt: 0 });

describe('restart strategies', () => {
  it('defaults: fixed-delay (unlimited, 1 s) with checkpointing, none without', () => {
    const withCp = strategyFor({ checkpoint: { intervalMs: 100, mode: 'exactly-once' } });
    expect(withCp.name).toBe('fixed-delay');
    expect(withCp.onFailure(at(0))).toEqual({ restart: true, delayMs: 1000 });
    expect(strategyFor({}).onFailure(at(0))).toEqual({ restart: false });
  });

  it('fixed-delay gives up after its attempts', () => {
    const s = new FixedDelayRestartStrategy(2, 10);
    expect([s.onFailure(at(0)), s.onFailure(at(1)), s.onFailure(at(2))].map((d) => d.restart)).toEqual([true, true, false]);
  });

  it('exponential-delay doubles up to the maximum and resets after a quiet period', () => {
    const s = new ExponentialDelayRestartStrategy(100, 500, 2, 10_000);
    const delays = [0, 1, 2, 3, 4].map((t) => (s.onFailure(at(t)) as { delayMs: number }).delayMs);
    expect(delays).toEqual([100, 200, 400, 500, 500]);
    expect((s.onFailure(at(20_000)) as { delayMs: number }).delayMs).toBe(100);
  });

  it('failure-rate gives up when too many failures fall within the interval', () => {
    const s = new FailureRateRestartStrategy(2, 1000, 5);
    expect(s.onFailure(at(0)).restart).toBe(true);
    expect(s.onFailure(at(100)).restart).toBe(true);
    expect(s.onFailure(at(200)).restart).toBe(false);
    const t = new FailureRateRestartStrategy(2, 1000, 5);
    t.onFailure(at(0));
    t.onFailure(at(100));
    expect(t.onFailure(at(1500)).restart).toBe(true);
  });

  it('the job chooses its strategy; bad settings are user errors', () => {
    expect(strategyFor({ restartStrategy: { type: 'none' }, checkpoint: { intervalMs: 100, mode: 'exactly-once' } }).name).toBe('none');
    expect(strategyFor({ restartStrategy: { type: 'failure-rate', maxFailures: 1, intervalMs: 10, delayMs: 1 } }).name).toBe('failure-rate');
    expect(() => strategyFor({ restartStrategy: { type: 'fixed-delay', attempts: -1, delayMs: 1 } })).toThrow(/attempts/);
    expect(() => strategyFor({ restartStrategy: { type: 'sometimes' } })).toThrow(/unknown restart strategy "sometimes": use none, fixed-delay/);
  });
});

describe('the default strategy and repeated user errors', () => {
  const failure = (signature: string, domain: 'user' | 'external' | 'internal' = 'user') => ({ cause: signature, signature, domain, timestamp: 0, attempt: 0 });

  it('gives up after 3 identical user errors in a row; other failures in between start the count again', () => {
    const s = strategyFor({ checkpoint: { intervalMs: 100, mode: 'exactly-once' } });
    expect(s.onFailure(failure('RangeError: bad record 700')).restart).toBe(true);
    expect(s.onFailure(failure('RangeError: bad record 700')).restart).toBe(true);
    expect(s.onFailure(failure('TaskManager lost', 'external')).restart).toBe(true);
    expect(s.onFailure(failure('RangeError: bad record 700')).restart).toBe(true);
    expect(s.onFailure(failure('RangeError: bad record 700')).restart).toBe(true);
    expect(s.onFailure(failure('RangeError: bad record 700')).restart).toBe(false);
  });

  it('never gives up on external or internal failures, and a strategy the job sets is followed as it is', () => {
    const s = strategyFor({ checkpoint: { intervalMs: 100, mode: 'exactly-once' } });
    for (let i = 0; i < 10; i++) expect(s.onFailure(failure('TaskManager lost', 'external')).restart).toBe(true);
    const fixed = strategyFor({ checkpoint: { intervalMs: 100, mode: 'exactly-once' }, restartStrategy: { type: 'fixed-delay', attempts: 10, delayMs: 0 } });
    for (let i = 0; i < 10; i++) expect(fixed.onFailure(failure('RangeError: bad record 700')).restart).toBe(true);
    expect(fixed.onFailure(failure('RangeError: bad record 700')).restart).toBe(false);
  });
});
