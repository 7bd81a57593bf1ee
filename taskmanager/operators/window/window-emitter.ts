import type { Collector } from '../../../api/functions';
import type { ProcessWindowContext, JoinFunction } from '../../../api/process-functions';
import type { WindowFunctions, WindowOperatorConfig } from '../../../api/windowed-stream';
import { FieldAggregator, copyRecord } from './window-contents';

type ProcessFn = (...args: unknown[]) => void;

/**
 * Applies the window function to a window's contents when it fires: the incremental result
 * (reduce, aggregate, sum/min/max), optionally handed to a process function with the window,
 * all elements (process, evicting windows), or all pairs (joins).
 */
export class WindowEmitter {
  private readonly process: ProcessFn | undefined;
  private readonly fieldAgg: FieldAggregator | undefined;
  private readonly maxCount: number;

  constructor(
    private readonly config: WindowOperatorConfig,
    private readonly fns: WindowFunctions,
    private readonly join: JoinFunction<unknown, unknown, unknown> | undefined,
  ) {
    const p = fns.process as unknown;
    this.process = typeof p === 'function' ? (p as ProcessFn) : p ? ((p as { process: ProcessFn }).process.bind(p) as ProcessFn) : undefined;
    const f = config.function;
    this.fieldAgg = f === 'sum' || f === 'min' || f === 'max' ? new FieldAggregator(f, config.field!) : undefined;
    this.maxCount = config.evictor?.maxCount ?? 0;
  }

  /** True when the contents are lists of elements rather than an incremental value. */
  get keepsElements(): boolean {
    return this.config.function === 'process' || this.maxCount > 0;
  }

  emit(key: unknown, contents: unknown, ctx: ProcessWindowContext, out: Collector<unknown>): void {
    if (this.join !== undefined) {
      const [left, right] = contents as [unknown[], unknown[]];
      for (let i = 0; i < left.length; i++) for (let j = 0; j < right.length; j++) out.collect(this.join(left[i], right[j]));
      return;
    }
    if (this.maxCount > 0) {
      // CountEvictor (before the function): keep the last maxCount elements, in state too.
      const list = contents as unknown[];
      if (list.length > this.maxCount) list.splice(0, list.length - this.maxCount);
      if (this.config.function === 'process') this.callProcess(key, ctx, list, out);
      else this.result(key, this.fold(list), ctx, out);
      return;
    }
    switch (this.config.function) {
      case 'process':
        this.callProcess(key, ctx, contents as unknown[], out);
        return;
      case 'aggregate':
        this.result(key, this.fns.aggregate!.getResult(contents), ctx, out);
        return;
      case 'reduce':
        this.result(key, contents, ctx, out);
        return;
      default:
        // sum/min/max: the accumulator stays in state (lateness may fire again): emit a copy.
        this.result(key, copyRecord(contents), ctx, out);
    }
  }

  private result(key: unknown, value: unknown, ctx: ProcessWindowContext, out: Collector<unknown>): void {
    if (this.config.withProcess) this.callProcess(key, ctx, [value], out);
    else out.collect(value);
  }

  private callProcess(key: unknown, ctx: ProcessWindowContext, elements: readonly unknown[], out: Collector<unknown>): void {
    if (this.config.all) this.process!(ctx, elements, out);
    else this.process!(key, ctx, elements, out);
  }

  /** The incremental function over a list (evicting windows keep elements). */
  private fold(list: readonly unknown[]): unknown {
    switch (this.config.function) {
      case 'reduce': {
        let acc = list[0];
        for (let i = 1; i < list.length; i++) acc = this.fns.reduce!(acc, list[i]);
        return acc;
      }
      case 'aggregate': {
        const fn = this.fns.aggregate!;
        let acc = fn.createAccumulator();
        for (const e of list) acc = fn.add(e, acc);
        return fn.getResult(acc);
      }
      default: {
        const agg = this.fieldAgg!;
        const acc = agg.first(list[0]);
        for (let i = 1; i < list.length; i++) agg.add(acc, list[i]);
        return acc;
      }
    }
  }
}
