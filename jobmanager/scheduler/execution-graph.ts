import type { StateMachine } from '../../common/state-machine';
import type { JobGraph, JobVertex } from '../../proto/messages';
import type { AllocatedSlot } from '../resource/slot-pool';
import { type ExecutionState, createExecutionStateMachine, isTerminalExecutionState } from './execution-state-machine';

/** One attempt of one subtask. */
export class Execution {
  readonly machine: StateMachine<ExecutionState>;
  slot: AllocatedSlot | undefined;
  /** The error the task reported, if it failed. */
  failure: string | undefined;
  /** Its input ended and was flushed; with checkpointing it awaits a final checkpoint. */
  endOfData = false;

  constructor(
    readonly vertex: JobVertex,
    readonly subtask: number,
    readonly attempt: number,
    now: () => number,
  ) {
    this.machine = createExecutionStateMachine(`Execution ${vertex.id}/${subtask} attempt ${attempt}`, now);
  }

  get state(): ExecutionState {
    return this.machine.state;
  }

  get isTerminal(): boolean {
    return isTerminalExecutionState(this.machine.state);
  }

  get taskManagerId(): string | undefined {
    return this.slot?.taskManagerId;
  }

  /** As Flink names tasks: `Map (2/4)`. */
  get taskName(): string {
    return `${this.vertex.name} (${this.subtask + 1}/${this.vertex.parallelism})`;
  }
}

/** A vertex with its subtasks. */
export interface ExecutionJobVertex {
  readonly vertex: JobVertex;
  readonly executions: readonly Execution[];
}

/**
 * One execution attempt of a job: each vertex × its parallelism. Subtasks share slots as in
 * Flink: subtask i of every vertex goes into the job's i-th slot, so the job needs as many
 * slots as its largest parallelism. A restart builds a new ExecutionGraph with the next
 * attempt number.
 */
export class ExecutionGraph {
  readonly vertices: readonly ExecutionJobVertex[];
  private readonly byVertex = new Map<string, ExecutionJobVertex>();

  constructor(
    readonly graph: JobGraph,
    readonly attempt: number,
    now: () => number = Date.now,
  ) {
    this.vertices = graph.vertices.map((vertex) => ({
      vertex,
      executions: Array.from({ length: vertex.parallelism }, (_, i) => new Execution(vertex, i, attempt, now)),
    }));
    for (const v of this.vertices) this.byVertex.set(v.vertex.id, v);
  }

  /** Slots needed with slot sharing: the largest vertex parallelism. */
  get requiredSlots(): number {
    return Math.max(...this.graph.vertices.map((v) => v.parallelism));
  }

  executions(): Execution[] {
    return this.vertices.flatMap((v) => v.executions);
  }

  vertex(vertexId: string): ExecutionJobVertex | undefined {
    return this.byVertex.get(vertexId);
  }

  find(vertexId: string, subtask: number): Execution | undefined {
    return this.byVertex.get(vertexId)?.executions[subtask];
  }

  /** Puts subtask i of every vertex into slots[i] and marks each execution SCHEDULED. */
  assignSlots(slots: readonly AllocatedSlot[]): void {
    if (slots.length < this.requiredSlots) throw new Error(`assignSlots: ${slots.length} slots for a job needing ${this.requiredSlots}`);
    for (const e of this.executions()) {
      e.slot = slots[e.subtask];
      e.machine.transition('SCHEDULED');
    }
  }

  allTerminal(): boolean {
    return this.executions().every((e) => e.isTerminal);
  }

  allFinished(): boolean {
    return this.executions().every((e) => e.state === 'FINISHED');
  }
}
