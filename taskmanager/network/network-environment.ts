import type * as net from 'node:net';
import type { MessagePort as WorkerMessagePort } from 'node:worker_threads';
import { SluiceError } from '../../common/errors';
import { Logger } from '../../common/logger';
import type {
  ChannelLocation,
  InputChannel,
  NetworkEnvironment,
  NetworkOptions,
  OutputChannel,
} from './channel-types';
import { CreditBasedInputChannel, CreditBatcher } from './credit-based-input-channel';
import { CreditBasedOutputChannel } from './credit-based-output-channel';
import type { Link, LinkHandler } from './link';
import { LocalLink } from './local-transport';
import { PeerLink } from './peer-transport';
import { CONNECT_RETRY_MS, TcpLink, listenDataPort } from './tcp-transport';
import { WIRE, type WireMessage } from './wire-messages';
import { authenticateDataConnection } from './data-plane-security';
import { NO_SECURITY } from '../../common/security';

const log = new Logger('network');

/** Opens of not-yet-registered channels one TCP connection may hold (see acceptRemoteOpen). */
export const MAX_HELD_OPENS_PER_LINK = 1024;
/** channelKey() gives well under 200 characters. */
const MAX_CHANNEL_KEY_LENGTH = 512;

/** Credits a consumer grants per channel unless configured. */
export const DEFAULT_INITIAL_CREDITS = 4;
/** Backlog at which an output channel turns unwritable unless configured. */
export const DEFAULT_MAX_BACKLOG = 2;

/** NetworkOptions plus knobs the contract leaves to the implementation. */
export interface NetworkEnvironmentOptions extends NetworkOptions {
  /** How long a producer retries connecting to a remote data port. @default 2000 */
  connectRetryMs?: number;
}

/** Open TCP connections of an environment (for tests and metrics). */
export interface ConnectionCounts {
  /** Connections this worker opened to other workers' data ports. */
  outgoing: number;
  /** Connections other workers opened to this worker's data port. */
  accepted: number;
}

/**
 * Starts a worker's data plane: listens on its data port, attaches its peer ports and returns
 * the factory for every channel of that worker.
 */
export async function createNetworkEnvironment(options: NetworkEnvironmentOptions): Promise<CreditBasedNetworkEnvironment> {
  const env = new CreditBasedNetworkEnvironment(options);
  await env.start();
  return env;
}

/**
 * Owns the links (itself, peers, remote data ports) and routes protocol messages arriving on
 * them: OPEN/MSG/CLOSE to the input channels by key, CREDIT to the link's output channels.
 */
export class CreditBasedNetworkEnvironment implements NetworkEnvironment, LinkHandler {
  private readonly host: string;
  private readonly initialCredits: number;
  private readonly maxBacklog: number;
  private readonly credits = new CreditBatcher();
  /** Consumer side, by key: registered channels and producers' opens awaiting registration. */
  private readonly inputs = new Map<string, CreditBasedInputChannel>();
  private readonly localLink: LocalLink;
  private readonly peerLinks = new Map<number, PeerLink>();
  /** Our outgoing connections, one per remote data port ("host:port"). */
  private readonly remoteLinks = new Map<string, TcpLink>();
  /** Connections other workers opened to our data port. */
  private readonly acceptedLinks = new Set<TcpLink>();
  private readonly forgetInput = (channel: CreditBasedInputChannel): void => {
    if (this.inputs.get(channel.key) === channel) this.inputs.delete(channel.key);
  };
  private server: net.Server | undefined;
  private closed = false;
  private port = 0;

  /** Use createNetworkEnvironment(), which also binds the data port. */
  constructor(private readonly options: NetworkEnvironmentOptions) {
    this.host = options.host || '127.0.0.1';
    this.initialCredits = positiveInt(options.initialCredits ?? DEFAULT_INITIAL_CREDITS, 'initialCredits');
    this.maxBacklog = positiveInt(options.maxBacklog ?? DEFAULT_MAX_BACKLOG, 'maxBacklog');
    this.localLink = new LocalLink(this);
    for (const [slot, port] of options.peers) {
      if (slot !== options.slot) this.peerLinks.set(slot, new PeerLink(port as WorkerMessagePort, slot, this));
    }
  }

  get dataPort(): number {
    return this.port;
  }

