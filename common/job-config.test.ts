import { describe, expect, it } from 'vitest';
import { checkRestartStrategy, defaultJobConfig, parseJobConfig } from './job-config';
import { InvalidArgumentError, InvalidGraphError } from './errors';

describe('parseJobConfig', () => {
  it('fills in the defaults of an empty configuration', () => {
    expect(parseJobConfig('')).toEqual({ bufferTimeoutMs: 100 });
    expect(parseJobConfig('{}')).toEqual(defaultJobConfig());
  });

  it('reads what the environment writes', () => {
    const config = {
      bufferTimeoutMs: 5,
      checkpoint: { intervalMs: 1000, mode: 'at-least-once', timeoutMs: 60_000, retained: 3, storage: 'redis://127.0.0.1:6379/0' },
      restartStrategy: { type: 'exponential-delay', initialDelayMs: 10, maxDelayMs: 1000, multiplier: 1.5 },
    };
    expect(parseJobConfig(JSON.stringify(config))).toEqual(config);
  });

  it('refuses a malformed configuration with one error naming the setting', () => {
    const bad = (config: unknown) => () => parseJobConfig(JSON.stringify(config));
    expect(() => parseJobConfig('{not json')).toThrow(InvalidGraphError);
    expect(bad({ checkpoint: { intervalMs: 5, mode: 'exactly-once' } })).toThrow(/^Invalid job configuration: checkpoint\.intervalMs: expected integer to be greater or equal to 10 \(got 5\)$/);
    expect(bad({ checkpoint: { intervalMs: 100, mode: 'twice' } })).toThrow(/checkpoint\.mode: expected one of 'exactly-once', 'at-least-once' \(got "twice"\)/);
    expect(bad({ checkpoint: { intervalMs: 100, mode: 'exactly-once', retained: 0 } })).toThrow(/checkpoint\.retained/);
    expect(bad({ bufferTimeoutMs: -1 })).toThrow(/bufferTimeoutMs/);
    expect(bad({ checkpointing: true })).toThrow(/checkpointing: unexpected property/i);
    expect(bad({ restartStrategy: { type: 'fixed-delay', attempts: 1.5, delayMs: 0 } })).toThrow(/restart strategy 'fixed-delay' attempts/);
    expect(bad({ restartStrategy: { type: 'fixed-delay', attempts: 1 } })).toThrow(/delayMs/);
    expect(bad({ restartStrategy: 'none' })).toThrow(/unknown restart strategy undefined: use none, fixed-delay, exponential-delay, failure-rate/);
  });
});

describe('checkRestartStrategy', () => {
  it('reports a bad strategy where the API call was made', () => {
    expect(checkRestartStrategy({ type: 'none' }, 'setRestartStrategy')).toEqual({ type: 'none' });
    expect(() => checkRestartStrategy({ type: 'failure-rate', maxFailures: 1, intervalMs: 10 }, 'setRestartStrategy')).toThrow(InvalidArgumentError);
    expect(() => checkRestartStrategy({ type: 'failure-rate', maxFailures: 1, intervalMs: 10 }, 'setRestartStrategy')).toThrow(/^setRestartStrategy: restart strategy 'failure-rate' delayMs/);
  });
});
