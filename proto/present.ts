import { InvalidArgumentError } from '../common/errors';

/**
 * A message field a receiver needs. proto3 lets every message field be absent (it arrives as
 * null), and the generated types say so; the receiving side checks once, here, and gets one
 * clear error naming the field instead of a TypeError deeper down.
 */
export function present<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) throw new InvalidArgumentError(`The request has no ${field}`);
  return value;
}
