import { AbstractOperator, type OperatorContext, type Output } from '../operator';
import { TimestampRegister, NO_TIMESTAMP as NO_TIMESTAMP_EXPORT, MAX_WATERMARK as MAX_WATERMARK_EXPORT } from '../record-timestamp';
import { processingTimeServiceOf } from '../processing-time-of';
import { InternalTimerService, type TimerTarget } from '../../runtime/timer-service';
import type { ProcessingTimeService } from '../../runtime/timer-service-processing-time';
import type { KeyedStateBackend } from '../../state/keyed-state-backend';
import { NamespacedStateTable } from '../../state/namespaced-state-table';
import type { WindowFunctions, WindowOperatorConfig } from '../../../api/windowed-stream';
import type { JoinFunction, ProcessWindowContext } from '../../../api/process-functions';
import type { OutputTag } from '../../../api/output-tag';
import type { WindowAssigner } from '../../../api/windowing/window-assigner';
import { windowAssignerFromConfig } from '../../../api/windowing/window-assigner-from-config';
import { TimeWindow } from '../../../api/windowing/time-window';
import { createTrigger, FIRE as FIRE_EXPORT, PURGE as PURGE_EXPORT, type RuntimeTrigger, type TriggerContext } from './window-triggers';
import { AggregatingContents, FieldAggregateContents, JoinContents, ListContents, ReducingContents, type WindowContents } from './window-contents';
import { WindowEmitter } from './window-emitter';
import { SessionWindowSet } from './session-window-set';
import { SlidingPanes, usesPanes, type PaneHost } from './sliding-panes';
import { SluiceError } from '../../../common/errors';
import { Logger } from '../../../common/logger';

const log = new Logger('operators/window');

// Module-local copies: the CommonJS build reads imported bindings through getters, which
// costs more than the rest of a per-element path.
const NO_TIMESTAMP = NO_TIMESTAMP_EXPORT;
const MAX_WATERMARK = MAX_WATERMARK_EXPORT;
const FIRE = FIRE_EXPORT;
const PURGE = PURGE_EXPORT;

type KeySelector = (v: unknown) => unknown;

/** What window functions see as ctx: one object per operator, its window set per firing. */
class WindowProcessContext implements ProcessWindowContext {
  window = new TimeWindow(0, 0);
  constructor(private readonly op: WindowOperator) {}
  currentWatermark(): number {
    return this.op.currentWatermark;
  }
  currentProcessingTime(): number {
    return this.op.currentProcessingTime();
  }
  output<X>(tag: OutputTag<X>, value: X): void {
    this.op.output.collectSide?.(tag.id, value);
  }
}

/**
 * The window operator (Flink's WindowOperator) for keyed windows, windowAll (one constant
 * key) and window joins (two inputs). Per element: the key, the windows of its timestamp
 * (written into a reused array), and per window a contents update and a trigger call — table
 * lookups, no allocation beyond the user's values and new windows. Contents, session
 * windows, trigger counts and timers are keyed state, so checkpoints carry them all.
 *
 * Event time (Flink's rules): a window fires when the watermark passes its end; it is kept
 * for `allowedLateness` more, during which each late element is added and fires it again;
 * it is then cleared by a cleanup timer. An element whose every window is past that is late
 * data: it goes to the late-data side output, or is dropped and counted (with a warning).
 */
export class WindowOperator extends AbstractOperator implements TimerTarget, TriggerContext, PaneHost {
  private backend!: KeyedStateBackend;
  private timers!: InternalTimerService;
  private clock!: ProcessingTimeService;
  private register!: TimestampRegister;
  private keySelectors: Array<KeySelector | undefined> = [];
  private readonly assigner: WindowAssigner;
  private readonly trigger: RuntimeTrigger;
  private readonly emitter: WindowEmitter;
  private contents!: WindowContents;
  private sessions: SessionWindowSet | undefined;
  /** Sliding windows computed from panes (see sliding-panes.ts), when the operator's shape allows. */
  private panes: SlidingPanes | undefined;
  counts!: NamespacedStateTable<number>;
  private readonly windowCtx = new WindowProcessContext(this);
  private readonly eventTime: boolean;
  private readonly lateness: number;
  private readonly starts: number[] = [];
  private readonly absorbed: number[] = [];
  /** Late elements dropped for want of a late-data side output. */
  lateDropped = 0;

  readonly input2: Output = {
    collect: (record: unknown) => this.element(record, 1),
    emitWatermark: (timestamp: number) => this.processWatermark(timestamp),
  };

  constructor(
    name: string,
    private readonly config: WindowOperatorConfig,
    private readonly fns: WindowFunctions,
    private readonly join?: JoinFunction<unknown, unknown, unknown>,
  ) {
    super(name);
    this.assigner = windowAssignerFromConfig(config.assigner);
    this.trigger = createTrigger(config.trigger);
    this.emitter = new WindowEmitter(config, fns, join);
    this.eventTime = this.assigner.isEventTime;
    this.lateness = this.eventTime ? config.allowedLatenessMs : 0;
  }

