import type { EnumeratorToReaderEventInput, JobGraph, ReaderToEnumeratorEvent, TaskRef } from '../../proto/messages';
import { present } from '../../proto/present';
import type { JobDeployment } from '../../job/loaded-job';
import { LoadedJob } from '../../job/loaded-job';
import { type SourceBinding, isSourceApiKind } from '../../api/transformation';
import { decodeValue, encodeValue } from '../../common/record-codec';
import type { Logger } from '../../common/logger';
import { errorMessage } from '../../common/errors';
import { SourceCoordinator, type ReaderEvent } from './source-coordinator';

/** An enumerator's event on its way to one reader. */
export type ReaderBoundEvent = EnumeratorToReaderEventInput & { task: TaskRef };

/** Enumerator states of a checkpoint, by source operator uid (msgpack, base64 in the metadata). */
export type EnumeratorStates = Record<string, string>;

export interface SourceCoordinatorsOptions {
  readonly jobId: string;
  readonly deployment: JobDeployment;
  /** Delivers an event to a reader; resolves once its TaskManager took it. */
  readonly deliver: (event: ReaderBoundEvent) => Promise<void>;
  readonly onFailure: (cause: string) => void;
  readonly log: Logger;
}

/** Whether a job has sources whose enumerators run in the JobManager. */
export function hasSourceCoordinators(graph: JobGraph): boolean {
  return graph.vertices.some((v) => isSourceApiKind(v.operators[0].kind));
}

/**
 * The source coordinators of one job, one per Source API source vertex. The JobManager gets
 * the Source objects the way TaskManagers get operators' functions: by running the job
 * artifact's function again (job/loaded-job) and checking that it builds the submitted graph.
 * Enumerators run on the JobManager's event loop, as Flink runs them in its JobMaster.
 */
export class SourceCoordinators {
  private readonly byVertex = new Map<string, { uid: string; coordinator: SourceCoordinator }>();

  constructor(opts: SourceCoordinatorsOptions) {
    const job = LoadedJob.load(opts.deployment);
    for (const vertex of job.graph.vertices) {
      const head = vertex.operators[0];
      if (!isSourceApiKind(head.kind)) continue;
      const binding = job.userFunction(head.id) as SourceBinding;
      const name = `source '${head.name}' (uid ${head.uid})`;
      const coordinator = new SourceCoordinator({
        name,
        parallelism: vertex.parallelism,
        source: binding.source,
        log: opts.log,
        onFailure: opts.onFailure,
        deliver: (attempt, subtask, event) => opts.deliver(toWire(opts.jobId, vertex.id, attempt, subtask, event)),
      });
      this.byVertex.set(vertex.id, { uid: head.uid, coordinator });
    }
  }

  /** Before the first attempt: enumerators from the restored states (or fresh ones). */
  start(attempt: number, states: EnumeratorStates | undefined, checkpointId: number | null): void {
    for (const { uid, coordinator } of this.byVertex.values()) {
      coordinator.start(decodeState(states, uid), checkpointId);
      coordinator.setAttempt(attempt);
    }
  }

  /** A failover: readers of `attempt` restore from `checkpointId` (null: the job's starting state). */
  resetForAttempt(attempt: number, checkpointId: number | null, states: EnumeratorStates | undefined): void {
    for (const { uid, coordinator } of this.byVertex.values()) coordinator.resetForAttempt(attempt, checkpointId, decodeState(states, uid));
  }

  handleReaderEvent(event: ReaderToEnumeratorEvent): void {
    const task = present(event.task, 'task (ReaderToEnumeratorEvent.task)');
    const entry = this.byVertex.get(task.vertexId);
    if (!entry) return;
    const { attempt, subtask } = task;
    if (event.registerReader) entry.coordinator.handleRegistration(attempt, subtask, event.registerReader.location);
    else if (event.splitRequest) entry.coordinator.handleSplitRequest(attempt, subtask, event.splitRequest.hostname);
    else if (event.sourceEvent) entry.coordinator.handleSourceEvent(attempt, subtask, decodeValue(event.sourceEvent));
  }

  /** Every enumerator's state for checkpoint `checkpointId` (see SourceCoordinator.checkpoint). */
  async checkpoint(checkpointId: number): Promise<EnumeratorStates> {
    const states: EnumeratorStates = {};
    await Promise.all(
      [...this.byVertex.values()].map(async ({ uid, coordinator }) => {
        states[uid] = Buffer.from(encodeValue(await coordinator.checkpoint(checkpointId))).toString('base64');
      }),
    );
    return states;
  }

  afterTriggers(): void {
    for (const { coordinator } of this.byVertex.values()) coordinator.afterTriggers();
  }

  notifyCheckpointComplete(checkpointId: number): void {
    for (const { coordinator } of this.byVertex.values()) coordinator.notifyCheckpointComplete(checkpointId);
  }

  close(): void {
    for (const { coordinator } of this.byVertex.values()) coordinator.close();
  }
}

function decodeState(states: EnumeratorStates | undefined, uid: string): unknown {
  const encoded = states?.[uid];
  if (encoded === undefined) return undefined;
  try {
    return decodeValue(Buffer.from(encoded, 'base64'));
  } catch (err) {
    throw new Error(`the split enumerator state of source ${uid} cannot be decoded: ${errorMessage(err)}`);
  }
}

function toWire(jobId: string, vertexId: string, attempt: number, subtask: number, event: ReaderEvent): ReaderBoundEvent {
  const task = { jobId, attempt, vertexId, subtask };
  switch (event.kind) {
    case 'addSplits':
      return { task, addSplits: { splits: encodeValue(event.splits) } };
    case 'noMoreSplits':
      return { task, noMoreSplits: {} };
    case 'sourceEvent':
      return { task, sourceEvent: encodeValue(event.event) };
  }
}
