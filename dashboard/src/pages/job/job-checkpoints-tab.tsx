import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { CheckpointStats } from '../../api/types';
import { Card } from '../../components/card';
import { CheckpointDetailsPanel } from '../../components/checkpoint-details-panel';
import { CheckpointTable } from '../../components/checkpoint-table';
import { CheckpointChart } from './job-overview-tab';

/** Counts, history and, for the checkpoint picked in the table, every subtask's part in it. */
export function JobCheckpointsTab({ jobId, stats }: { jobId: string; stats?: CheckpointStats }): JSX.Element {
  const [selected, setSelected] = useState<number | undefined>(undefined);
  return (
    <div>
      <Card title="Checkpoints" actions={<span class="muted small">click a checkpoint for its subtasks</span>}>
        <CheckpointTable stats={stats} selected={selected} onSelect={(id) => setSelected(id === selected ? undefined : id)} />
      </Card>
      {selected !== undefined && <CheckpointDetailsPanel jobId={jobId} checkpointId={selected} onClose={() => setSelected(undefined)} />}
      <Card title="Checkpoint duration" actions={<span class="muted small">end-to-end, with state size</span>}>
        <CheckpointChart stats={stats} />
      </Card>
    </div>
  );
}
