import { describe, expect, it } from 'vitest';
import { StreamExecutionEnvironment } from '../api/environment';
import { OutputTag } from '../api/output-tag';
import { CollectionSource } from '../api/sources/collection-source';
import { MapStateDescriptor } from '../api/state-descriptors';
import { WatermarkStrategy } from '../api/watermark-strategy';
import { CountEvictor, CountTrigger, PurgingTrigger } from '../api/windowing/triggers';
import { TumblingEventTimeWindows } from '../api/windowing/tumbling-windows';
import { EventTimeSessionWindows } from '../api/windowing/session-windows';
import { InvalidGraphError } from '../common/errors';
import { checkOperatorConfig, OPERATOR_CONFIG_SCHEMAS, parseOperatorConfig, sourceWatermarks } from '../common/operator-config';
import { validateJobGraph } from '../common/job-graph-validation';
import type { JobGraph, OperatorDescriptor } from '../proto/messages';
import { buildJobGraph } from './job-graph-builder';

/** A job with every operator kind whose TaskManager operator reads its config_json. */
function everyConfiguredKind(): JobGraph {
  const env = new StreamExecutionEnvironment(2);
  const strategy = WatermarkStrategy.forBoundedOutOfOrderness<number>(5).withTimestampAssigner((n) => n).withIdleness(1_000);
  const fromSource = env.fromSource(new CollectionSource([1, 2, 3]), strategy, 'numbers').uid('numbers');
  const words = env.socketTextStream('localhost', 9999).uid('socket');
  const numbers = env.fromSequence(1, 100).uid('seq').assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((n) => n)).uid('ts');
  numbers.keyBy((n) => n % 3).sum(0).uid('sum').print().uid('p1');
  numbers.keyBy((n) => n % 3).process({ processElement() {} }).uid('kp').print().uid('p2');
  numbers.connect(fromSource).keyBy((a) => a % 2, (b) => b % 2).process({ processElement1() {}, processElement2() {} }).uid('ckp').print().uid('p3');
  const rules = new MapStateDescriptor<string, number>('rules');
  numbers.connect(words.broadcast(rules)).process({ processElement() {}, processBroadcastElement() {} }).uid('bc').print().uid('p4');
  numbers.keyBy((n) => n % 2).connect(words.broadcast(rules)).process({ processElement() {}, processBroadcastElement() {} }).uid('kbc').print().uid('p5');
  numbers
    .keyBy((n) => n % 4)
    .window(TumblingEventTimeWindows.of(10))
    .trigger(PurgingTrigger.of(CountTrigger.of(3)))
    .evictor(CountEvictor.of(2))
    .allowedLateness(5)
    .sideOutputLateData(new OutputTag<number>('late'))
    .reduce((a, b) => a + b)
    .uid('win')
    .print()
    .uid('p6');
  numbers.join(fromSource).where((a) => a).equalTo((b) => b).window(EventTimeSessionWindows.withGap(7)).apply((a, b) => a + b).uid('jw').print().uid('p7');
  numbers.keyBy((a) => a).intervalJoin(fromSource.keyBy((b) => b)).between(-2, 2).lowerBoundExclusive().process({ processElement() {} }).uid('ij').print().uid('p8');
  return buildJobGraph(env, 'every kind');
}

const operators = (graph: JobGraph): OperatorDescriptor[] => graph.vertices.flatMap((v) => v.operators);

