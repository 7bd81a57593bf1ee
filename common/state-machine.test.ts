import { describe, it, expect } from 'vitest';
import { StateMachine } from './state-machine';
import { IllegalStateTransitionError } from './errors';

type S = 'A' | 'B' | 'C';
const table: Record<S, readonly S[]> = { A: ['B'], B: ['C', 'A'], C: [] };

describe('StateMachine', () => {
  it('allows declared transitions and notifies listeners in order', () => {
    const sm = new StateMachine<S>('test', 'A', table);
    const seen: string[] = [];
    sm.onTransition((f, t) => seen.push(`${f}->${t}`));
    sm.transition('B');
    sm.transition('C');
    expect(sm.state).toBe('C');
    expect(seen).toEqual(['A->B', 'B->C']);
  });

  it('refuses undeclared transitions with a typed error and keeps its state', () => {
    const sm = new StateMachine<S>('test', 'A', table);
    expect(() => sm.transition('C')).toThrow(IllegalStateTransitionError);
    expect(sm.state).toBe('A');
    expect(sm.tryTransition('C')).toBe(false);
    sm.transition('B');
    sm.transition('C');
    expect(() => sm.transition('A')).toThrow(/illegal transition C -> A/);
  });
});
