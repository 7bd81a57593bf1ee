import * as net from 'node:net';
import { PackrStream, UnpackrStream } from 'msgpackr';
import { UnreachableError } from '../../common/errors';
import { Logger } from '../../common/logger';
import { Link, type LinkHandler } from './link';
import { toError } from './listeners';
import { isWireMessage, type WireMessage } from './wire-messages';
import { createDataServer, openDataSocket, sendHandshake } from './data-plane-security';
import { NO_SECURITY, type SecurityConfig } from '../../common/security';

const log = new Logger('network/tcp');

/** How long a producer keeps retrying to connect: the consumer's worker may still be starting. */
export const CONNECT_RETRY_MS = 2_000;
const FIRST_BACKOFF_MS = 10;
const MAX_BACKOFF_MS = 200;

/**
 * msgpack options for the wire. No records/structures: every frame must decode on its own
 * (no shared state to lose across a reconnect), and our envelopes are tiny next to the batch.
 * Uint8Array payloads encode as msgpack bin and decode as Buffer views into the received
 * chunk (no copy; the chunk is not reused by Node).
 */
function codecOptions(): { useRecords: false } {
  return { useRecords: false };
}

/**
 * One TCP connection to another worker's data port, multiplexing every channel between the
 * two environments in both directions of the protocol. Framing is msgpack's own: a PackrStream
 * piped into the socket and the socket piped into an UnpackrStream.
 *
 * A producer side link is created before it is connected: messages written meanwhile (OPEN,
 * CLOSE; data needs credit, which needs a connection) wait in the PackrStream until the socket
 * is up. Memory on the socket is bounded by the credit protocol, not by socket back-pressure.
 */
export class TcpLink extends Link {
  private readonly packr = new PackrStream(codecOptions());
  private socket: net.Socket | undefined;
  /** The socket the encoder is piped into (set once connected and authenticated). */
  private attached: net.Socket | undefined;
  private unpackr: UnpackrStream | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private lastSocketError: Error | undefined;
  /**
   * Frames sent in one tick (a flush's buffers, credits of a turn's polls) leave in one write:
   * the socket is corked at the first and uncorked once the current callback returns, before
   * the event loop goes on (process.nextTick), so nothing waits. A write per frame was the
   * slot thread's largest cost at 5,000 records/s (a syscall with loopback delivery each).
   */
  private corked: net.Socket | undefined;
  private readonly uncork = (): void => {
    const socket = this.corked;
    this.corked = undefined;
    socket?.uncork();
  };
  private readonly onData = (value: unknown): void => {
    if (!this.usable) return;
    if (isWireMessage(value)) this.handler.onWire(this, value);
    else this.protocolViolation('a frame that is not a data-plane message');
  };

  private constructor(
    name: string,
    handler: LinkHandler,
    private readonly security: SecurityConfig = NO_SECURITY,
  ) {
    super('remote', name, handler);
    this.packr.on('error', (err: Error) => this.fail(new UnreachableError(`data connection ${this.name}: encoding failed`, err)));
  }

  /** Producer side: connects to host:port (TLS and the token handshake per `security`), retrying for `retryMs` with backoff. */
  static connect(host: string, port: number, handler: LinkHandler, retryMs = CONNECT_RETRY_MS, security: SecurityConfig = NO_SECURITY): TcpLink {
    const link = new TcpLink(`${host}:${port}`, handler, security);
    link.connectAttempt(host, port, Date.now() + retryMs, FIRST_BACKOFF_MS);
    return link;
  }

  /** Consumer side: wraps a socket the data server accepted (and authenticated). */
  static accept(socket: net.Socket, handler: LinkHandler): TcpLink {
    const link = new TcpLink(`${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`, handler);
    link.attach(socket);
    return link;
  }

  send(wire: WireMessage): void {
    if (!this.usable) return;
    const socket = this.attached;
    if (this.corked === undefined && socket !== undefined) {
      this.corked = socket;
      socket.cork();
      process.nextTick(this.uncork);
    }
    try {
      this.packr.write(wire);
    } catch (err) {
      // A throwing encoder leaves the stream mid-write: nothing after it could be sent.
      this.fail(new UnreachableError(`data connection ${this.name}: cannot encode message`, toError(err)));
      throw err;
    }
  }

  /**
   * The peer broke the protocol (garbage, a forged frame, too many channels): the connection
   * is closed at once and logged once. Garbage never turns into a stream of warnings, and a
   * peer that sends it gets nothing more through.
   */
  protocolViolation(reason: string): void {
    if (!this.usable) return;
    log.warn('closing data connection: protocol violation', { link: this.name, reason });
    this.fail(new UnreachableError(`data connection ${this.name} closed: it sent ${reason}`));
  }

  protected dispose(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.packr.unpipe();
    this.packr.destroy();
    this.unpackr?.destroy();
    this.socket?.destroy();
  }

  private connectAttempt(host: string, port: number, deadline: number, backoffMs: number): void {
    this.retryTimer = undefined;
    if (!this.usable) return;
    const { socket, ready } = openDataSocket(host, port, this.security);
    this.socket = socket;
    const onConnectError = (err: Error): void => {
      socket.destroy();
      if (this.socket === socket) this.socket = undefined;
      if (!this.usable) return;
      if (Date.now() + backoffMs > deadline) {
        this.fail(new UnreachableError(`cannot connect to data port ${this.name}: ${err.message}`, err));
        return;
      }
      this.retryTimer = setTimeout(
        () => this.connectAttempt(host, port, deadline, Math.min(backoffMs * 2, MAX_BACKOFF_MS)),
        backoffMs,
      );
    };
    socket.once('error', onConnectError);
    socket.once(ready, () => {
      socket.off('error', onConnectError);
      sendHandshake(socket, this.security);
      this.attach(socket);
    });
  }

  private attach(socket: net.Socket): void {
    this.socket = socket;
    this.attached = socket;
    socket.setNoDelay(true);
    const unpackr = new UnpackrStream(codecOptions());
    this.unpackr = unpackr;
    socket.on('error', (err: Error) => {
      this.lastSocketError = err; // 'close' follows and reports it
    });
    socket.on('close', () => {
      const cause = this.lastSocketError;
      this.fail(new UnreachableError(`data connection ${this.name} lost${cause ? `: ${cause.message}` : ''}`, cause));
    });
    unpackr.on('data', this.onData);
    unpackr.on('error', (err: Error) => this.protocolViolation(`bytes that do not decode as msgpack (${err.message})`));
    socket.pipe(unpackr);
    this.packr.pipe(socket);
  }
}

/**
 * Connections a data port holds at once. Legitimate ones are one per producing worker of the
 * cluster; the bound keeps anyone who can reach the port from holding sockets without limit.
 */
export const MAX_DATA_CONNECTIONS = 1024;

/** The data port server (TLS per `security`); every accepted connection becomes a TcpLink. */
export async function listenDataPort(
  host: string,
  port: number,
  onConnection: (socket: net.Socket) => void,
  maxConnections = MAX_DATA_CONNECTIONS,
  security: SecurityConfig = NO_SECURITY,
): Promise<net.Server> {
  const server = createDataServer(security, onConnection);
  // A plaintext client or a wrong certificate: that connection is closed; one line, no stack.
  server.on('tlsClientError', (err: Error) => log.warn('data connection refused: TLS handshake failed', { error: err.message }));
  server.maxConnections = maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log.error('data port server error', { error: err.message }));
  return server;
}
