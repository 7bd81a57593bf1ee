import * as fs from 'node:fs';
import { InvalidArgumentError } from './errors';

/**
 * Layered process configuration: defaults → config file (JSON) → environment (`SLUICE_*`) →
 * command-line flags, resolved once at start-up. One option has one name everywhere: the
 * flag `--rpc-port`, the config-file key `"rpc-port"` and the variable `SLUICE_RPC_PORT`.
 * Unknown keys in the config file and malformed values in any layer are errors that say
 * where the bad value came from.
 */
export type OptionSpec =
  | { readonly type: 'string'; readonly default: string; readonly description: string }
  | { readonly type: 'integer'; readonly default: number; readonly min: number; readonly max?: number; readonly description: string };

export type ConfigSchema = Readonly<Record<string, OptionSpec>>;

type ValueOf<O extends OptionSpec> = O extends { type: 'string' } ? string : number;

/** The resolved values of a schema, keyed like the schema (kebab-case). */
export type ConfigValues<S extends ConfigSchema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export interface ConfigLayers {
  /** The parsed config file, and its path for messages. */
  readonly file?: { readonly path: string; readonly values: Record<string, unknown> };
  /** Usually `process.env`; only the variables named by the schema are read. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Flag values as `util.parseArgs` returns them (strings), keyed like the schema. */
  readonly flags?: Readonly<Record<string, unknown>>;
}

/** `rpc-port` → `SLUICE_RPC_PORT`. */
export function envVarName(key: string): string {
  return `SLUICE_${key.toUpperCase().replace(/-/g, '_')}`;
}

/** Reads a JSON config file that must hold one object; any problem is an InvalidArgumentError. */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    throw new InvalidArgumentError(`Cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new InvalidArgumentError(`Config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidArgumentError(`Config file ${path} must contain a JSON object`);
  return parsed as Record<string, unknown>;
}

/** `util.parseArgs` option declarations for every key of the schema (all take a string value). */
export function parseArgsOptions(schema: ConfigSchema): Record<string, { type: 'string' }> {
  const options: Record<string, { type: 'string' }> = {};
  for (const key of Object.keys(schema)) options[key] = { type: 'string' };
  return options;
}

/** Resolves every option of the schema through the layers, later layers winning. */
export function resolveConfig<S extends ConfigSchema>(schema: S, layers: ConfigLayers): ConfigValues<S> {
  const values: Record<string, string | number> = {};
  for (const [key, spec] of Object.entries(schema)) values[key] = spec.default;

  if (layers.file) {
    for (const [key, raw] of Object.entries(layers.file.values)) {
      const spec = schema[key];
      const where = `config file ${layers.file.path}: key "${key}"`;
      if (!spec) throw new InvalidArgumentError(`${where} is unknown; known keys: ${Object.keys(schema).join(', ')}`);
      values[key] = coerce(spec, raw, where, false);
    }
  }
  for (const [key, spec] of Object.entries(schema)) {
    const name = envVarName(key);
    const raw = layers.env?.[name];
    if (raw !== undefined && raw !== '') values[key] = coerce(spec, raw, `environment variable ${name}`, true);
  }
  for (const [key, spec] of Object.entries(schema)) {
    const raw = layers.flags?.[key];
    if (raw !== undefined) values[key] = coerce(spec, raw, `--${key}`, true);
  }
  return values as ConfigValues<S>;
}

function coerce(spec: OptionSpec, raw: unknown, where: string, fromText: boolean): string | number {
  if (spec.type === 'string') {
    if (typeof raw !== 'string' || raw.trim() === '') throw new InvalidArgumentError(`${where}: expected a non-empty string, got ${describe(raw)}`);
    return raw;
  }
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (fromText && typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw)) n = Number(raw);
  else n = NaN;
  const range = spec.max === undefined ? `>= ${spec.min}` : `in [${spec.min}, ${spec.max}]`;
  if (!Number.isSafeInteger(n) || n < spec.min || (spec.max !== undefined && n > spec.max))
    throw new InvalidArgumentError(`${where}: expected an integer ${range}, got ${describe(raw)}`);
  return n;
}

function describe(raw: unknown): string {
  return typeof raw === 'string' ? `'${raw}'` : JSON.stringify(raw) ?? String(raw);
}

/** A `--help` text listing every option with its default and environment variable. */
export function describeOptions(schema: ConfigSchema): string {
  const lines: string[] = [];
  for (const [key, spec] of Object.entries(schema)) {
    lines.push(`  --${key} ${spec.type === 'string' ? 'VALUE' : 'N'}`.padEnd(36) + `${spec.description} (default ${spec.default}; env ${envVarName(key)})`);
  }
  return lines.join('\n');
}
