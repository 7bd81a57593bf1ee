import { SluiceError } from '../../common/errors';
import type { ChannelMessage, OutputChannel } from './channel-types';
import type { Link } from './link';
import { notifyAll, notifyAllErrors, toError } from './listeners';
import { MessageQueue } from './message-queue';
import { WIRE } from './wire-messages';

type OutputState = 'open' | 'closing' | 'closed' | 'released' | 'failed';

/**
 * The producer side of a channel, on any transport. A message goes on the link only against a
 * credit the consumer granted; without credit it waits in the backlog, and the channel reports
 * unwritable once the backlog reaches maxBacklog. Producers that respect isWritable() thus
 * hold at most maxBacklog (+ the message that crossed the line) locally, and the consumer at
 * most its initial credits: memory stays bounded however slow the consumer is.
 *
 * Ownership: send() takes ownership of a buffer message's `data`. On peer channels an
 * exclusively owned ArrayBuffer is transferred (detached from the sender), so the same
 * Uint8Array must not be sent on several channels or reused afterwards.
 */
export class CreditBasedOutputChannel implements OutputChannel {
  readonly isLocal: boolean;
  private credit = 0;
  private readonly queue: MessageQueue<ChannelMessage>;
  /** Set when the backlog reached maxBacklog; onWritable fires when it drops below again. */
  private unwritable = false;
  private state: OutputState = 'open';
  private failure: Error | undefined;
  private readonly writableListeners: (() => void)[] = [];
  private readonly errorListeners: ((err: Error) => void)[] = [];

  constructor(
    readonly key: string,
    private readonly link: Link,
    private readonly maxBacklog: number,
  ) {
    this.isLocal = link.kind === 'local';
    this.queue = new MessageQueue(maxBacklog + 1);
  }

  get backlog(): number {
    return this.queue.length;
  }

  /** Registers the channel on its link and announces it to the consumer. */
  open(): void {
    if (this.link.failure) {
      this.fail(this.link.failure);
      return;
    }
    this.link.outputs.set(this.key, this);
    this.transmitWire(WIRE.OPEN);
  }

  send(msg: ChannelMessage): void {
    if (this.state !== 'open') {
      // A released channel belongs to a cancelled attempt: its output is moot, not an error.
      if (this.state === 'released') return;
      if (this.state === 'failed') throw this.failure;
      throw new SluiceError('ILLEGAL_STATE', `send() on closed output channel ${this.key}`);
    }
    if (msg.kind === 'records' && !this.isLocal) {
      throw new SluiceError(
        'INTERNAL',
        `channel ${this.key} is not local: 'records' messages cannot leave their worker thread; encode them as a 'buffer' with common/record-codec`,
      );
    }
    if (msg.kind === 'buffer' && msg.records > 0 && msg.data.byteLength === 0) {
      throw new SluiceError(
        'INTERNAL',
        `channel ${this.key}: buffer is empty or detached (already transferred to another channel?); send() takes ownership of msg.data`,
      );
    }
    if (this.credit > 0 && this.queue.length === 0) {
      this.credit--;
      this.transmit(msg);
      return;
    }
    this.queue.push(msg);
    if (this.queue.length >= this.maxBacklog) this.unwritable = true;
  }

  isWritable(): boolean {
    return this.queue.length < this.maxBacklog;
  }

  onWritable(listener: () => void): void {
    this.writableListeners.push(listener);
  }

  onError(listener: (err: Error) => void): void {
    this.errorListeners.push(listener);
    // Registered after the break (e.g. created on a dead link): still tell it, asynchronously
    // like a live failure would.
    const failure = this.failure;
    if (failure) queueMicrotask(() => listener(failure));
  }

  /** Graceful: messages still waiting for credit (typically end-of-partition) go out first. */
  close(): void {
    if (this.state !== 'open') return;
    if (this.queue.length === 0) this.finishClose();
    else this.state = 'closing';
  }

  /** The consumer granted `n` more messages: drain the backlog, maybe turn writable. */
  addCredit(n: number): void {
    if (this.state !== 'open' && this.state !== 'closing') return;
    this.credit += n;
    while (this.credit > 0 && this.queue.length > 0) {
      this.credit--;
      this.transmit(this.queue.shift()!);
    }
    if (this.state === 'closing') {
      if (this.queue.length === 0) this.finishClose();
      return;
    }
    if (this.unwritable && this.queue.length < this.maxBacklog && this.state === 'open') {
      this.unwritable = false;
      notifyAll(this.writableListeners, `onWritable(${this.key})`);
    }
  }

  /**
   * Cancelled attempt or shutdown: drop the backlog, never report errors. On cancel the
   * consumer is told (CLOSE) so it can forget an open it still holds for a consumer that will
   * never be deployed; on shutdown it is not, so the consumer sees the stream break.
   */
  release(notifyConsumer: boolean): void {
    if (this.state === 'closed' || this.state === 'released' || this.state === 'failed') return;
    this.state = 'released';
    this.queue.clear();
    this.link.outputs.delete(this.key);
    if (notifyConsumer) this.transmitWire(WIRE.CLOSE);
  }

  /** The link broke (or a message could not be sent): report once, drop the backlog. */
  fail(err: Error): void {
    if (this.state === 'closed' || this.state === 'released' || this.state === 'failed') return;
    this.state = 'failed';
    this.failure = err;
    this.queue.clear();
    this.link.outputs.delete(this.key);
    notifyAllErrors(this.errorListeners, err, `output channel ${this.key}`);
  }

  private finishClose(): void {
    this.state = 'closed';
    this.link.outputs.delete(this.key);
    this.transmitWire(WIRE.CLOSE);
  }

  private transmit(msg: ChannelMessage): void {
    try {
      this.link.send({ t: WIRE.MSG, key: this.key, m: msg });
    } catch (err) {
      // Unserializable payload or a detached buffer: this channel's stream is now broken.
      this.fail(toError(err));
    }
  }

  private transmitWire(t: typeof WIRE.OPEN | typeof WIRE.CLOSE): void {
    try {
      this.link.send({ t, key: this.key });
    } catch (err) {
      if (t === WIRE.OPEN) this.fail(toError(err));
    }
  }
}
