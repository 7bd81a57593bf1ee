import type { ChannelMessage, InputChannel } from './channel-types';
import type { Link } from './link';
import { notifyAll, notifyAllErrors } from './listeners';
import { MessageQueue } from './message-queue';
import { WIRE, isEndOfPartition } from './wire-messages';

/**
 * Coalesces credit returns: every poll() owes the producer one credit, but one CREDIT message
 * per channel per tick is enough. Flushed in a microtask, i.e. before the event loop gets to
 * any I/O, so the producer hears about freed room promptly.
 */
export class CreditBatcher {
  private dirty: CreditBasedInputChannel[] = [];
  private spare: CreditBasedInputChannel[] = [];
  private scheduled = false;
  private readonly flushBound = (): void => this.flush();

  add(channel: CreditBasedInputChannel, n: number): void {
    if (channel.unsentCredits === 0) this.dirty.push(channel);
    channel.unsentCredits += n;
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(this.flushBound);
    }
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.dirty;
    this.dirty = this.spare;
    this.spare = batch;
    for (let i = 0; i < batch.length; i++) {
      const channel = batch[i]!;
      const n = channel.unsentCredits;
      channel.unsentCredits = 0;
      const link = channel.link;
      if (n > 0 && link !== undefined && link.usable) {
        try {
          link.send({ t: WIRE.CREDIT, key: channel.key, n });
        } catch {
          // Credits are plain numbers and cannot fail to serialize; a dead link fails on its own.
        }
      }
    }
    batch.length = 0;
  }
}

/**
 * The consumer side of a channel. It exists as soon as either the consumer registers it
 * (createInputChannel) or the producer's OPEN arrives; credits are granted once both happened.
 * Received messages wait here until polled: never more than the credits granted, since the
 * producer sends only against credit and each poll returns exactly one.
 */
export class CreditBasedInputChannel implements InputChannel {
  /** The consumer called createInputChannel. */
  registered = false;
  /** The producer's link, from its OPEN until its CLOSE (or the link breaks). */
  link: Link | undefined;
  /** End-of-partition or CLOSE seen: losing the link afterwards is not an error. */
  finished = false;
  /** Credits owed to the producer, not yet sent (see CreditBatcher). */
  unsentCredits = 0;
  private closed = false;
  private failure: Error | undefined;
  private readonly queue: MessageQueue<ChannelMessage>;
  private readonly availableListeners: (() => void)[] = [];
  private readonly errorListeners: ((err: Error) => void)[] = [];

  constructor(
    readonly key: string,
    private readonly initialCredits: number,
    private readonly credits: CreditBatcher,
    /** Removes the channel from its environment (consumer-side close()). */
    private readonly forget: (channel: CreditBasedInputChannel) => void,
  ) {
    this.queue = new MessageQueue(initialCredits);
  }

  get queued(): number {
    return this.queue.length;
  }

  /** True once the producer side was opened (and possibly since finished or broken). */
  get opened(): boolean {
    return this.link !== undefined || this.finished || this.failure !== undefined;
  }

  poll(): ChannelMessage | undefined {
    const msg = this.queue.shift();
    if (msg !== undefined && this.link !== undefined) this.credits.add(this, 1);
    return msg;
  }

  onAvailable(listener: () => void): void {
    this.availableListeners.push(listener);
  }

  onError(listener: (err: Error) => void): void {
    this.errorListeners.push(listener);
    if (this.failure) {
      const failure = this.failure;
      queueMicrotask(() => listener(failure));
    }
  }

  close(): void {
    if (this.closed) return;
    this.release();
    this.forget(this);
  }

  /** The consumer task is deployed: grant credits if the producer is already there. */
  register(): void {
    this.registered = true;
    if (this.link !== undefined) this.credits.add(this, this.initialCredits);
  }

  /** The producer's OPEN arrived on `link`: grant credits if the consumer is already there. */
  bindProducer(link: Link): void {
    this.link = link;
    link.inputs.add(this);
    if (this.registered) this.credits.add(this, this.initialCredits);
  }

  /** A MSG for this channel arrived (against a credit we granted). */
  deliver(msg: ChannelMessage): void {
    if (this.closed) return;
    const wasEmpty = this.queue.length === 0;
    this.queue.push(msg);
    if (!this.finished && isEndOfPartition(msg)) this.finished = true;
    if (wasEmpty) notifyAll(this.availableListeners, `onAvailable(${this.key})`);
  }

  /** The producer sent CLOSE: nothing more will come; queued messages stay pollable. */
  producerClosed(): void {
    this.finished = true;
    this.detach();
  }

  /** The producer's link broke; an error only if its stream had not ended. */
  linkFailed(err: Error): void {
    this.link = undefined; // the link already dropped its input set
    if (this.finished || this.closed || this.failure) return;
    this.failure = err;
    notifyAllErrors(this.errorListeners, err, `input channel ${this.key}`);
  }

  /** Closes without reporting anything (consumer close, cancelled attempt, shutdown). */
  release(): void {
    this.closed = true;
    this.queue.clear();
    this.detach();
  }

  private detach(): void {
    if (this.link !== undefined) {
      this.link.inputs.delete(this);
      this.link = undefined;
    }
  }
}
