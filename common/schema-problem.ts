import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The first way `value` breaks `schema`, in words: where (`what` and the path, dotted), what
 * was expected and what came. Undefined when the value fits.
 */
export function firstSchemaProblem(schema: TSchema, value: unknown, what: string): string | undefined {
  const error = Value.Errors(schema, value).First();
  if (!error) return undefined;
  const path = error.path.slice(1).replace(/\//g, '.');
  const where = [what, path].filter(Boolean).join(' ') || 'the configuration';
  const choices = (error.schema.anyOf as TSchema[] | undefined)?.map((s) => s.const);
  const message = choices?.every((c) => typeof c === 'string') ? `expected one of ${choices.map((c) => `'${c}'`).join(', ')}` : error.message.replace(/^Expected/, 'expected');
  return `${where}: ${message}${error.value === undefined ? '' : ` (got ${JSON.stringify(error.value)})`}`;
}
