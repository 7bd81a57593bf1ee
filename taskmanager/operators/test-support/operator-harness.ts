import type { OperatorContext, OperatorListState, Output, StreamOperator } from '../operator';
import { TimestampRegister, NO_TIMESTAMP } from '../record-timestamp';
import { createOperator } from '../operator-factory';
import { ManualProcessingTimeService } from '../../runtime/timer-service-manual-time';
import { KeyedStateBackend, type KeyedStateSnapshot } from '../../state/keyed-state-backend';
import { StreamExecutionEnvironment } from '../../../api/environment';
import { buildJobGraph } from '../../../job/job-graph-builder';
import type { OperatorDescriptor } from '../../../proto/messages';
import { encodeValue, decodeValue } from '../../../common/record-codec';

/** Everything an operator emitted, in order, with the timestamp each record carried. */
export class CollectingOutput implements Output {
  readonly records: Array<{ value: unknown; timestamp: number | null }> = [];
  readonly side = new Map<string, Array<{ value: unknown; timestamp: number | null }>>();
  readonly watermarks: number[] = [];
  readonly statuses: boolean[] = [];

  constructor(private readonly register: TimestampRegister) {}

  collect(record: unknown): void {
    this.records.push({ value: record, timestamp: this.ts() });
  }
  collectSide(tag: string, record: unknown): void {
    let list = this.side.get(tag);
    if (!list) this.side.set(tag, (list = []));
    list.push({ value: record, timestamp: this.ts() });
  }
  emitWatermark(timestamp: number): void {
    this.watermarks.push(timestamp);
  }
  emitWatermarkStatus(idle: boolean): void {
    this.statuses.push(idle);
  }
  values(): unknown[] {
    return this.records.map((r) => r.value);
  }
  sideValues(tag: string): unknown[] {
    return (this.side.get(tag) ?? []).map((r) => r.value);
  }
  clear(): void {
    this.records.length = 0;
    this.side.clear();
    this.watermarks.length = 0;
  }
  private ts(): number | null {
    return this.register.value === NO_TIMESTAMP ? null : this.register.value;
  }
}

export interface HarnessOptions {
  parallelism?: number;
  subtask?: number;
  maxParallelism?: number;
  keyed?: readonly KeyedStateSnapshot[];
  list?: OperatorListState;
  startTime?: number;
}

export interface TestContextOptions extends Omit<HarnessOptions, 'startTime'> {
  attempt?: number;
  jobId?: string;
  operatorName?: string;
  userFunction?: (id: number) => unknown;
  timestamps?: TimestampRegister;
  processingTimeService?: ManualProcessingTimeService;
}

/**
 * A real OperatorContext for running one operator outside a task: its keyed backend is made
 * on first use (restored from `keyed`), its list state is `list`.
 */
export function operatorTestContext(o: TestContextOptions = {}): OperatorContext & { readonly backend: KeyedStateBackend | undefined } {
  let backend: KeyedStateBackend | undefined;
  const maxParallelism = o.maxParallelism ?? 128;
  const parallelism = o.parallelism ?? 1;
  const subtask = o.subtask ?? 0;
  return {
    jobId: o.jobId ?? 'ab'.repeat(16),
    attempt: o.attempt ?? 0,
    vertexId: 'vertex',
    operatorName: o.operatorName ?? 'op',
    operatorUid: 'uid',
    subtaskIndex: subtask,
    parallelism,
    maxParallelism,
    userFunction: o.userFunction ?? (() => undefined),
    keyedStateBackend: () => {
      if (!backend) {
        backend = new KeyedStateBackend(maxParallelism, parallelism, subtask);
        backend.restore(o.keyed ?? []);
      }
      return backend;
    },
    get backend() {
      return backend;
    },
    restoredOperatorState: () => o.list,
    timestamps: o.timestamps,
    processingTimeService: o.processingTimeService,
  };
}

/**
 * Runs one operator in-process the way a task does (context, keyed backend, timestamp
 * register) with a hand-driven clock, so operator tests need no cluster and no sleeps.
 * `fromJob` builds a pipeline with the public API and takes the operator of a given kind from
 * the real JobGraph, bound to the real user functions.
 */
export class OperatorHarness {
  readonly clock: ManualProcessingTimeService;
  readonly register = new TimestampRegister();
  readonly out = new CollectingOutput(this.register);
  private context: ReturnType<typeof operatorTestContext> | undefined;

  constructor(
    readonly operator: StreamOperator,
    private readonly userFunction: (id: number) => unknown,
    private readonly opts: HarnessOptions = {},
  ) {
    this.clock = new ManualProcessingTimeService(opts.startTime ?? 0);
    operator.output = this.out;
  }

  static fromJob(build: (env: StreamExecutionEnvironment) => void, kind: string, opts: HarnessOptions = {}): OperatorHarness {
    const env = new StreamExecutionEnvironment(1);
    build(env);
    const graph = buildJobGraph(env, 'test');
    const op = graph.vertices.flatMap((v) => v.operators).find((o: OperatorDescriptor) => o.kind === kind);
    if (!op) throw new Error(`no operator of kind ${kind} in ${graph.vertices.map((v) => v.name).join(', ')}`);
    const fnOf = (id: number) => env.transformations[id].fn;
    const harness = new OperatorHarness(createOperator(op, fnOf(op.id)), fnOf, opts);
    return harness;
  }

  async open(): Promise<this> {
    this.context = operatorTestContext({ ...this.opts, operatorName: this.operator.name, userFunction: this.userFunction, timestamps: this.register, processingTimeService: this.clock });
    await this.operator.open(this.context);
    return this;
  }

  /** A record on input 1 with an optional event timestamp. */
  element(value: unknown, timestamp?: number): void {
    this.register.value = timestamp ?? NO_TIMESTAMP;
    this.operator.collect(value);
  }

  /** A record on input 2 (two-input operators). */
  element2(value: unknown, timestamp?: number): void {
    this.register.value = timestamp ?? NO_TIMESTAMP;
    this.operator.input2!.collect(value);
  }

  watermark(timestamp: number): void {
    this.operator.processWatermark(timestamp);
  }

  /** The input became idle (true) or active (false), e.g. a source reader without splits. */
  watermarkStatus(idle: boolean): void {
    this.operator.emitWatermarkStatus?.(idle);
  }

  advanceTimeTo(time: number): void {
    this.clock.advanceTo(time);
  }

  async endInput(): Promise<void> {
    await this.operator.endInput();
  }

  /** The keyed state and list state a checkpoint would take now. */
  snapshot(): { keyed: KeyedStateSnapshot | undefined; list: OperatorListState | undefined } {
    const list = this.operator.snapshotState?.(1);
    if (list && typeof (list as Promise<unknown>).then === 'function') throw new Error('this operator snapshots asynchronously (a sink): test it directly');
    return { keyed: this.keyedBackend?.snapshot(), list: list as OperatorListState | undefined };
  }

  /** Entries in the keyed backend (all tables: contents, timers, TTL stamps). */
  get stateSize(): number {
    return this.keyedBackend?.size ?? 0;
  }

  get keyedBackend(): KeyedStateBackend | undefined {
    return this.context?.backend;
  }

  async close(): Promise<void> {
    await this.operator.close();
  }
}

/** A snapshot as it survives a checkpoint: through msgpack, as the task encodes it. */
export function roundTrip<T>(value: T): T {
  return decodeValue<T>(encodeValue(value));
}