  override open(ctx: OperatorContext): void {
    this.keySelectors = this.config.keySelectorIds.map((id) => (id === null ? undefined : (ctx.userFunction(id) as KeySelector)));
    this.backend = ctx.keyedStateBackend();
    this.clock = processingTimeServiceOf(ctx);
    this.register = ctx.timestamps ?? new TimestampRegister();
    this.contents = this.createContents();
    this.counts = new NamespacedStateTable<number>(this.backend, '$window/count');
    if (this.assigner.isMerging) this.sessions = new SessionWindowSet(this.backend);
    if (!this.join && usesPanes(this.config, this.fns, this.backend)) this.panes = new SlidingPanes(this.backend, this.config, this.fns, this);
    this.timers = new InternalTimerService(this.backend, this.clock, this);
  }

  private createContents(): WindowContents {
    if (this.join) return new JoinContents(this.backend);
    if (this.emitter.keepsElements) return new ListContents(this.backend);
    switch (this.config.function) {
      case 'reduce':
        return new ReducingContents(this.backend, this.fns.reduce!);
      case 'aggregate':
        return new AggregatingContents(this.backend, this.fns.aggregate!);
      case 'sum':
      case 'min':
      case 'max':
        return new FieldAggregateContents(this.backend, this.config.function, this.config.field!);
      default:
        return new ListContents(this.backend);
    }
  }

  // ---- TriggerContext

  get currentWatermark(): number {
    return this.timers.currentWatermark;
  }

  currentProcessingTime(): number {
    return this.clock.now();
  }

  registerEventTimeTimer(namespace: number, time: number): void {
    this.timers.registerEventTimeTimer(namespace, time);
  }

  deleteEventTimeTimer(namespace: number, time: number): void {
    this.timers.deleteEventTimeTimer(namespace, time);
  }

  registerProcessingTimeTimer(namespace: number, time: number): void {
    this.timers.registerProcessingTimeTimer(namespace, time);
  }

  deleteProcessingTimeTimer(namespace: number, time: number): void {
    this.timers.deleteProcessingTimeTimer(namespace, time);
  }

  // ---- elements

  collect(record: unknown): void {
    this.element(record, 0);
  }

  private element(record: unknown, input: number): void {
    const ks = this.keySelectors[input];
    this.backend.setCurrentKey(ks === undefined ? 0 : ks(record));
    let ts: number;
    if (this.eventTime) {
      ts = this.register.value;
      if (ts === NO_TIMESTAMP)
        throw new SluiceError('INVALID_ARGUMENT', `'${this.name}' uses event-time windows but a record has no timestamp: call assignTimestampsAndWatermarks(strategy) upstream`, { domain: 'user' });
    } else {
      ts = this.clock.now();
    }
    const placed = this.panes ? this.panes.place(record, ts) : this.sessions ? this.placeInSession(record, input, ts) : this.placeInWindows(record, input, ts);
    if (!placed && this.eventTime && ts + this.lateness <= this.timers.currentWatermark) this.lateElement(record);
  }

  /** Adds the element to each of its windows that is not late; false if there was none. */
  private placeInWindows(record: unknown, input: number, ts: number): boolean {
    const starts = this.starts;
    const n = this.assigner.assignWindows(ts, starts);
    let placed = false;
    for (let i = 0; i < n; i++) {
      const start = starts[i];
      const end = this.assigner.windowEnd(start);
      const maxTs = maxTimestamp(end);
      if (this.isWindowLate(maxTs)) continue;
      placed = true;
      this.addAndTrigger(record, input, ts, start, end, maxTs);
    }
    return placed;
  }

  /** Merges the element's session [ts, ts + gap) with the key's sessions it meets. */
  private placeInSession(record: unknown, input: number, ts: number): boolean {
    const sessions = this.sessions!;
    const absorbed = this.absorbed;
    const n = sessions.plan(ts, this.assigner.windowEnd(ts), absorbed);
    const start = sessions.mergedStart;
    const end = sessions.mergedEnd;
    const maxTs = maxTimestamp(end);
    if (this.isWindowLate(maxTs)) return false; // (only a new, unmerged window can be late)
    const grew = n !== 2 || absorbed[0] !== start || absorbed[1] !== end;
    if (grew) {
      for (let i = 0; i < n; i += 2) {
        const oldStart = absorbed[i];
        const oldMax = maxTimestamp(absorbed[i + 1]);
        this.trigger.clear(oldStart, oldMax, this);
        this.deleteCleanupTimer(oldStart, oldMax);
        if (oldStart !== start) this.contents.merge(start, oldStart);
      }
      sessions.commit(absorbed, n);
      if (n > 0) this.trigger.onMerge(start, maxTs, this);
    }
    this.addAndTrigger(record, input, ts, start, end, maxTs);
    return true;
  }

