import { IllegalStateTransitionError } from './errors';

/**
 * An explicit lifecycle: one table of allowed transitions, one `transition()` that refuses
 * anything else with a typed error. Listeners see every change, in order.
 */
export class StateMachine<S extends string> {
  private current: S;
  private readonly listeners: Array<(from: S, to: S) => void> = [];
  private readonly timestamps = new Map<S, number>();

  constructor(
    readonly name: string,
    initial: S,
    private readonly allowed: Readonly<Record<S, readonly S[]>>,
    private readonly now: () => number = Date.now,
  ) {
    this.current = initial;
    this.timestamps.set(initial, this.now());
  }

  get state(): S {
    return this.current;
  }

  /** When the machine last entered `state`, or undefined if never. */
  enteredAt(state: S): number | undefined {
    return this.timestamps.get(state);
  }

  can(to: S): boolean {
    return this.allowed[this.current].includes(to);
  }

  transition(to: S): void {
    if (!this.can(to)) throw new IllegalStateTransitionError(this.name, this.current, to);
    const from = this.current;
    this.current = to;
    this.timestamps.set(to, this.now());
    for (const l of this.listeners) l(from, to);
  }

  /** Transition if allowed; returns whether it happened. For races that are expected (e.g. cancel vs finish). */
  tryTransition(to: S): boolean {
    if (!this.can(to)) return false;
    this.transition(to);
    return true;
  }

  onTransition(listener: (from: S, to: S) => void): void {
    this.listeners.push(listener);
  }
}
