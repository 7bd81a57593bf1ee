import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TaskCheckpointer } from './task-checkpointer';
import type { CheckpointAck, TaskDeploymentDescriptor } from '../../../proto/messages';
import { KeyedStateBackend, type KeyedStateSnapshot } from '../../state/keyed-state-backend';
import { KeyedStateStore } from '../../state/keyed-state-store';
import { MsgpackWriter } from '../../../common/checkpoint/msgpack-writer';
import { readTaskState } from '../../../common/checkpoint/state-files';
import { decodeValue, encodeValue } from '../../../common/record-codec';
import { snapshotByKey } from '../../../test/harness/keyed-snapshot-order';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-checkpointer-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('TaskCheckpointer', () => {
  it('never hands a snapshot the buffers its keyed backend copies from, and keeps two sets of spares while it copies', async () => {
    const backend = new KeyedStateBackend(128, 1, 0);
    const store = new KeyedStateStore(backend, () => 0);
    const put = (k: number, n: number): void => {
      backend.setCurrentKey(k);
      store.getValueState<{ n: number; name: string }>('value').update({ n, name: `name ${k}` });
    };
    for (let k = 0; k < 3000; k++) put(k, 0);
    const acks: CheckpointAck[] = [];
    let acked: () => void = () => undefined;
    const descriptor = { jobId: 'job', attempt: 1, vertexId: 'v', subtask: 0 } as TaskDeploymentDescriptor;
    const checkpointer = new TaskCheckpointer(descriptor, {
      acknowledge: (ack) => {
        acks.push(ack);
        acked();
      },
      decline: (d) => {
        throw new Error(`declined: ${d.reason}`);
      },
    });
    const given: Array<Buffer[] | undefined> = [];
    for (let id = 1; id <= 6; id++) {
      for (let k = id; k < 3000; k += 50) put(k, id); // 2% of the keys change between checkpoints
      const expected = snapshotByKey(decodeValue<KeyedStateSnapshot>(encodeValue(backend.snapshot())));
      const location = `file://${tmp}/chk-${id}`;
      fs.mkdirSync(path.join(tmp, `chk-${id}`));
      const written = new Promise<void>((resolve) => (acked = resolve));
      checkpointer.perform(
        { checkpointId: id, timestamp: id, location, isSavepoint: false, alignmentMs: 0 },
        (reuse) => {
          given.push(reuse);
          for (const b of reuse ?? []) expect(backend.pinnedBuffers.includes(b)).toBe(false);
          return backend.beginSnapshot(MsgpackWriter.reusing(reuse, backend.snapshotSizeEstimate));
        },
        undefined,
        () => backend.pinnedBuffers,
      );
      await written;
      const bytes = await readTaskState(location, acks[acks.length - 1].handle!);
      expect(snapshotByKey(decodeValue<KeyedStateSnapshot>(bytes))).toEqual(expected);
      if (id >= 3) expect(backend.lastSnapshotCopied).toBeGreaterThan(2500);
    }
    // The first two allocate; from then on the two sets alternate, none pinned when given.
    expect(given[0]).toBeUndefined();
    expect(given[1]).toBeUndefined();
    for (const reuse of given.slice(2)) expect(reuse).toBeDefined();
    expect(given[4]![0]).toBe(given[2]![0]);
    expect(given[3]![0]).not.toBe(given[2]![0]);
  });
});
