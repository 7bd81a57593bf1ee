import type { MessagePort } from 'node:worker_threads';
import { UnreachableError } from '../../common/errors';
import { Logger } from '../../common/logger';
import type { ChannelMessage } from './channel-types';
import { Link, type LinkHandler } from './link';
import { WIRE, isWireMessage, type WireMessage } from './wire-messages';

const log = new Logger('network/peer');

type BufferMessage = Extract<ChannelMessage, { kind: 'buffer' }>;

/**
 * The link to another slot worker of the same TaskManager, over one MessagePort of the mesh the
 * TaskManager created. The port carries both directions' traffic for every channel between the
 * two workers; the environment demultiplexes by message type and key.
 *
 * Batches cross without serialization: an ArrayBuffer the message exclusively owns is
 * transferred (zero copy); a view into a larger buffer (e.g. the codec's shared output buffer)
 * is copied to an exact-size buffer first, which is then transferred. Posting the view itself
 * would structured-clone its whole backing ArrayBuffer, not just the view.
 */
export class PeerLink extends Link {
  private readonly transferList: ArrayBuffer[] = [];
  private readonly onMessage = (value: unknown): void => {
    if (!this.usable) return;
    if (isWireMessage(value)) this.handler.onWire(this, value);
    else log.warn('dropping malformed message from peer', { peer: this.name });
  };
  private readonly onMessageError = (err: Error): void => {
    this.fail(new UnreachableError(`peer ${this.name}: message could not be deserialized`, err));
  };
  private readonly onClose = (): void => {
    this.fail(new UnreachableError(`peer ${this.name} closed its port (worker gone?)`));
  };

  constructor(
    private readonly port: MessagePort,
    readonly slot: number,
    handler: LinkHandler,
  ) {
    super('peer', `slot ${slot}`, handler);
    port.on('message', this.onMessage);
    port.on('messageerror', this.onMessageError);
    port.on('close', this.onClose);
  }

  send(wire: WireMessage): void {
    if (!this.usable) return;
    if (wire.t === WIRE.MSG && wire.m.kind === 'buffer') this.sendBuffer(wire.key, wire, wire.m);
    else this.port.postMessage(wire);
  }

  protected dispose(): void {
    this.port.off('message', this.onMessage);
    this.port.off('messageerror', this.onMessageError);
    this.port.off('close', this.onClose);
    // Closing also closes the peer's end: its environment fails the channels it had with us.
    this.port.close();
  }

  private sendBuffer(key: string, wire: WireMessage, m: BufferMessage): void {
    const data = m.data;
    const buffer = data.buffer;
    const list = this.transferList;
    if (buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === buffer.byteLength) {
      list[0] = buffer;
      try {
        this.port.postMessage(wire, list);
        return;
      } catch {
        // Untransferable buffer (e.g. marked so by Node): fall back to a copy below.
      } finally {
        list.length = 0;
      }
    }
    const copy = new Uint8Array(data); // copies exactly the view's bytes
    list[0] = copy.buffer;
    try {
      this.port.postMessage({ t: WIRE.MSG, key, m: { kind: 'buffer', data: copy, records: m.records } }, list);
    } finally {
      list.length = 0;
    }
  }
}
