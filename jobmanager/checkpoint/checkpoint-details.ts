import type { CheckpointStatsEntry } from './checkpoint-stats';
import type { PendingCheckpoint } from './pending-checkpoint';

/** One subtask's part in a checkpoint (Flink's `.../checkpoints/details/:cid/subtasks/:vid` entries). */
export interface SubtaskCheckpointDetails {
  index: number;
  /** `completed` once acknowledged; Flink's `pending_or_failed` until then. */
  status: 'completed' | 'pending_or_failed';
  /** Epoch ms of the acknowledgement; -1 before it. */
  ack_timestamp: number;
  /** From the trigger to the acknowledgement (ms); -1 before it. */
  end_to_end_duration: number;
  state_size: number;
  checkpoint: { sync: number; async: number };
  alignment: { duration: number };
}

/** One vertex's subtasks in a checkpoint. */
export interface TaskCheckpointDetails {
  id: string;
  status: CheckpointStatsEntry['status'];
  latest_ack_timestamp: number;
  state_size: number;
  end_to_end_duration: number;
  /** Longest alignment of the vertex's subtasks (ms). */
  alignment_duration: number;
  num_subtasks: number;
  num_acknowledged_subtasks: number;
  subtasks: SubtaskCheckpointDetails[];
}

/** `GET /jobs/:jid/checkpoints/details/:cid`: the checkpoint's entry and its vertices' subtasks. */
export interface CheckpointDetails extends CheckpointStatsEntry {
  /** By vertex id. */
  tasks: Record<string, TaskCheckpointDetails>;
}

/** The details of a checkpoint as far as its acknowledgements go, with its statistics entry. */
export function checkpointDetailsOf(p: PendingCheckpoint, entry: CheckpointStatsEntry): CheckpointDetails {
  const byVertex = new Map<string, SubtaskCheckpointDetails[]>();
  for (const key of p.expectedTasks()) {
    const slash = key.lastIndexOf('/');
    const vertexId = key.slice(0, slash);
    const ack = p.acks.get(key);
    const subtask: SubtaskCheckpointDetails = ack
      ? {
          index: Number(key.slice(slash + 1)),
          status: 'completed',
          ack_timestamp: ack.ackedAt,
          end_to_end_duration: ack.ackedAt - p.timestamp,
          state_size: ack.handle.size,
          checkpoint: { sync: ack.syncMs, async: ack.asyncMs },
          alignment: { duration: ack.alignmentMs },
        }
      : { index: Number(key.slice(slash + 1)), status: 'pending_or_failed', ack_timestamp: -1, end_to_end_duration: -1, state_size: 0, checkpoint: { sync: -1, async: -1 }, alignment: { duration: -1 } };
    let list = byVertex.get(vertexId);
    if (!list) byVertex.set(vertexId, (list = []));
    list.push(subtask);
  }
  const tasks: Record<string, TaskCheckpointDetails> = {};
  for (const [id, subtasks] of byVertex) {
    subtasks.sort((a, b) => a.index - b.index);
    const acked = subtasks.filter((s) => s.status === 'completed');
    const latestAck = acked.length > 0 ? Math.max(...acked.map((s) => s.ack_timestamp)) : -1;
    tasks[id] = {
      id,
      status: acked.length === subtasks.length ? 'COMPLETED' : entry.status === 'FAILED' ? 'FAILED' : 'IN_PROGRESS',
      latest_ack_timestamp: latestAck,
      state_size: acked.reduce((n, s) => n + s.state_size, 0),
      end_to_end_duration: latestAck === -1 ? -1 : latestAck - p.timestamp,
      alignment_duration: Math.max(0, ...acked.map((s) => s.alignment.duration)),
      num_subtasks: subtasks.length,
      num_acknowledged_subtasks: acked.length,
      subtasks,
    };
  }
  return { ...entry, tasks };
}
