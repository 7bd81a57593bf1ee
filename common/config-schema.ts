import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { InvalidArgumentError } from './errors';
import { sluiceVersion } from './version';

/**
 * Layered process configuration: defaults → config file (YAML or JSON) → environment
 * (`SLUICE_*`) → command-line flags, resolved once at start-up. One option has one name
 * everywhere: the flag `--rpc-port`, the config-file key `rpc-port` and the variable
 * `SLUICE_RPC_PORT`. Unknown keys in the config file, a flag given twice and malformed values
 * in any layer are errors that say where the bad value came from. Environment variables the
 * schema does not name are ignored: one environment (a compose file, a pod spec) is shared by
 * processes of different roles.
 */
export type OptionSpec =
  | { readonly type: 'string'; readonly default: string; readonly description: string }
  | { readonly type: 'integer'; readonly default: number; readonly min: number; readonly max?: number; readonly description: string }
  | { readonly type: 'boolean'; readonly default: boolean; readonly description: string };

export type ConfigSchema = Readonly<Record<string, OptionSpec>>;

type ValueOf<O extends OptionSpec> = O extends { type: 'string' } ? string : O extends { type: 'boolean' } ? boolean : number;

/** The resolved values of a schema, keyed like the schema (kebab-case). */
export type ConfigValues<S extends ConfigSchema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export interface ConfigLayers {
  /** The parsed config file, and its path for messages. */
  readonly file?: { readonly path: string; readonly values: Record<string, unknown> };
  /** Usually `process.env`; only the variables named by the schema are read. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Flag values as `util.parseArgs` returns them (strings; booleans for boolean options), keyed like the schema. */
  readonly flags?: Readonly<Record<string, unknown>>;
}

/** What a process's command line asks for: its configuration, or its help or version text. */
export type CommandLine<S extends ConfigSchema> =
  | { readonly kind: 'config'; readonly values: ConfigValues<S> }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version'; readonly text: string };

export interface ProgramInfo {
  /** e.g. `sluice-taskmanager`; starts every message and the usage line. */
  readonly program: string;
  /** One line under the usage line. */
  readonly summary: string;
  /** Shown in the usage line before the options, e.g. `start`. */
  readonly command?: string;
}

/** `rpc-port` → `SLUICE_RPC_PORT`. */
export function envVarName(key: string): string {
  return `SLUICE_${key.toUpperCase().replace(/-/g, '_')}`;
}

/** Reads a YAML or JSON config file (JSON is YAML) that must hold one mapping; any problem is an InvalidArgumentError. */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    throw new InvalidArgumentError(`Cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let parsed: unknown;
  try {
    // uniqueKeys: a key given twice is a conflict, never "the last one wins".
    parsed = parseYaml(text, { uniqueKeys: true, prettyErrors: true });
  } catch (err) {
    // The first line of a YAML error says what and where ("... at line 2, column 1:").
    throw new InvalidArgumentError(`Config file ${path} is not valid YAML or JSON: ${(err as Error).message.split('\n')[0].replace(/:$/, '')}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidArgumentError(`Config file ${path} must contain a mapping of keys to values (YAML) or an object (JSON)`);
  return parsed as Record<string, unknown>;
}

/** `util.parseArgs` option declarations for every key of the schema. */
export function parseArgsOptions(schema: ConfigSchema): Record<string, { type: 'string' | 'boolean' }> {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const [key, spec] of Object.entries(schema)) options[key] = { type: spec.type === 'boolean' ? 'boolean' : 'string' };
  return options;
}

/** Resolves every option of the schema through the layers, later layers winning. */
export function resolveConfig<S extends ConfigSchema>(schema: S, layers: ConfigLayers): ConfigValues<S> {
  const values: Record<string, string | number | boolean> = {};
  for (const [key, spec] of Object.entries(schema)) values[key] = spec.default;

  if (layers.file) {
    for (const [key, raw] of Object.entries(layers.file.values)) {
      const spec = schema[key];
      const where = `config file ${layers.file.path}: key "${key}"`;
      if (!spec) throw new InvalidArgumentError(`${where} is unknown${suggestion(schema, key)}; known keys: ${Object.keys(schema).join(', ')}`);
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

/**
 * Parses a process's command line against its schema: `--help` and `--version` answer with
 * text; otherwise the layered values (`--config FILE` names the file). Throws
 * InvalidArgumentError with one clear line for unknown, repeated or malformed options.
 */
export function parseCommandLine<S extends ConfigSchema>(
  schema: S,
  info: ProgramInfo,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CommandLine<S> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...parseArgsOptions(schema), config: { type: 'string' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'V' } },
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}. Run ${info.program} --help to see the options.`);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new InvalidArgumentError(`--${token.name} is given more than once; give it once`);
    seen.add(token.name);
  }
  const { config: configPath, help, version, ...flags } = parsed.values as Record<string, unknown>;
  if (help) return { kind: 'help', text: usage(schema, info) };
  if (version) return { kind: 'version', text: `${info.program} ${sluiceVersion()} (Node.js ${process.version})` };
  const file = typeof configPath === 'string' ? { path: configPath, values: readConfigFile(configPath) } : undefined;
  return { kind: 'config', values: resolveConfig(schema, { file, env, flags }) };
}

function coerce(spec: OptionSpec, raw: unknown, where: string, fromText: boolean): string | number | boolean {
  if (spec.type === 'string') {
    if (typeof raw !== 'string' || raw.trim() === '') throw new InvalidArgumentError(`${where}: expected a non-empty string, got ${describe(raw)}`);
    return raw;
  }
  if (spec.type === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    if (fromText && typeof raw === 'string' && /^(true|false)$/i.test(raw.trim())) return raw.trim().toLowerCase() === 'true';
    throw new InvalidArgumentError(`${where}: expected true or false, got ${describe(raw)}`);
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

/** `rpcPort`, `rpc_port` or `RPCPORT` in a file almost always means `rpc-port`. */
function suggestion(schema: ConfigSchema, key: string): string {
  const squash = (k: string) => k.replace(/[-_]/g, '').toLowerCase();
  const match = Object.keys(schema).find((known) => squash(known) === squash(key));
  return match ? ` (did you mean "${match}"?)` : '';
}

function describe(raw: unknown): string {
  return typeof raw === 'string' ? `'${raw}'` : JSON.stringify(raw) ?? String(raw);
}

/** A `--help` text listing every option with its default and environment variable. */
export function describeOptions(schema: ConfigSchema): string {
  const lines: string[] = [];
  for (const [key, spec] of Object.entries(schema)) {
    const arg = spec.type === 'string' ? ' VALUE' : spec.type === 'integer' ? ' N' : '';
    const dflt = spec.type === 'string' && spec.default === '' ? '' : `default ${spec.default}; `;
    lines.push(`  --${key}${arg}`.padEnd(36) + `${spec.description} (${dflt}env ${envVarName(key)})`);
  }
  return lines.join('\n');
}

function usage(schema: ConfigSchema, info: ProgramInfo): string {
  return [
    `Usage: ${info.program}${info.command ? ` ${info.command}` : ''} [options]`,
    info.summary,
    '',
    'Options (each also a key of the --config file, or the environment variable shown; flags win over the environment, the environment over the file):',
    describeOptions(schema),
    '  --config FILE'.padEnd(36) + 'YAML or JSON file with any of the keys above',
    '  -h, --help'.padEnd(36) + 'Show this help',
    '  -V, --version'.padEnd(36) + 'Show the version',
  ].join('\n');
}
