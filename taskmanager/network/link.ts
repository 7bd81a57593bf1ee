import type { CreditBasedInputChannel } from './credit-based-input-channel';
import type { CreditBasedOutputChannel } from './credit-based-output-channel';
import type { WireMessage } from './wire-messages';

/** Which transport a link uses; 'local' links stay inside one worker thread. */
export type LinkKind = 'local' | 'peer' | 'remote';

/** What a link reports to the environment that owns it. */
export interface LinkHandler {
  /** A protocol message arrived on the link (already envelope-checked). */
  onWire(link: Link, wire: WireMessage): void;
  /** The transport broke; called at most once, never after close(). */
  onLinkFailed(link: Link, err: Error): void;
}

/**
 * One bidirectional pipe to another endpoint (this worker itself, a peer worker, or a remote
 * worker's data port), shared by every channel between the two. The link only moves wire
 * messages; channel semantics (credits, queues) live in the channels.
 */
export abstract class Link {
  /** Output channels sending over this link, by key: CREDIT messages arriving here go to them. */
  readonly outputs = new Map<string, CreditBasedOutputChannel>();
  /** Input channels whose producer opened over this link: they break if the link breaks. */
  readonly inputs = new Set<CreditBasedInputChannel>();
  private failureCause: Error | undefined;
  private closed = false;

  protected constructor(
    readonly kind: LinkKind,
    /** For log and error messages. */
    readonly name: string,
    protected readonly handler: LinkHandler,
  ) {}

  /** Why the link broke, if it did. */
  get failure(): Error | undefined {
    return this.failureCause;
  }

  /** False once failed or closed: sends are then dropped (the affected channels were failed). */
  get usable(): boolean {
    return !this.closed && this.failureCause === undefined;
  }

  /** Puts a message on the link, in order. May throw if the message cannot be serialized. */
  abstract send(wire: WireMessage): void;

  /** Releases the transport without reporting a failure (environment shutdown). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.dispose();
  }

  /** Frees sockets, ports, timers. Called once, on close or failure. */
  protected abstract dispose(): void;

  /** Marks the link broken and tells the environment, which fails the channels on it. */
  protected fail(err: Error): void {
    if (!this.usable) return;
    this.failureCause = err;
    this.dispose();
    this.handler.onLinkFailed(this, err);
  }
}
