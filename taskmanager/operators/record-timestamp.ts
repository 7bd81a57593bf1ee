/**
 * Event time on the hot path. A record's timestamp never travels in a wrapper object: the
 * task keeps one register per operator chain holding the timestamp of the record being
 * processed. The task sets it before handing a record to the chain's head (from the batch's
 * timestamp column); operators downstream read it (map, filter and flatMap outputs simply
 * inherit it, as in Flink); an operator that emits with another timestamp (timestamp
 * assigners, windows, timers) sets it and restores it afterwards; record writers read it
 * when they batch a record. Records without timestamps cost one comparison in the writer.
 */

import { NO_TIMESTAMP } from '../../common/event-time';

export { NO_TIMESTAMP, MAX_WATERMARK } from '../../common/event-time';

/** The timestamp of the record currently flowing through a chain. */
export class TimestampRegister {
  value = NO_TIMESTAMP;
}
