import * as grpc from '@grpc/grpc-js';
import { bearerToken, type SecurityConfig, tokenMatches } from '../common/security';
import { CLIENT_CHANNEL_OPTIONS } from './grpc-calls';

/** The metadata key gRPC calls carry the shared secret in (as HTTP's Authorization header). */
const AUTHORIZATION = 'authorization';

/** TLS from the process's PEM files, or plaintext. */
export function grpcServerCredentials(security: SecurityConfig): grpc.ServerCredentials {
  if (security.tlsCert === '') return grpc.ServerCredentials.createInsecure();
  return grpc.ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(security.tlsCert), private_key: Buffer.from(security.tlsKey) }], false);
}

/**
 * Server options that refuse every call without the token with UNAUTHENTICATED before any
 * handler runs (an interceptor sees the metadata first). Without a token: no interceptor.
 */
export function grpcServerOptions(security: SecurityConfig, base: grpc.ServerOptions): grpc.ServerOptions {
  if (security.token === '') return base;
  const token = security.token;
  const authenticate: grpc.ServerInterceptor = (_method, call) =>
    new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, nextMetadata) => {
            const value = metadata.get(AUTHORIZATION)[0];
            if (tokenMatches(bearerToken(typeof value === 'string' ? value : undefined), token)) nextMetadata(metadata);
            else call.sendStatus({ code: grpc.status.UNAUTHENTICATED, details: 'Missing or wrong auth token: give the cluster\'s token (SLUICE_AUTH_TOKEN or --auth-token-file)', metadata: new grpc.Metadata() });
          },
        }),
    });
  return { ...base, interceptors: [...(base.interceptors ?? []), authenticate] };
}

/** TLS verified against the CA (or the system's roots), or plaintext. */
export function grpcChannelCredentials(security: SecurityConfig): grpc.ChannelCredentials {
  if (!security.tls) return grpc.credentials.createInsecure();
  return grpc.credentials.createSsl(security.tlsCa ? Buffer.from(security.tlsCa) : null);
}

/** Client options that put the token into every call's metadata. */
export function grpcClientOptions(security: SecurityConfig, base: grpc.ClientOptions = CLIENT_CHANNEL_OPTIONS): grpc.ClientOptions {
  if (security.token === '') return base;
  const header = `Bearer ${security.token}`;
  const presentToken: grpc.Interceptor = (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start: (metadata, listener, next) => {
        metadata.set(AUTHORIZATION, header);
        next(metadata, listener);
      },
    });
  return { ...base, interceptors: [...((base.interceptors as grpc.Interceptor[] | undefined) ?? []), presentToken] };
}

/** A client of one of our services at `address`, with the process's TLS and token. */
export function securedClient(Service: grpc.ServiceClientConstructor, address: string, security: SecurityConfig): grpc.Client {
  return new Service(address, grpcChannelCredentials(security), grpcClientOptions(security));
}
