import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { InvalidArgumentError } from '../common/errors';

/**
 * Bundles a job file and its own imports into one CommonJS artifact with esbuild.
 * `sluice` stays external: TaskManagers provide their own copy at run time, so a job file
 * works from any directory without installing Sluice next to it.
 */
const externalSluice: Plugin = {
  name: 'sluice-external',
  setup(b) {
    b.onResolve({ filter: /^sluice(\/.*)?$/ }, (args) => ({ path: args.path, external: true }));
  },
};

export async function bundleJobFile(jobFile: string): Promise<Uint8Array> {
  const abs = path.resolve(jobFile);
  if (!fs.existsSync(abs)) throw new InvalidArgumentError(`Job file not found: ${jobFile}`, 'INVALID_JOB_FILE');
  if (!fs.statSync(abs).isFile()) throw new InvalidArgumentError(`Job file is not a file: ${jobFile}`, 'INVALID_JOB_FILE');
  try {
    const result = await build({
      entryPoints: [abs],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'silent',
      plugins: [externalSluice],
    });
    return result.outputFiles[0].contents;
  } catch (err) {
    const errors = (err as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } }> }).errors;
    const first = errors?.[0];
    const where = first?.location ? ` (${first.location.file}:${first.location.line}:${first.location.column})` : '';
    throw new InvalidArgumentError(`Cannot bundle job file ${jobFile}: ${first?.text ?? String(err)}${where}`, 'INVALID_JOB_FILE');
  }
}
