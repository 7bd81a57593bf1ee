import * as vm from 'node:vm';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { InvalidArgumentError, SluiceError, errorMessage } from '../common/errors';
import { DEFAULT_USER_CODE_TIMEOUT_MS, runBounded } from './bounded-run';
import { StackMapper } from './stack-mapper';
import type { StreamExecutionEnvironment } from '../api/environment';
import type { ParameterTool } from '../api/parameter-tool';

export type JobFunction = (env: StreamExecutionEnvironment, params: ParameterTool) => void;

export interface LoadedJobModule {
  readonly fn: JobFunction;
  /** Maps the bundle's stack frames to the user's files and lines (undefined without a source map). */
  readonly stackMapper: StackMapper | undefined;
}

export interface LoadOptions {
  /** Bound on evaluating the module's body. @default 30000 */
  readonly timeoutMs?: number;
}

/**
 * Evaluates a bundled job artifact (CommonJS) and returns its default export. The artifact can
 * require only `sluice` (this running copy of Sluice) and Node's built-ins: everything else was
 * bundled by the client, and resolving anything more against this process's working directory
 * would run whatever happens to be installed there. Evaluating the module's body is bounded
 * in time (bounded-run.ts).
 */
export function loadJobModule(code: Uint8Array | string, fileName: string, options: LoadOptions = {}): LoadedJobModule {
  const source = typeof code === 'string' ? code : Buffer.from(code).toString('utf8');
  const confinedRequire = (id: string): unknown => {
    if (id === 'sluice') return require('../index');
    if (id.startsWith('sluice/')) throw new Error(`'${id}' is not an entry point of sluice; import from 'sluice'`);
    if (isBuiltin(id)) return require(id);
    throw new InvalidArgumentError(
      `Job file ${fileName} requires '${id}' at run time, which is neither 'sluice' nor a Node built-in. Import it statically so that stream-submit bundles it (a require() of a computed name is not bundled).`,
      'INVALID_JOB_FILE',
    );
  };
  const module = { exports: {} as Record<string, unknown> };
  let wrapper: (exports: unknown, require: unknown, module: unknown, __filename: string, __dirname: string) => void;
  try {
    wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: fileName });
  } catch (err) {
    throw new InvalidArgumentError(`Job file ${fileName} does not compile: ${errorMessage(err)}`, 'INVALID_JOB_FILE');
  }
  try {
    runBounded(() => wrapper(module.exports, confinedRequire, module, fileName, path.dirname(fileName)), options.timeoutMs ?? DEFAULT_USER_CODE_TIMEOUT_MS, `Loading job file ${fileName}`);
  } catch (err) {
    if (err instanceof SluiceError) throw err;
    throw new InvalidArgumentError(`Job file ${fileName} threw while loading: ${errorMessage(err)}`, 'INVALID_JOB_FILE');
  }
  const exported = module.exports as unknown;
  const fn =
    typeof exported === 'function'
      ? exported
      : typeof (exported as { default?: unknown })?.default === 'function'
        ? (exported as { default: unknown }).default
        : undefined;
  if (typeof fn !== 'function')
    throw new InvalidArgumentError(
      `Job file ${fileName} ${describeExport(exported)}: write 'export default function (env, params) { ... }' or 'module.exports = function (env, params) { ... }'`,
      'INVALID_JOB_FILE',
    );
  return { fn: fn as JobFunction, stackMapper: StackMapper.fromBundle(source, fileName) };
}

/** The default export of a bundled job artifact (see loadJobModule). */
export function loadJobFunction(code: Uint8Array | string, fileName: string, options: LoadOptions = {}): JobFunction {
  return loadJobModule(code, fileName, options).fn;
}

/** What a job file exported instead of a function, so the message points at the actual mistake. */
function describeExport(exported: unknown): string {
  const e = exported as Record<string, unknown> | null | undefined;
  const hasDefault = e !== null && typeof e === 'object' && Object.prototype.hasOwnProperty.call(e, 'default');
  if (hasDefault) return `has a default export that is ${kindOf(e.default)}, not a function`;
  if (e === null || e === undefined || typeof e !== 'object') return `exports ${kindOf(e)}, not a function`;
  const names = Object.keys(e).filter((k) => k !== '__esModule');
  if (names.length === 0) return 'has no default export (it exports nothing)';
  const shown = names.slice(0, 5).map((n) => `${n} (${kindOf(e[n])})`).join(', ');
  return `has no default export (it exports ${shown}${names.length > 5 ? ', ...' : ''})`;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') {
    const keys = Object.keys(v as object);
    return keys.length === 0 ? 'an empty object' : `an object with ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''}`;
  }
  if (typeof v === 'function') return 'a function';
  return typeof v === 'undefined' ? 'undefined' : `a ${typeof v}`;
}
