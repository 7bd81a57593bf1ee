import type { ProcessContext, TimerService } from '../../api/functions';
import type { OutputTag } from '../../api/output-tag';
import type { Output } from './operator';
import { NO_TIMESTAMP as NO_TIMESTAMP_EXPORT, type TimestampRegister } from './record-timestamp';
import type { ProcessingTimeService } from '../runtime/timer-service-processing-time';
import { NO_WATERMARK } from '../../common/event-time';
import { SluiceError } from '../../common/errors';

// A module-local copy: the CommonJS build reads imported bindings through getters.
const NO_TIMESTAMP = NO_TIMESTAMP_EXPORT;

/**
 * The context non-keyed process functions see (Flink's ProcessFunction.Context): the element's
 * timestamp, side outputs, the clock and watermark. One object per operator, reused for every
 * element: nothing is allocated per call.
 */
export class OperatorProcessContext implements ProcessContext, TimerService {
  subtaskIndex = 0;
  parallelism = 1;
  /** Updated by the operator on every watermark. */
  watermark = NO_WATERMARK;

  constructor(
    /** The operator: its `output` is read at call time (the task sets it after construction). */
    protected readonly owner: { readonly output: Output },
    readonly register: TimestampRegister,
    readonly clock: ProcessingTimeService,
  ) {}

  timestamp(): number | null {
    const ts = this.register.value;
    return ts === NO_TIMESTAMP ? null : ts;
  }

  output<X>(tag: OutputTag<X>, value: X): void {
    const out = this.owner.output;
    if (out.collectSide !== undefined) out.collectSide(tag.id, value);
  }

  timerService(): TimerService {
    return this;
  }

  currentProcessingTime(): number {
    return this.clock.now();
  }

  currentWatermark(): number {
    return this.watermark;
  }

  registerEventTimeTimer(_time: number): void {
    throw noTimers();
  }

  registerProcessingTimeTimer(_time: number): void {
    throw noTimers();
  }

  deleteEventTimeTimer(_time: number): void {
    throw noTimers();
  }

  deleteProcessingTimeTimer(_time: number): void {
    throw noTimers();
  }
}

function noTimers(): Error {
  return new SluiceError('INVALID_ARGUMENT', 'Timers are only supported on keyed streams: call keyBy(...) before process(...)', { domain: 'user' });
}
