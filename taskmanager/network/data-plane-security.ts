import * as crypto from 'node:crypto';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { NO_SECURITY, type SecurityConfig } from '../../common/security';

/**
 * The data plane's authentication: a producer's first 32 bytes on a new connection are a digest
 * of the cluster token; the consumer compares them in constant time and closes the connection
 * at once when they differ or do not come within HANDSHAKE_TIMEOUT_MS. Over TLS the digest is
 * as secret as the token; without TLS it keeps the token itself off the wire but can be
 * replayed by whoever can read the traffic (docs/security.md: use TLS off loopback).
 */
export const HANDSHAKE_BYTES = 32;
export const HANDSHAKE_TIMEOUT_MS = 5_000;

export function handshakeDigest(token: string): Buffer {
  return crypto.createHash('sha256').update('sluice data plane\0').update(token).digest();
}

/** A plain or TLS connection to a data port; `ready` fires once it can carry data. */
export function openDataSocket(host: string, port: number, security: SecurityConfig = NO_SECURITY): { socket: net.Socket; ready: 'connect' | 'secureConnect' } {
  if (!security.tls) return { socket: net.connect({ host, port, noDelay: true }), ready: 'connect' };
  const socket = tls.connect({ host, port, ca: security.tlsCa || undefined, servername: net.isIP(host) ? undefined : host });
  return { socket, ready: 'secureConnect' };
}

/** The producer's half of the handshake: written before anything else on the connection. */
export function sendHandshake(socket: net.Socket, security: SecurityConfig): void {
  if (security.token !== '') socket.write(handshakeDigest(security.token));
}

/** A plain or TLS data port server: `onConnection` gets sockets ready to carry data. */
export function createDataServer(security: SecurityConfig, onConnection: (socket: net.Socket) => void): net.Server {
  if (security.tlsCert === '') return net.createServer({ noDelay: true }, onConnection);
  return tls.createServer({ cert: security.tlsCert, key: security.tlsKey, noDelay: true, handshakeTimeout: HANDSHAKE_TIMEOUT_MS }, onConnection);
}

/**
 * The consumer's half: calls `onAuthenticated` with the socket (its first bytes consumed) once
 * the digest matches; otherwise destroys the socket and calls `onRefused` with the reason.
 */
export function authenticateDataConnection(socket: net.Socket, token: string, onAuthenticated: (socket: net.Socket) => void, onRefused: (reason: string) => void): void {
  if (token === '') {
    onAuthenticated(socket);
    return;
  }
  const expected = handshakeDigest(token);
  const chunks: Buffer[] = [];
  let received = 0;
  const finish = (reason: string | undefined): void => {
    clearTimeout(timer);
    socket.off('data', onData);
    socket.off('close', onClose);
    if (reason !== undefined) {
      socket.destroy();
      onRefused(reason);
      return;
    }
    socket.pause();
    const all = Buffer.concat(chunks);
    if (all.length > HANDSHAKE_BYTES) socket.unshift(all.subarray(HANDSHAKE_BYTES));
    onAuthenticated(socket);
  };
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk);
    received += chunk.length;
    if (received < HANDSHAKE_BYTES) return;
    const presented = Buffer.concat(chunks).subarray(0, HANDSHAKE_BYTES);
    finish(crypto.timingSafeEqual(presented, expected) ? undefined : 'a wrong auth token');
  };
  const onClose = (): void => finish('no auth token before closing');
  const timer = setTimeout(() => finish(`no auth token within ${HANDSHAKE_TIMEOUT_MS} ms`), HANDSHAKE_TIMEOUT_MS);
  timer.unref();
  socket.on('data', onData);
  socket.once('close', onClose);
}
