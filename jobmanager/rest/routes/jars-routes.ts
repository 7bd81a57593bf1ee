import multipart from '@fastify/multipart';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { InvalidArgumentError, SluiceError, TooLargeError, errorMessage } from '../../../common/errors';
import { JobBuildLimiter } from '../jars/job-build-limiter';
import { ERROR_RESPONSES, Nullable, emptyBodyAsObject } from '../common-schemas';
import { buildSubmitRequest, programArguments } from '../jars/jar-runner';
import { JAR_ID_PATTERN, type JarStore } from '../jars/jar-store';
import type { RestBackend } from '../rest-server';
import { PlanResponse, planOf } from './job-plan-route';

/** Generous for a bundled job file, small enough that an upload cannot fill the disk by accident. */
export const MAX_JOB_FILE_BYTES = 50 * 1024 * 1024;

const UploadResponse = Type.Object({ filename: Type.String(), status: Type.Literal('success') });

export const JarList = Type.Object({
  address: Type.String(),
  files: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      uploaded: Type.Integer(),
      entry: Type.Array(Type.Object({ name: Type.String(), description: Nullable(Type.String()) })),
    }),
  ),
});

const JarIdParams = Type.Object({ jarid: Type.String({ pattern: JAR_ID_PATTERN }) });
type JarIdParams = Static<typeof JarIdParams>;

