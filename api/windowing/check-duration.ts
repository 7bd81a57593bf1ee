import { InvalidArgumentError } from '../../common/errors';

/** Window sizes, slides and gaps are positive integers of ms. */
export function checkSize(ms: number, what: string): void {
  if (!Number.isSafeInteger(ms) || ms <= 0) throw new InvalidArgumentError(`window ${what} must be a positive integer of ms, got ${ms}`);
}
