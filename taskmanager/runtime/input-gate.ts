import type { InputChannel, ChannelMessage } from '../network/channel-types';

interface GateChannel {
  channel: InputChannel;
  /** Which input of a two-input operator this channel feeds (0 for one-input). */
  inputIndex: number;
  finished: boolean;
}

/**
 * All input channels of a task, polled round-robin so that no producer starves the others.
 * Tracks end-of-partition per channel: the gate is finished when every channel is.
 */
export class InputGate {
  private readonly channels: GateChannel[] = [];
  private next = 0;
  private finishedCount = 0;
  /** Input index of the message last returned by poll(). */
  lastInputIndex = 0;
  /** Channel index (in add order) of the message last returned by poll(). */
  lastChannel = 0;
  /** Channels held back by barrier alignment. */
  private readonly blocked = new Set<number>();

  add(channel: InputChannel, inputIndex: number): void {
    this.channels.push({ channel, inputIndex, finished: false });
  }

  get size(): number {
    return this.channels.length;
  }

  /** The next message of any channel, or undefined when none has one queued. */
  poll(): ChannelMessage | undefined {
    const n = this.channels.length;
    for (let i = 0; i < n; i++) {
      const idx = (this.next + i) % n;
      const gc = this.channels[idx];
      if (gc.finished || (this.blocked.size > 0 && this.blocked.has(idx))) continue;
      const msg = gc.channel.poll();
      if (msg !== undefined) {
        this.next = (idx + 1) % n;
        this.lastInputIndex = gc.inputIndex;
        this.lastChannel = idx;
        if (msg.kind === 'event' && msg.event.type === 'end-of-partition') {
          gc.finished = true;
          this.finishedCount++;
        }
        return msg;
      }
    }
    return undefined;
  }

  block(channel: number): void {
    this.blocked.add(channel);
  }

  unblockAll(): void {
    this.blocked.clear();
  }

  isFinished(): boolean {
    return this.finishedCount === this.channels.length;
  }

  onAvailable(listener: () => void): void {
    for (const gc of this.channels) gc.channel.onAvailable(listener);
  }

  onError(listener: (err: Error) => void): void {
    for (const gc of this.channels) gc.channel.onError(listener);
  }

  close(): void {
    for (const gc of this.channels) gc.channel.close();
  }
}
