import { randomBytes, createHash } from 'node:crypto';

/** Job ids are 32 lowercase hex characters, as Flink's. */
export function newJobId(): string {
  return randomBytes(16).toString('hex');
}

export function isJobId(s: string): boolean {
  return /^[0-9a-f]{32}$/.test(s);
}

/**
 * The one rule for job ids a user types, in the CLI, REST and gRPC alike: 32 hexadecimal
 * characters in either case (as Flink's JobID.fromHexString), meaning the lowercase id.
 * Undefined for anything else.
 */
export function normalizeJobId(s: string): string | undefined {
  return /^[0-9a-fA-F]{32}$/.test(s) ? s.toLowerCase() : undefined;
}

export function newResourceId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

/** A stable 32-hex id derived from text (vertex ids from operator uids). */
export function hashId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