describe('operator config_json: one TypeBox schema per kind (common/operator-config)', () => {
  it('what the graph builder writes for every configured kind parses with its schema', () => {
    const graph = everyConfiguredKind();
    const kinds = new Set(operators(graph).map((o) => o.kind));
    for (const kind of Object.keys(OPERATOR_CONFIG_SCHEMAS)) expect(kinds, `the test job has a ${kind} operator`).toContain(kind);
    for (const op of operators(graph)) expect(() => checkOperatorConfig(op), `${op.kind} ${op.name}`).not.toThrow();
    expect(() => validateJobGraph(graph)).not.toThrow();

    const window = operators(graph).find((o) => o.kind === 'window')!;
    expect(parseOperatorConfig(window, 'window')).toMatchObject({ trigger: { type: 'purging', nested: { type: 'count', count: 3 } }, evictor: { type: 'count', maxCount: 2 }, allowedLatenessMs: 5, lateDataTag: 'late' });
    const source = operators(graph).find((o) => o.kind === 'source.connector')!;
    expect(sourceWatermarks(source)).toMatchObject({ kind: 'bounded-out-of-orderness', outOfOrdernessMs: 5, idlenessMs: 1_000, hasTimestampAssigner: true });
    expect(parseOperatorConfig(operators(graph).find((o) => o.kind === 'source.socket')!, 'source.socket')).toEqual({ host: 'localhost', port: 9999 });
  });

  it('a config that breaks its schema is an INVALID_GRAPH naming the operator, its kind and the setting', () => {
    const graph = everyConfiguredKind();
    const op = (kind: string) => operators(graph).find((o) => o.kind === kind)!;
    const corrupt = (kind: string, change: (c: Record<string, unknown>) => void): OperatorDescriptor => {
      const o = op(kind);
      const c = JSON.parse(o.configJson) as Record<string, unknown>;
      change(c);
      return { ...o, configJson: JSON.stringify(c) };
    };
    const problem = (o: OperatorDescriptor): string => {
      try {
        checkOperatorConfig(o);
      } catch (err) {
        expect(err).toBeInstanceOf(InvalidGraphError);
        return (err as Error).message;
      }
      throw new Error(`${o.kind}: no error`);
    };
    expect(problem(corrupt('window', (c) => ((c.assigner as Record<string, unknown>).size = 'ten')))).toBe(
      `Operator '${op('window').name}' (window) has an invalid configuration: config assigner.size: expected number (got "ten")`,
    );
    expect(problem(corrupt('window', (c) => (c.trigger = { type: 'purging', nested: { type: 'sometimes' } })))).toMatch(/^Operator '.*' \(window\) has an invalid configuration: config trigger/);
    expect(problem(corrupt('keyed.reduce', (c) => (c.aggregation = 'avg')))).toMatch(/\(keyed\.reduce\) has an invalid configuration: config aggregation: expected one of 'reduce', 'sum', 'min', 'max', 'count' \(got "avg"\)$/);
    expect(problem(corrupt('keyed.process', (c) => delete c.keySelectorIds))).toMatch(/\(keyed\.process\) has an invalid configuration: config keySelectorIds: expected required property/);
    expect(problem(corrupt('source.socket', (c) => (c.port = 70_000)))).toMatch(/config port: expected integer to be less or equal to 65535 \(got 70000\)$/);
    expect(problem(corrupt('source.connector', (c) => (c.watermarks = { kind: 'bounded-out-of-orderness' })))).toMatch(/\(source\.connector\) has an invalid configuration: config watermarks\.outOfOrdernessMs: expected required property/);
    expect(problem({ ...op('sink.print'), configJson: '{"x":' })).toBe(`Operator '${op('sink.print').name}' (sink.print) has a configuration that is not valid JSON`);
    expect(problem({ ...op('sink.print'), configJson: '[1]' })).toBe(`Operator '${op('sink.print').name}' (sink.print): its configuration must be a JSON object`);

    // Admission refuses such a graph before it is stored or scheduled; a TaskManager would refuse it the same way.
    const badJoin = corrupt('join.interval', (c) => (c.lowerMs = '-2'));
    const broken = { ...graph, vertices: graph.vertices.map((v) => ({ ...v, operators: v.operators.map((o) => (o.kind === 'join.interval' ? badJoin : o)) })) };
    expect(() => validateJobGraph(broken)).toThrow(/\(join\.interval\) has an invalid configuration: config lowerMs: expected number \(got "-2"\)/);
  });
});