  async start(): Promise<void> {
    const security = this.options.security ?? NO_SECURITY;
    const accept = (socket: net.Socket): void => {
      if (this.closed) {
        socket.destroy();
        return;
      }
      this.acceptedLinks.add(TcpLink.accept(socket, this));
    };
    this.server = await listenDataPort(
      this.host,
      this.options.port,
      (socket) =>
        authenticateDataConnection(socket, security.token, accept, (reason) =>
          log.warn('data connection refused: not authenticated', { peer: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`, reason }),
        ),
      undefined,
      security,
    );
    const address = this.server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : this.options.port;
  }

  /** Open TCP connections, outgoing and accepted. */
  connectionCounts(): ConnectionCounts {
    return { outgoing: this.remoteLinks.size, accepted: this.acceptedLinks.size };
  }

  /** True if a producer opened `key` and no consumer has registered it yet. */
  isOpenPending(key: string): boolean {
    const channel = this.inputs.get(key);
    return channel !== undefined && !channel.registered && channel.link !== undefined;
  }

  createOutputChannel(key: string, location: ChannelLocation): OutputChannel {
    this.assertOpen();
    const link = this.linkFor(location);
    if (link.outputs.has(key)) throw new SluiceError('ILLEGAL_STATE', `output channel ${key} already exists`);
    const channel = new CreditBasedOutputChannel(key, link, this.maxBacklog);
    channel.open();
    return channel;
  }

  createInputChannel(key: string): InputChannel {
    this.assertOpen();
    let channel = this.inputs.get(key);
    if (channel === undefined) {
      channel = this.newInput(key);
    } else if (channel.registered) {
      throw new SluiceError('ILLEGAL_STATE', `input channel ${key} already exists`);
    }
    channel.register();
    return channel;
  }

  releaseChannels(keyPrefix: string): void {
    this.release(keyPrefix, true);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Consumers are not sent CLOSE: for them our unfinished streams break, as they should.
    this.release('', false);
    for (const link of this.allLinks()) link.close();
    this.remoteLinks.clear();
    this.acceptedLinks.clear();
    this.peerLinks.clear();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  onWire(link: Link, wire: WireMessage): void {
    switch (wire.t) {
      case WIRE.MSG: {
        const channel = this.inputs.get(wire.key);
        // Unknown key or another producer's link: a released/cancelled attempt, drop it.
        if (channel !== undefined && channel.link === link) channel.deliver(wire.m);
        return;
      }
      case WIRE.CREDIT:
        link.outputs.get(wire.key)?.addCredit(wire.n);
        return;
      case WIRE.OPEN: {
        if (this.closed) return;
        if (link instanceof TcpLink && !this.acceptRemoteOpen(link, wire.key)) return;
        // The consumer may not be deployed yet: then the open is held until it registers.
        const channel = this.inputs.get(wire.key) ?? this.newInput(wire.key);
        if (channel.opened) {
          log.warn('duplicate open ignored', { key: wire.key, link: link.name });
          return;
        }
        channel.bindProducer(link);
        return;
      }
      case WIRE.CLOSE: {
        const channel = this.inputs.get(wire.key);
        if (channel === undefined || channel.link !== link) return;
        channel.producerClosed();
        // Never registered: nothing was sent (no credit), nobody to tell; forget it.
        if (!channel.registered) this.inputs.delete(wire.key);
        return;
      }
    }
  }

  /**
   * An OPEN from another process names a channel no task here may have registered yet; it is
   * held until one does. Held opens are bounded per connection (legitimate ones are one per
   * edge between two workers) and so are key lengths, so forged
   * OPEN frames cannot grow this worker's memory: the connection is closed instead.
   */
  private acceptRemoteOpen(link: TcpLink, key: string): boolean {
    if (key.length === 0 || key.length > MAX_CHANNEL_KEY_LENGTH) {
      link.protocolViolation(`an OPEN with a channel key of ${key.length} characters`);
      return false;
    }
    if (this.inputs.get(key)?.registered) return true;
    let held = 0;
    for (const c of link.inputs) if (!c.registered) held++;
    if (held >= MAX_HELD_OPENS_PER_LINK) {
      link.protocolViolation(`more than ${MAX_HELD_OPENS_PER_LINK} OPENs of channels no task here consumes`);
      return false;
    }
    return true;
  }

  onLinkFailed(link: Link, err: Error): void {
    if (link instanceof TcpLink) {
      for (const [endpoint, remote] of this.remoteLinks) if (remote === link) this.remoteLinks.delete(endpoint);
      this.acceptedLinks.delete(link);
    }
    const outputs = [...link.outputs.values()];
    const inputs = [...link.inputs];
    link.outputs.clear();
    link.inputs.clear();
    if (outputs.length > 0 || inputs.some((c) => !c.finished)) {
      log.warn('data link failed', { link: link.name, outputs: outputs.length, inputs: inputs.length, error: err.message });
    }
    for (const channel of outputs) channel.fail(err);
    for (const channel of inputs) {
      if (!channel.registered) this.forgetInput(channel); // a pending open: its producer is gone
      channel.linkFailed(err);
    }
  }

  private release(keyPrefix: string, notifyConsumers: boolean): void {
    try {
      for (const [key, channel] of this.inputs) {
        if (!key.startsWith(keyPrefix)) continue;
        channel.release();
        this.inputs.delete(key);
      }
      for (const link of this.allLinks()) {
        for (const [key, channel] of link.outputs) if (key.startsWith(keyPrefix)) channel.release(notifyConsumers);
      }
    } catch (err) {
      log.error('releasing channels failed', { prefix: keyPrefix, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private linkFor(location: ChannelLocation): Link {
    switch (location.kind) {
      case 'local':
        return this.localLink;
      case 'peer': {
        if (location.slot === this.options.slot) return this.localLink;
        const link = this.peerLinks.get(location.slot);
        if (link === undefined) {
          throw new SluiceError('INTERNAL', `no MessagePort to slot ${location.slot} (this is slot ${this.options.slot})`);
        }
        return link;
      }
      case 'remote': {
        const endpoint = `${location.host}:${location.port}`;
        let link = this.remoteLinks.get(endpoint);
        if (link === undefined) {
          link = TcpLink.connect(location.host, location.port, this, this.options.connectRetryMs ?? CONNECT_RETRY_MS, this.options.security);
          this.remoteLinks.set(endpoint, link);
        }
        return link;
      }
    }
  }

  private newInput(key: string): CreditBasedInputChannel {
    const channel = new CreditBasedInputChannel(key, this.initialCredits, this.credits, this.forgetInput);
    this.inputs.set(key, channel);
    return channel;
  }

  private *allLinks(): Iterable<Link> {
    yield this.localLink;
    yield* this.peerLinks.values();
    yield* this.remoteLinks.values();
    yield* this.acceptedLinks;
  }

  private assertOpen(): void {
    if (this.closed) throw new SluiceError('ILLEGAL_STATE', 'network environment is closed');
  }
}

function positiveInt(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new SluiceError('INVALID_ARGUMENT', `${name} must be a positive integer, got ${value}`);
  return value;
}
