import { describe, it, expect } from 'vitest';
import { StreamExecutionEnvironment } from '../api/environment';
import { buildJobGraph } from './job-graph-builder';
import { OutputTag } from '../api/output-tag';
import { WatermarkStrategy } from '../api/watermark-strategy';
import { TumblingEventTimeWindows } from '../api/windowing/tumbling-windows';
import { MapStateDescriptor } from '../api/state-descriptors';
import { InvalidGraphError, InvalidArgumentError } from '../common/errors';

describe('JobGraph builder: event time, two inputs, side outputs', () => {
  it('two-input operators get one edge per input with targetInput 0 and 1, and head their vertex', () => {
    const env = new StreamExecutionEnvironment(2);
    const a = env.fromSequence(1, 10);
    const b = env.fromSequence(1, 10).map((x) => x * 2);
    a.connect(b).keyBy((x) => x % 3, (y) => y % 3).process({ processElement1() {}, processElement2() {} }).print();
    const g = buildJobGraph(env, 'j');
    const co = g.vertices.find((v) => v.operators[0].kind === 'co.process.keyed')!;
    const ins = g.edges.filter((e) => e.target === co.id);
    expect(ins.map((e) => [e.targetInput, e.partitioner])).toEqual([[0, 'hash'], [1, 'hash']]);
    expect(ins[0].keySelectorId).not.toBe(ins[1].keySelectorId);
    expect(co.operators.map((o) => o.kind)).toEqual(['co.process.keyed', 'sink.print']);
  });

  it('side outputs become edges with the tag, never chained; the main output still chains', () => {
    const env = new StreamExecutionEnvironment(1);
    const tag = new OutputTag<number>('odd');
    const main = env.fromSequence(1, 10).process({ processElement: (v: number, ctx, out) => (v % 2 ? ctx.output(tag, v) : out.collect(v)) });
    main.print();
    main.getSideOutput(tag).map((x) => -x).print();
    const g = buildJobGraph(env, 'j');
    expect(g.vertices.map((v) => v.operators.map((o) => o.kind))).toEqual([['source.sequence', 'process', 'sink.print'], ['map', 'sink.print']]);
    expect(g.edges.map((e) => [e.partitioner, e.sideOutputTag, e.sourceOperatorId])).toEqual([['forward', 'odd', g.vertices[0].operators[1].id]]);
    const other = new StreamExecutionEnvironment(1);
    const m2 = other.fromSequence(1, 10).process({ processElement: (v: number, ctx, out) => out.collect(v) });
    m2.print();
    m2.getSideOutput(new OutputTag<number>('even')).map((x) => -x).print();
    expect(buildJobGraph(other, 'j').hash).not.toBe(g.hash); // the tag is part of the graph hash
  });

  it('a side output alone is still not chained (its consumer must not see main records)', () => {
    const env = new StreamExecutionEnvironment(1);
    const tag = new OutputTag<number>('x');
    env.fromSequence(1, 2).process({ processElement() {} }).getSideOutput(tag).print();
    const g = buildJobGraph(env, 'j');
    expect(g.vertices).toHaveLength(2);
    expect(g.edges[0].sideOutputTag).toBe('x');
  });

  it('windowAll runs as one task; keyed windows need keyBy; timestamps get the auto-watermark interval', () => {
    const env = new StreamExecutionEnvironment(4);
    env.setAutoWatermarkInterval(50);
    env
      .fromSequence(1, 100)
      .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((n) => n))
      .windowAll(TumblingEventTimeWindows.of(10))
      .sum(0)
      .print();
    const g = buildJobGraph(env, 'j');
    const win = g.vertices.find((v) => v.operators[0].kind === 'window')!;
    expect(win.parallelism).toBe(1);
    expect(g.edges.find((e) => e.target === win.id)!.partitioner).toBe('rebalance');
    expect(JSON.parse(g.vertices[0].operators[1].configJson)).toMatchObject({ kind: 'bounded-out-of-orderness', autoWatermarkIntervalMs: 50 });
    expect(() => env.fromSequence(1, 2).windowAll(TumblingEventTimeWindows.of(1)).sum(0).setParallelism(2)).toThrow(InvalidArgumentError);
  });

  it('broadcast connect: keyed input 0 by hash, rules on input 1 by broadcast', () => {
    const env = new StreamExecutionEnvironment(3);
    const d = new MapStateDescriptor<string, number>('rules');
    env.fromSequence(1, 9).keyBy((x) => x % 2).connect(env.fromElements<[string, number]>(['a', 1]).broadcast(d)).process({ processElement() {}, processBroadcastElement() {} }).print();
    const g = buildJobGraph(env, 'j');
    const op = g.vertices.find((v) => v.operators[0].kind === 'co.broadcast.keyed')!;
    expect(g.edges.filter((e) => e.target === op.id).map((e) => [e.targetInput, e.partitioner])).toEqual([[0, 'hash'], [1, 'broadcast']]);
    expect(JSON.parse(op.operators[0].configJson).descriptors).toEqual(['rules']);
  });

  it('refuses what cannot run: half-keyed connects, keyed windows whose input is not keyed by their key', () => {
    const env = new StreamExecutionEnvironment(1);
    expect(() => env.fromSequence(1, 2).connect(env.fromSequence(1, 2).keyBy((x) => x)).process({ processElement1() {}, processElement2() {} })).toThrow(/key both inputs/);
    const env3 = new StreamExecutionEnvironment(1);
    const w = env3.fromSequence(1, 2).keyBy((x) => x).window(TumblingEventTimeWindows.of(5));
    // a window whose input was swapped for a non-keyed stream: the builder must catch it
    (w as unknown as { input: unknown }).input = env3.fromSequence(1, 2).transformation;
    w.sum(0).print();
    expect(() => buildJobGraph(env3, 'j')).toThrow(InvalidGraphError);
  });
});
