import { describe, expect, it } from 'vitest';
import { IllegalStateTransitionError } from '../../common/errors';
import type { StateMachine } from '../../common/state-machine';
import { EXECUTION_STATES, EXECUTION_TRANSITIONS, createExecutionStateMachine, isTerminalExecutionState } from './execution-state-machine';
import { JOB_STATES, JOB_TRANSITIONS, createJobStateMachine, isTerminalJobState } from './job-state-machine';
import { CHECKPOINT_STATES, CHECKPOINT_TRANSITIONS, createCheckpointStateMachine, isTerminalCheckpointState } from '../checkpoint/checkpoint-state-machine';

/** The shortest path of allowed transitions from `initial` to `target`. */
function pathTo<S extends string>(table: Readonly<Record<S, readonly S[]>>, initial: S, target: S): S[] {
  const prev = new Map<S, S | null>([[initial, null]]);
  const queue: S[] = [initial];
  while (queue.length > 0) {
    const s = queue.shift()!;
    if (s === target) break;
    for (const n of table[s]) if (!prev.has(n)) (prev.set(n, s), queue.push(n));
  }
  if (!prev.has(target)) throw new Error(`${target} unreachable from ${initial}`);
  const path: S[] = [];
  for (let s: S | null = target; s !== null && s !== initial; s = prev.get(s)!) path.unshift(s);
  return path;
}

function machineIn<S extends string>(create: () => StateMachine<S>, table: Readonly<Record<S, readonly S[]>>, initial: S, state: S): StateMachine<S> {
  const m = create();
  for (const s of pathTo(table, initial, state)) m.transition(s);
  expect(m.state).toBe(state);
  return m;
}

describe.each([
  { name: 'job', states: JOB_STATES, table: JOB_TRANSITIONS, initial: 'CREATED', create: () => createJobStateMachine('0'.repeat(32)) },
  { name: 'execution', states: EXECUTION_STATES, table: EXECUTION_TRANSITIONS, initial: 'CREATED', create: () => createExecutionStateMachine('exec') },
  { name: 'checkpoint', states: CHECKPOINT_STATES, table: CHECKPOINT_TRANSITIONS, initial: 'PENDING', create: () => createCheckpointStateMachine('Checkpoint 1') },
] as const)('$name state machine', ({ states, table, initial, create }) => {
  const tbl = table as Readonly<Record<string, readonly string[]>>;
  const mk = create as () => StateMachine<string>;

  it('reaches every state from its initial state', () => {
    for (const s of states) machineIn(mk, tbl, initial, s);
  });

  const allowed = states.flatMap((from) => tbl[from].map((to) => [from, to] as const));
  it.each(allowed)('allows %s -> %s', (from, to) => {
    const m = machineIn(mk, tbl, initial, from);
    m.transition(to);
    expect(m.state).toBe(to);
  });

  const illegal = states.flatMap((from) => states.filter((to) => !tbl[from].includes(to)).map((to) => [from, to] as const));
  it.each(illegal)('refuses %s -> %s with IllegalStateTransitionError', (from, to) => {
    const m = machineIn(mk, tbl, initial, from);
    expect(() => m.transition(to)).toThrow(IllegalStateTransitionError);
    expect(() => m.transition(to)).toThrow(expect.objectContaining({ code: 'ILLEGAL_STATE' }));
    expect(m.tryTransition(to)).toBe(false);
    expect(m.state).toBe(from);
  });
});

describe('terminal states', () => {
  it('checkpoint: COMPLETED and the four ways to fail are terminal; PENDING and COMPLETING are not', () => {
    expect(CHECKPOINT_STATES.filter(isTerminalCheckpointState)).toEqual(['COMPLETED', 'DECLINED', 'EXPIRED', 'FAILED', 'ABORTED']);
    // A checkpoint whose every task acknowledged can no longer be declined or expire.
    expect(CHECKPOINT_TRANSITIONS.COMPLETING).not.toContain('DECLINED');
    expect(CHECKPOINT_TRANSITIONS.COMPLETING).not.toContain('EXPIRED');
  });

  it('job: CANCELED, FAILED and FINISHED are terminal, nothing else', () => {
    expect(JOB_STATES.filter(isTerminalJobState)).toEqual(['CANCELED', 'FAILED', 'FINISHED']);
  });
  it('execution: FINISHED, CANCELED and FAILED are terminal, nothing else', () => {
    expect(EXECUTION_STATES.filter(isTerminalExecutionState)).toEqual(['FINISHED', 'CANCELED', 'FAILED']);
  });
});
