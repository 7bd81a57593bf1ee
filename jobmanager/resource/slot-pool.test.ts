import { describe, expect, it } from 'vitest';
import { NoResourcesError } from '../../common/errors';
import type { SlotInfo } from '../../proto/messages';
import { SlotPool, SlotRequestCancelledError } from './slot-pool';

function slots(n: number, basePort = 7000): SlotInfo[] {
  return Array.from({ length: n }, (_, i) => ({ index: i, dataHost: '127.0.0.1', dataPort: basePort + i }));
}

const request = (jobId: string, count: number, timeoutMs = 5_000) => ({ jobId, jobName: `job ${jobId}`, count, timeoutMs });

describe('SlotPool spreading', () => {
  it('spreads a job over TaskManagers: 2 TMs × 2 slots, 2 slots → one on each', async () => {
    const pool = new SlotPool();
    pool.addTaskManager('tm-a', 'a:1', slots(2));
    pool.addTaskManager('tm-b', 'b:1', slots(2));
    const got = await pool.requestSlots(request('j1', 2));
    expect(got.map((s) => `${s.taskManagerId}/${s.index}`)).toEqual(['tm-a/0', 'tm-b/0']);
    expect(pool.freeSlots).toBe(2);
    expect(pool.slotsOf('tm-a')).toEqual({ total: 2, free: 1 });
  });

  it('prefers the TaskManagers with the most free slots, then round-robins', async () => {
    const pool = new SlotPool();
    pool.addTaskManager('tm-a', 'a:1', slots(1));
    pool.addTaskManager('tm-b', 'b:1', slots(3));
    const got = await pool.requestSlots(request('j1', 3));
    expect(got.map((s) => `${s.taskManagerId}/${s.index}`)).toEqual(['tm-b/0', 'tm-a/0', 'tm-b/1']);
  });

  it('gives each slot its data endpoint and the TaskManager rpc address', async () => {
    const pool = new SlotPool();
    pool.addTaskManager('tm-a', 'host-a:6000', slots(1, 9100));
    const [s] = await pool.requestSlots(request('j1', 1));
    expect(s).toEqual({ taskManagerId: 'tm-a', index: 0, dataHost: '127.0.0.1', dataPort: 9100, rpcAddress: 'host-a:6000' });
  });
});

describe('SlotPool waiting', () => {
  it('serves a waiting request when a TaskManager registers', async () => {
    const pool = new SlotPool();
    pool.addTaskManager('tm-a', 'a:1', slots(1));
    const pending = pool.requestSlots(request('j1', 2));
    pool.addTaskManager('tm-b', 'b:1', slots(1));
    expect((await pending).map((s) => s.taskManagerId).sort()).toEqual(['tm-a', 'tm-b']);
  });

  it('serves a waiting request when another job releases its slots', async () => {
    const pool = new SlotPool();
    pool.addTaskManager('tm-a', 'a:1', slots(2));
    await pool.requestSlots(request('j1', 2));
    const pending = pool.requestSlots(request('j2', 1));
    pool.release('j1');
    expect(await pending).toHaveLength(1);
    expect(pool.allocatedTo('j2')).toHaveLength(1);
    expect(pool.allocatedTo('j1')).toHaveLength(0);
  });

  it('fails after the timeout with a message that says what to do', async () => {
    const pool = new SlotPool();
    pool.addTaskManager('tm-a', 'a:1', slots(2));
    pool.addTaskManager('tm-b', 'b:1', slots(2));
    await pool.requestSlots(request('other', 2));
    const err = await pool.requestSlots({ jobId: 'j1', jobName: 'x', count: 4, timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoResourcesError);
    expect((err as Error).message).toBe(
      "Could not acquire 4 slots for job 'x' within 50 ms: the cluster has 2 free slots (2 TaskManagers, 4 slots in total). Start more TaskManagers or lower the parallelism.",
    );
    expect(pool.freeSlots).toBe(2);
  });

  it('withdraws a request without allocating anything', async () => {
    const pool = new SlotPool();
    const pending = pool.requestSlots(request('j1', 1));
    pool.cancelRequest('j1');
    await expect(pending).rejects.toBeInstanceOf(SlotRequestCancelledError);
    pool.addTaskManager('tm-a', 'a:1', slots(1));
    expect(pool.freeSlots).toBe(1);
  });

  it('drops the slots of a lost TaskManager, even allocated ones', async () => {
    const pool = new SlotPool();
    pool.addTaskManager('tm-a', 'a:1', slots(2));
    pool.addTaskManager('tm-b', 'b:1', slots(2));
    await pool.requestSlots(request('j1', 2));
    pool.removeTaskManager('tm-a');
    expect(pool.totalSlots).toBe(2);
    expect(pool.allocatedTo('j1').map((s) => s.taskManagerId)).toEqual(['tm-b']);
    pool.release('j1');
    expect(pool.freeSlots).toBe(2);
  });
});