  private addAndTrigger(record: unknown, input: number, ts: number, start: number, end: number, maxTs: number): void {
    const fresh = this.contents.add(start, record, input);
    const result = this.trigger.onElement(ts, start, maxTs, this, fresh);
    if (result & FIRE) this.fire(start, end, maxTs);
    if (result & PURGE) this.contents.remove(start);
    // The cleanup timer lives as long as the window (sessions re-arm it after every merge).
    if (fresh || this.sessions !== undefined) this.registerCleanupTimer(start, maxTs);
  }

  private lateElement(record: unknown): void {
    const tag = this.config.lateDataTag;
    if (tag !== null && this.output.collectSide !== undefined) {
      this.output.collectSide(tag, record);
      return;
    }
    if (this.lateDropped++ === 0)
      log.warn('dropping late elements (older than the watermark minus the allowed lateness); use sideOutputLateData(tag) to keep them', { operator: this.name });
  }

  // ---- time

  override processWatermark(timestamp: number): void {
    this.timers.advanceWatermark(timestamp);
    this.output.emitWatermark(timestamp);
  }

  onEventTime(time: number, start: number): void {
    if (this.panes) return this.panes.fire(start);
    const end = this.endOf(start);
    if (end === undefined) return; // a session merged away since
    const maxTs = maxTimestamp(end);
    const result = this.trigger.onEventTime(time, start, maxTs, this);
    if (result & FIRE) this.fire(start, end, maxTs);
    if (result & PURGE) this.contents.remove(start);
    if (this.eventTime && time === this.cleanupTime(maxTs)) this.clearWindow(start, maxTs);
  }

  onProcessingTime(time: number, start: number): void {
    const end = this.endOf(start);
    if (end === undefined) return;
    const maxTs = maxTimestamp(end);
    const result = this.trigger.onProcessingTime(time, start, maxTs, this);
    if (result & FIRE) this.fire(start, end, maxTs);
    if (result & PURGE) this.contents.remove(start);
    if (!this.eventTime && time === this.cleanupTime(maxTs)) this.clearWindow(start, maxTs);
  }

  /** End of input: processing-time windows still open fire too, so their contents are not lost. */
  override endInput(): void {
    this.timers.fireAllProcessingTimers();
  }

  override close(): void {
    this.timers?.close();
  }

  /** Windows held, over all keys (tests: memory of expired windows is released). */
  get windowCount(): number {
    return this.panes ? this.panes.paneCount : this.contents.size;
  }

  // ---- helpers

  /** Results carry the window's max timestamp (end - 1), as in Flink. */
  private fire(start: number, end: number, maxTs: number): void {
    const contents = this.contents.get(start);
    if (contents !== undefined) this.emitWindow(start, end, contents, maxTs);
  }

  emitWindow(start: number, end: number, contents: unknown, maxTs = maxTimestamp(end)): void {
    const saved = this.register.value;
    this.register.value = maxTs;
    this.windowCtx.window = new TimeWindow(start, end);
    try {
      this.emitter.emit(this.backend.currentKey, contents, this.windowCtx, this.output);
    } finally {
      this.register.value = saved;
    }
  }

  private endOf(start: number): number | undefined {
    return this.sessions ? this.sessions.endOf(start) : this.assigner.windowEnd(start);
  }

  private isWindowLate(maxTs: number): boolean {
    return this.eventTime && this.cleanupTime(maxTs) <= this.timers.currentWatermark;
  }

  private cleanupTime(maxTs: number): number {
    if (!this.eventTime) return maxTs;
    const t = maxTs + this.lateness;
    return t >= MAX_WATERMARK ? MAX_WATERMARK : t;
  }

  private registerCleanupTimer(start: number, maxTs: number): void {
    const t = this.cleanupTime(maxTs);
    if (t === MAX_WATERMARK) return; // global windows are never cleaned up by time
    if (this.eventTime) this.timers.registerEventTimeTimer(start, t);
    else this.timers.registerProcessingTimeTimer(start, t);
  }

  private deleteCleanupTimer(start: number, maxTs: number): void {
    const t = this.cleanupTime(maxTs);
    if (t === MAX_WATERMARK) return;
    if (this.eventTime) this.timers.deleteEventTimeTimer(start, t);
    else this.timers.deleteProcessingTimeTimer(start, t);
  }

  private clearWindow(start: number, maxTs: number): void {
    this.contents.remove(start);
    this.trigger.clear(start, maxTs, this);
    this.sessions?.remove(start);
  }
}

function maxTimestamp(end: number): number {
  return end >= MAX_WATERMARK ? MAX_WATERMARK : end - 1;
}
