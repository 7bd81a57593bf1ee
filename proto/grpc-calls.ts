import * as grpc from '@grpc/grpc-js';
import { type ErrorCode, type ErrorDomain, SluiceError, UnreachableError } from '../common/errors';
import { ERROR_STATUSES, isErrorCode } from '../common/error-statuses';

/**
 * Promise wrappers around grpc-js unary calls, and the one place where SluiceErrors cross
 * the wire: the server puts code, domain and retryable in the status metadata (the gRPC
 * status comes from common/error-statuses.ts), the client rebuilds a SluiceError from them.
 */

const CODE_KEY = 'sluice-error-code';
const DOMAIN_KEY = 'sluice-error-domain';
const RETRYABLE_KEY = 'sluice-error-retryable';

export function toGrpcError(err: unknown): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  if (err instanceof SluiceError) {
    metadata.set(CODE_KEY, err.code);
    metadata.set(DOMAIN_KEY, err.domain);
    metadata.set(RETRYABLE_KEY, String(err.retryable));
    return { code: ERROR_STATUSES[err.code].grpc as grpc.status, details: err.message, metadata };
  }
  const message = err instanceof Error ? err.message : String(err);
  metadata.set(CODE_KEY, 'INTERNAL');
  return { code: grpc.status.INTERNAL, details: message, metadata };
}

/** Wraps a promise-returning handler as a grpc-js unary handler. */
export function unaryHandler<Req, Res>(fn: (req: Req) => Promise<Res> | Res): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => fn(call.request))
      .then(
        (res) => callback(null, res),
        (err) => callback(toGrpcError(err) as grpc.ServiceError),
      );
  };
}

export function fromGrpcError(err: grpc.ServiceError, target: string): SluiceError {
  const codeMeta = err.metadata?.get(CODE_KEY)[0];
  if (!codeMeta && (err.code === grpc.status.UNAVAILABLE || err.code === grpc.status.DEADLINE_EXCEEDED))
    return new UnreachableError(`Cannot reach ${target}: ${err.details || err.message}`, err);
  // Refused by the auth interceptor, before any handler: the caller's configuration is wrong.
  if (!codeMeta && err.code === grpc.status.UNAUTHENTICATED) return new SluiceError('INVALID_ARGUMENT', `${target} refused the call: ${err.details || err.message}`, { domain: 'user' });
  const code: ErrorCode = isErrorCode(codeMeta) ? codeMeta : 'INTERNAL';
  const domainMeta = String(err.metadata?.get(DOMAIN_KEY)[0] ?? '');
  const domain: ErrorDomain = domainMeta === 'user' || domainMeta === 'external' || domainMeta === 'internal' ? domainMeta : 'internal';
  const retryable = String(err.metadata?.get(RETRYABLE_KEY)[0] ?? '') === 'true';
  return new SluiceError(code, err.details || err.message, { domain, retryable });
}

type UnaryMethod<Req, Res> = (req: Req, meta: grpc.Metadata, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: Res) => void) => void;

export function callUnary<Req, Res>(client: grpc.Client, method: string, req: Req, target: string, timeoutMs = 10_000): Promise<Res> {
  const fn = (client as unknown as Record<string, UnaryMethod<Req, Res>>)[method];
  if (typeof fn !== 'function') throw new Error(`no gRPC method ${method}`);
  return new Promise((resolve, reject) => {
    fn.call(client, req, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => {
      if (err) reject(fromGrpcError(err, target));
      else resolve(res as Res);
    });
  });
}

/**
 * Wraps every handler of a service so that it answers only while `active()` holds (the
 * leader JobManager); otherwise with a NOT_LEADER error carrying `refusal()`.
 */
export function gateService(implementation: grpc.UntypedServiceImplementation, active: () => boolean, refusal: () => SluiceError): grpc.UntypedServiceImplementation {
  const gated: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(implementation)) {
    gated[name] = ((call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>, callback?: grpc.sendUnaryData<unknown>) => {
      if (active()) return (handler as (...args: unknown[]) => unknown)(call, callback);
      const err = toGrpcError(refusal()) as grpc.ServiceError;
      if (callback) callback(err);
      else (call as grpc.ServerWritableStream<unknown, unknown>).emit('error', err);
    }) as grpc.UntypedHandleCall;
  }
  return gated;
}

/** Client channel options shared by all processes: fail fast on a dead peer, keep idle channels alive. */
export const CLIENT_CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.max_receive_message_length': 256 * 1024 * 1024,
  'grpc.max_send_message_length': 256 * 1024 * 1024,
  'grpc.initial_reconnect_backoff_ms': 200,
  'grpc.max_reconnect_backoff_ms': 2_000,
};

export const SERVER_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': 256 * 1024 * 1024,
  'grpc.max_send_message_length': 256 * 1024 * 1024,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
};
