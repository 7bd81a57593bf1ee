import type { OperatorContext } from './operator';
import { SystemProcessingTimeService, type ProcessingTimeService } from '../runtime/timer-service-processing-time';
import { Logger } from '../../common/logger';

const log = new Logger('operators/time');

/**
 * The task's processing-time service; a context built without one (a bare test harness)
 * gets a wall-clock service of its own whose callback failures are logged.
 */
export function processingTimeServiceOf(ctx: OperatorContext): ProcessingTimeService {
  return ctx.processingTimeService ?? new SystemProcessingTimeService((err) => log.error('timer callback failed', { operator: ctx.operatorName, error: String(err) }));
}
