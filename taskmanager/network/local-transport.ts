import { Link, type LinkHandler } from './link';
import type { WireMessage } from './wire-messages';

/**
 * The link from a worker to itself (producer and consumer in the same thread). Messages,
 * including { kind: 'records' } batches, pass by reference, but through the same protocol
 * and credit accounting as the other transports, so back-pressure behaves identically.
 *
 * Delivery is deferred to setImmediate (one per batch of messages, not per message) rather
 * than done synchronously: a synchronous send would run the consumer's onAvailable inside the
 * producer's send() (re-entrancy between two tasks), and a microtask chain
 * (send → poll → credit → send ...) could starve the event loop's I/O.
 */
export class LocalLink extends Link {
  private pending: WireMessage[] = [];
  private spare: WireMessage[] = [];
  private immediate: NodeJS.Immediate | undefined;
  private readonly flushBound = (): void => this.flush();

  constructor(handler: LinkHandler) {
    super('local', 'local', handler);
  }

  send(wire: WireMessage): void {
    if (!this.usable) return;
    this.pending.push(wire);
    if (this.immediate === undefined) this.immediate = setImmediate(this.flushBound);
  }

  protected dispose(): void {
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.immediate = undefined;
    this.pending.length = 0;
  }

  private flush(): void {
    this.immediate = undefined;
    // Swap buffers: handlers may send (credits) while we deliver; those go to the next round.
    const batch = this.pending;
    this.pending = this.spare;
    this.spare = batch;
    try {
      for (let i = 0; i < batch.length && this.usable; i++) this.handler.onWire(this, batch[i]!);
    } finally {
      batch.length = 0;
    }
  }
}