/** Flink's query parameters of GET /jars/:jarid/plan (`programArg` is Flink's name, whitespace-separated). */
const PlanQuery = Type.Object(
  {
    parallelism: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,4}$' })),
    programArg: Type.Optional(Type.String()),
    programArgs: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const RunBody = Type.Object(
  {
    parallelism: Type.Optional(Type.Integer({ minimum: 1, maximum: 32768 })),
    programArgs: Type.Optional(Type.String()),
    programArgsList: Type.Optional(Type.Array(Type.String())),
    savepointPath: Type.Optional(Nullable(Type.String())),
    allowNonRestoredState: Type.Optional(Type.Boolean()),
    /** Flink's; a job file has one entry point (its default export), so it is ignored. */
    entryClass: Type.Optional(Nullable(Type.String())),
  },
  { additionalProperties: false },
);

export interface JarsRouteOptions {
  /** How long an uploaded job file may take to bundle and build its graph. @default 30000 */
  readonly jobFileTimeoutMs?: number;
  /** The largest job file POST /jars/upload accepts; larger ones get 413. @default 52428800 (50 MiB) */
  readonly maxJobFileBytes?: number;
  /** Job builds (POST /jars/:jarid/run) running at once, each in its own worker. @default 2 */
  readonly maxConcurrentBuilds?: number;
  /** Builds waiting for a turn; beyond this, 429. @default 8 */
  readonly maxQueuedBuilds?: number;
  /** Heap limit of each build's worker. @default 256 */
  readonly maxBuildMemoryMb?: number;
}

const DEFAULT_CONCURRENT_BUILDS = 2;
const DEFAULT_QUEUED_BUILDS = 8;

/**
 * What the multipart parser throws on a malformed body ("Boundary not found", "Unexpected end
 * of multipart data") is the client's mistake: 400, never 500. Errors that already carry a 4xx
 * status (413 for the size limit) or are ours pass through.
 */
function malformedMultipart(err: unknown): never {
  if (err instanceof SluiceError) throw err;
  const status = (err as { statusCode?: unknown }).statusCode;
  if (status === 413) throw new TooLargeError(`The job file is over the upload limit`);
  if (typeof status === 'number' && status >= 400 && status < 500) throw err;
  throw new InvalidArgumentError(`Malformed multipart/form-data body: ${errorMessage(err)}. Upload the job file with curl -F "jarfile=@job.js" or a browser form`);
}

/**
 * Job submission without the CLI, as Flink's web submission works: POST /jars/upload stores a
 * job file (multipart field `jarfile`), GET /jars lists them, POST /jars/:jarid/run bundles,
 * builds and submits one, GET /jars/:jarid/plan builds its graph without submitting it (the
 * dashboard's "Show plan"), DELETE /jars/:jarid removes one. Multipart parsing is registered in
 * this scope only, so no other route accepts uploads.
 */
export function registerJarsRoutes(app: FastifyInstance, backend: RestBackend, jars: JarStore, restAddress: () => string, options: JarsRouteOptions = {}): void {
  const maxBytes = options.maxJobFileBytes ?? MAX_JOB_FILE_BYTES;
  const builds = new JobBuildLimiter(options.maxConcurrentBuilds ?? DEFAULT_CONCURRENT_BUILDS, options.maxQueuedBuilds ?? DEFAULT_QUEUED_BUILDS);
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 11 } });

    scope.post('/jars/upload', { schema: { response: { 200: UploadResponse, ...ERROR_RESPONSES } } }, async (request): Promise<Static<typeof UploadResponse>> => {
      if (!request.isMultipart()) throw new InvalidArgumentError(`Upload the job file as multipart/form-data in the field 'jarfile' (curl -F "jarfile=@job.js" ...)`);
      const part = await request.file().catch(malformedMultipart);
      if (!part) throw new InvalidArgumentError(`The request has no file: upload the job file in the multipart field 'jarfile'`);
      if (part.fieldname !== 'jarfile') {
        part.file.resume();
        throw new InvalidArgumentError(`The job file must be in the multipart field 'jarfile', not '${part.fieldname}'`);
      }
      // A refused upload (bad name, too large) must still drain the stream, or the request never ends.
      const stored = await jars.save(part.filename, part.file, maxBytes).catch(malformedMultipart).finally(() => part.file.resume());
      return { filename: stored.path, status: 'success' };
    });
  });

  app.get('/jars', { schema: { response: { 200: JarList } } }, async (): Promise<Static<typeof JarList>> => ({
    address: restAddress(),
    files: (await jars.list()).map((f) => ({ id: f.id, name: f.name, uploaded: f.uploaded, entry: [{ name: 'default', description: null }] })),
  }));

  app.delete<{ Params: JarIdParams }>('/jars/:jarid', { schema: { params: JarIdParams, response: { 200: Type.Object({}), ...ERROR_RESPONSES } } }, async (request) => {
    await jars.delete(request.params.jarid);
    return {};
  });

  app.get<{ Params: JarIdParams; Querystring: Static<typeof PlanQuery> }>(
    '/jars/:jarid/plan',
    { schema: { params: JarIdParams, querystring: PlanQuery, response: { 200: PlanResponse, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof PlanResponse>> => {
      const file = await jars.get(request.params.jarid);
      const q = request.query;
      const submit = await builds.run(() => buildSubmitRequest(file, {
        parallelism: q.parallelism === undefined ? 0 : Number(q.parallelism),
        args: programArguments(q.programArg ?? q.programArgs, undefined),
        savepointPath: '',
        allowNonRestoredState: false,
        timeoutMs: options.jobFileTimeoutMs,
        maxMemoryMb: options.maxBuildMemoryMb,
      }));
      // Nothing is submitted: the job has no id yet, so the plan carries none.
      return { plan: planOf('', submit.graph) };
    },
  );

  app.post<{ Params: JarIdParams; Body: Static<typeof RunBody> }>(
    '/jars/:jarid/run',
    { preValidation: emptyBodyAsObject, schema: { params: JarIdParams, body: RunBody, response: { 200: Type.Object({ jobid: Type.String() }), ...ERROR_RESPONSES } } },
    async (request): Promise<{ jobid: string }> => {
      const body = request.body;
      const file = await jars.get(request.params.jarid);
      const submit = await builds.run(() => buildSubmitRequest(file, {
        parallelism: body.parallelism ?? 0,
        args: programArguments(body.programArgs, body.programArgsList),
        savepointPath: body.savepointPath ?? '',
        allowNonRestoredState: body.allowNonRestoredState ?? false,
        timeoutMs: options.jobFileTimeoutMs,
        maxMemoryMb: options.maxBuildMemoryMb,
      }));
      // As the gRPC SubmitJob: a savepoint to restore from is read and mapped before anything starts.
      return { jobid: await backend.dispatcher.submitAsync(submit) };
    },
  );
}
