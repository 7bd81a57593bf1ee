import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckpointService } from './checkpoint-service';
import type { CompletedCheckpoint } from './completed-checkpoint';
import type { TriggerOptions } from './checkpoint-coordinator';
import type { Dispatcher } from '../dispatcher/dispatcher';
import { createJobStateMachine } from '../scheduler/job-state-machine';
import { Logger } from '../../common/logger';

const JOB = 'd'.repeat(32);

/**
 * The part of a Scheduler a savepoint request drives: its state machine, a coordinator whose
 * savepoint completes at once, and failover (what a failure of the whole job does).
 */
class StoppingJob {
  readonly machine = createJobStateMachine(JOB);
  readonly triggers: TriggerOptions[] = [];
  readonly failovers: Array<{ name: string; cause: string }> = [];
  readonly checkpoints = {
    trigger: async (o: TriggerOptions): Promise<CompletedCheckpoint> => {
      this.triggers.push(o);
      return { checkpointId: 7, timestamp: 0, completedAt: 0, isSavepoint: true, externalPath: `${o.location}/_metadata`, location: o.location!, stateSize: 0 };
    },
  };

  constructor() {
    this.machine.transition('RUNNING');
  }

  get state() {
    return this.machine.state;
  }

  failover(name: string, cause: string): void {
    this.failovers.push({ name, cause });
    this.machine.transition('RESTARTING');
  }
}

describe('CheckpointService: stop-with-savepoint', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-cps-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function service(job: StoppingJob, timeoutMs: number): CheckpointService {
    const dispatcher = { get: (id: string) => (id === JOB ? { scheduler: job } : undefined) } as unknown as Dispatcher;
    return new CheckpointService(dispatcher, `file://${dir}`, new Logger('test'), timeoutMs);
  }

  it('answers with the savepoint once the job finished', async () => {
    const job = new StoppingJob();
    const done = service(job, 10_000).triggerSavepoint(JOB, { stop: true });
    await new Promise((r) => setImmediate(r));
    job.machine.transition('FINISHED');
    expect(await done).toMatch(new RegExp(`^${dir}/savepoint-`));
    expect(job.triggers[0]).toMatchObject({ isSavepoint: true, stop: true, force: true });
  });

  it('a job that went RESTARTING after the savepoint: the stop fails naming the savepoint', async () => {
    const job = new StoppingJob();
    const done = service(job, 10_000).triggerSavepoint(JOB, { stop: true });
    await new Promise((r) => setImmediate(r));
    job.machine.transition('RESTARTING');
    await expect(done).rejects.toThrow(/Savepoint .*savepoint-\S+ was created, but job d+ went RESTARTING instead of finishing: it recovers from that savepoint/);
    expect(job.failovers).toEqual([]);
  });

  it('a job whose tasks never finish is failed over (it would hold still, without checkpoints, for ever)', async () => {
    const job = new StoppingJob();
    await expect(service(job, 50).triggerSavepoint(JOB, { stop: true })).rejects.toThrow(/did not finish within 0.05 s: it is failed over, and a restart recovers from that savepoint/);
    expect(job.failovers).toHaveLength(1);
    expect(job.failovers[0].name).toBe('StopWithSavepointTimeout');
    expect(job.state).toBe('RESTARTING');
  });
});
