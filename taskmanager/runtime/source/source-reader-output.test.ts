import { describe, it, expect } from 'vitest';
import { SourceReaderOutput } from './source-reader-output';
import { TimestampRegister } from '../../operators/record-timestamp';
import { WatermarkStrategy } from '../../../api/watermark-strategy';
import type { TimestampsConfig } from '../../operators/timestamps-and-watermarks-operator';

class Head {
  records: Array<[unknown, number]> = [];
  watermarks: number[] = [];
  statuses: boolean[] = [];
  constructor(private readonly register: TimestampRegister) {}
  collect(r: unknown): void {
    this.records.push([r, this.register.value]);
  }
  emitWatermark(ts: number): void {
    this.watermarks.push(ts);
  }
  emitWatermarkStatus(idle: boolean): void {
    this.statuses.push(idle);
  }
}

function output(strategy: WatermarkStrategy<{ t: number }>) {
  const register = new TimestampRegister();
  const head = new Head(register);
  const config: TimestampsConfig = { ...strategy.config, hasTimestampAssigner: strategy.timestampAssigner !== undefined, autoWatermarkIntervalMs: 200 };
  const out = new SourceReaderOutput(head, register, config, strategy as never);
  return { out, head };
}

describe('SourceReaderOutput: per-split watermarks and idleness', () => {
  it("the reader's watermark is the minimum over its active splits, emitted when it advances", () => {
    const { out, head } = output(WatermarkStrategy.forMonotonousTimestamps<{ t: number }>().withTimestampAssigner((e) => e.t));
    const fast = out.createOutputForSplit('fast');
    const slow = out.createOutputForSplit('slow');
    fast.collect({ t: 3000 });
    slow.collect({ t: 1000 });
    expect(head.records.map(([, ts]) => ts)).toEqual([3000, 1000]);
    out.emitPeriodicWatermark();
    expect(head.watermarks).toEqual([999]);
    fast.collect({ t: 4000 });
    out.emitPeriodicWatermark(); // the slow split holds it back
    expect(head.watermarks).toEqual([999]);
    out.releaseOutputForSplit('slow'); // the slow split ended
    out.emitPeriodicWatermark();
    expect(head.watermarks).toEqual([999, 3999]);
  });

  it('an idle split does not hold the watermark back; all splits idle make the reader idle', () => {
    const { out, head } = output(WatermarkStrategy.forMonotonousTimestamps<{ t: number }>().withTimestampAssigner((e) => e.t));
    const a = out.createOutputForSplit('a');
    const b = out.createOutputForSplit('b');
    a.collect({ t: 500 });
    b.collect({ t: 100 });
    b.markIdle();
    out.emitPeriodicWatermark();
    expect(head.watermarks).toEqual([499]);
    a.markIdle();
    out.emitPeriodicWatermark();
    expect(head.statuses).toEqual([true]);
    a.collect({ t: 600 }); // a record makes the split and the reader active again
    expect(head.statuses).toEqual([true, false]);
  });

  it("without a strategy records keep the reader's timestamps; markIdle goes downstream once", () => {
    const register = new TimestampRegister();
    const head = new Head(register);
    const out = new SourceReaderOutput(head, register, undefined, undefined);
    out.collect('x', 42);
    out.markIdle();
    out.markIdle();
    out.markActive();
    out.end(Number.MAX_SAFE_INTEGER);
    expect(head.records).toEqual([['x', 42]]);
    expect(head.statuses).toEqual([true, false]);
    expect(head.watermarks).toEqual([Number.MAX_SAFE_INTEGER]);
  });
});
