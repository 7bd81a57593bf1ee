/**
 * Delivers a source coordinator's events to its readers: in order per subtask (each delivery
 * waits for the previous one to the same subtask), and through a valve that a checkpoint closes
 * from the enumerator's snapshot until the barriers were triggered at the sources. Events the
 * enumerator sends while the valve is closed were not in its snapshot, so they must reach the
 * readers after the barrier; events sent before it were, so they must arrive before it.
 */
export class SubtaskEventGateway {
  private readonly chains = new Map<number, Promise<void>>();
  private held: Array<{ subtask: number; deliver: () => Promise<void> }> = [];
  private closed = false;

  constructor(private readonly onDeliveryFailure: (subtask: number, err: unknown) => void) {}

  send(subtask: number, deliver: () => Promise<void>): void {
    if (this.closed) this.held.push({ subtask, deliver });
    else this.enqueue(subtask, deliver);
  }

  /** Closes the valve; resolves once everything sent before has been delivered. */
  close(): Promise<void> {
    this.closed = true;
    return Promise.all([...this.chains.values()]).then(() => undefined);
  }

  /** Opens the valve and sends what it held, in order. */
  open(): void {
    if (!this.closed) return;
    this.closed = false;
    const held = this.held;
    this.held = [];
    for (const h of held) this.enqueue(h.subtask, h.deliver);
  }

  /** A new execution attempt: nothing pending belongs to it. */
  discardPending(): void {
    this.held = [];
    this.closed = false;
  }

  private enqueue(subtask: number, deliver: () => Promise<void>): void {
    const previous = this.chains.get(subtask) ?? Promise.resolve();
    const next = previous.then(deliver).catch((err: unknown) => this.onDeliveryFailure(subtask, err));
    this.chains.set(subtask, next);
  }
}
