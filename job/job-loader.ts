import * as vm from 'node:vm';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { InvalidArgumentError, errorMessage } from '../common/errors';
import type { StreamExecutionEnvironment } from '../api/environment';
import type { ParameterTool } from '../api/parameter-tool';

export type JobFunction = (env: StreamExecutionEnvironment, params: ParameterTool) => void;

/**
 * Evaluates a bundled job artifact (CommonJS) and returns its default export. `require('sluice')`
 * inside it resolves to this running copy of Sluice, other requires to Node's own resolution
 * (built-ins; everything else was bundled).
 */
export function loadJobFunction(code: Uint8Array | string, fileName: string): JobFunction {
  const source = typeof code === 'string' ? code : Buffer.from(code).toString('utf8');
  const realRequire = createRequire(path.resolve(fileName));
  const sluiceRequire = (id: string): unknown => {
    if (id === 'sluice') return require('../index');
    if (id.startsWith('sluice/')) throw new Error(`'${id}' is not an entry point of sluice; import from 'sluice'`);
    return realRequire(id);
  };
  const module = { exports: {} as Record<string, unknown> };
  let wrapper: (exports: unknown, require: unknown, module: unknown, __filename: string, __dirname: string) => void;
  try {
    wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: fileName });
  } catch (err) {
    throw new InvalidArgumentError(`Job file ${fileName} does not compile: ${errorMessage(err)}`, 'INVALID_JOB_FILE');
  }
  try {
    wrapper(module.exports, sluiceRequire, module, fileName, path.dirname(fileName));
  } catch (err) {
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
      `Job file ${fileName} has no default export: write 'export default function (env, params) { ... }' or 'module.exports = function (env, params) { ... }'`,
      'INVALID_JOB_FILE',
    );
  return fn as JobFunction;
}
