import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, TooLargeError } from '../../../common/errors';
import { RestNotFoundError } from '../http-errors';

/** An uploaded job file, named as Flink names uploaded jars: `<uuid>_<original name>`. */
export interface StoredJobFile {
  /** `<uuid>_<name>`: the `:jarid` of the REST routes. */
  readonly id: string;
  /** The file name as uploaded (sanitized). */
  readonly name: string;
  readonly path: string;
  readonly uploaded: number;
}

/** Extensions esbuild bundles as a job file. */
const JOB_FILE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

/** What `:jarid` may be: a UUID, `_`, and a sanitized file name (never a path). */
export const JAR_ID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_[A-Za-z0-9._-]{1,200}$';

/**
 * Job files uploaded over REST, kept under `<data-dir>/jars/` so a browser or curl can submit
 * jobs without the CLI. The directory is the index: nothing else to keep consistent.
 */
export class JarStore {
  constructor(readonly dir: string) {}

  /**
   * Writes the upload; a partial file is removed if the stream fails. The multipart parser
   * ends a file stream at its size limit and marks it `truncated`: that is a 413, never a
   * silently shortened job file.
   */
  async save(fileName: string, content: Readable & { truncated?: boolean }, maxBytes: number): Promise<StoredJobFile> {
    const name = sanitizeFileName(fileName);
    await fs.promises.mkdir(this.dir, { recursive: true });
    const id = `${randomUUID()}_${name}`;
    const file = path.join(this.dir, id);
    try {
      await pipeline(content, fs.createWriteStream(file, { flags: 'wx' }));
      if (content.truncated) throw new TooLargeError(`The job file is larger than the upload limit of ${maxBytes} bytes (${formatMiB(maxBytes)}); bundle it smaller or raise rest.max-job-file-bytes`);
    } catch (err) {
      await fs.promises.rm(file, { force: true });
      throw err;
    }
    return { id, name, path: file, uploaded: Date.now() };
  }

  /** Newest first. */
  async list(): Promise<StoredJobFile[]> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const re = new RegExp(JAR_ID_PATTERN);
    const files = await Promise.all(
      names
        .filter((n) => re.test(n))
        .map(async (id) => {
          const file = path.join(this.dir, id);
          const stat = await fs.promises.stat(file).catch(() => undefined);
          return stat?.isFile() ? { id, name: id.slice(37), path: file, uploaded: Math.round(stat.mtimeMs) } : undefined;
        }),
    );
    return files.filter((f): f is StoredJobFile => f !== undefined).sort((a, b) => b.uploaded - a.uploaded);
  }

  /** The stored file; 404 if there is none with this id. */
  async get(id: string): Promise<StoredJobFile> {
    const file = path.join(this.dir, id);
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (!new RegExp(JAR_ID_PATTERN).test(id) || !stat?.isFile()) throw new RestNotFoundError(`Job file ${id} not found; GET /jars lists the uploaded ones`);
    return { id, name: id.slice(37), path: file, uploaded: Math.round(stat.mtimeMs) };
  }

  async delete(id: string): Promise<void> {
    const f = await this.get(id);
    await fs.promises.rm(f.path, { force: true });
  }
}

/** Keeps the base name only, replacing anything outside [A-Za-z0-9._-]; refuses non-JavaScript files. */
export function sanitizeFileName(fileName: string): string {
  const base = path.basename(fileName.replace(/\\/g, '/')).replace(/[^A-Za-z0-9._-]/g, '_').slice(-200);
  const ext = path.extname(base).toLowerCase();
  if (!JOB_FILE_EXTENSIONS.includes(ext) || base.length === ext.length)
    throw new InvalidArgumentError(
      `'${fileName}' is not a job file: upload a JavaScript or TypeScript module (${JOB_FILE_EXTENSIONS.join(', ')}) whose default export builds the pipeline`,
      'INVALID_JOB_FILE',
    );
  return base;
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 2)} MiB`;
}
