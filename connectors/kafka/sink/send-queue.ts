import type { OutgoingMessage } from '../kafka-client';

/** Sends in flight at once per queue; more records wait in the buffer. */
const MAX_IN_FLIGHT = 4;

export type SendBatch = (topicMessages: Array<{ topic: string; messages: OutgoingMessage[] }>) => Promise<void>;

/**
 * Records on their way to one destination (a producer, or one transaction): buffered per
 * topic, sent `batchSize` at a time with a few sends in flight, drained on demand. A failed
 * send is kept and thrown by the next `push` or `drain`: nothing is dropped silently.
 */
export class SendQueue {
  private buffer = new Map<string, OutgoingMessage[]>();
  private buffered = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | null = null;

  constructor(
    private readonly send: SendBatch,
    private readonly batchSize: number,
    private readonly toError: (err: unknown) => Error,
  ) {}

  get error(): Error | null {
    return this.failure;
  }

  push(topic: string, message: OutgoingMessage): void {
    if (this.failure) throw this.failure;
    let list = this.buffer.get(topic);
    if (!list) this.buffer.set(topic, (list = []));
    list.push(message);
    if (++this.buffered >= this.batchSize && this.inFlight.size < MAX_IN_FLIGHT) this.sendBuffered();
  }

  /** Starts a send of what is buffered if a slot is free (no waiting). */
  nudge(): void {
    if (this.buffered > 0 && this.inFlight.size < MAX_IN_FLIGHT) this.sendBuffered();
  }

  /** Sends everything buffered and resolves when Kafka acknowledged all of it. */
  async drain(): Promise<void> {
    while (this.buffered > 0 || this.inFlight.size > 0) {
      if (this.failure) throw this.failure;
      if (this.buffered > 0 && this.inFlight.size < MAX_IN_FLIGHT) this.sendBuffered();
      else await Promise.race(this.inFlight);
    }
    if (this.failure) throw this.failure;
  }

  /** Waits for sends in flight, ignoring their outcome (closing). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private sendBuffered(): void {
    // At most batchSize records per request: a buffer that grew while every slot was taken
    // must not become one request larger than the broker accepts.
    const topicMessages: Array<{ topic: string; messages: OutgoingMessage[] }> = [];
    let room = this.batchSize;
    for (const [topic, messages] of this.buffer) {
      if (room <= 0) break;
      const taken = messages.length <= room ? messages : messages.splice(0, room);
      if (taken === messages) this.buffer.delete(topic);
      topicMessages.push({ topic, messages: taken });
      room -= taken.length;
      this.buffered -= taken.length;
    }
    const inFlight = this.inFlight;
    const send: Promise<void> = this.send(topicMessages).then(
      () => {
        inFlight.delete(send);
        // Records that arrived while every slot was taken.
        while (this.buffered >= this.batchSize && inFlight.size < MAX_IN_FLIGHT) this.sendBuffered();
      },
      (err) => {
        inFlight.delete(send);
        this.failure ??= this.toError(err);
      },
    );
    inFlight.add(send);
  }
}
