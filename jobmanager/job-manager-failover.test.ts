import { spawn } from 'node:child_process';
import { testWorkingDirectory } from '../test/harness/test-working-directory';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RestartStrategy } from './failover/restart-strategy';
import { JobManagerFixture } from './test-support/job-manager-fixture';
import { ProtocolTaskManager } from './test-support/protocol-task-manager';
import { sourceMapSinkGraph } from './test-support/test-job-graphs';
import { waitUntil } from '../test/harness/wait-for';

let fx: JobManagerFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

async function runningJob(f: JobManagerFixture, parallelism = 2): Promise<string> {
  const jobId = await f.submit(sourceMapSinkGraph('job', parallelism));
  const total = parallelism * 2 + 1;
  await waitUntil(() => f.taskManagers.reduce((n, tm) => n + tm.deployments.length, 0) === total, `${total} deployments`);
  await f.waitForJobState(jobId, 'RUNNING');
  return jobId;
}

describe('task failure', () => {
  it('fails the job with the task error as cause, after cancelling the other tasks', async () => {
    fx = await JobManagerFixture.start();
    const a = await fx.addTaskManager({ slots: 1, autoRun: true });
    const b = await fx.addTaskManager({ slots: 1, autoRun: true });
    const jobId = await runningJob(fx);

    const failing = b.deployments[0];
    await b.report(failing, 'FAILED', 'TypeError: boom at map (job.js:3:9)');
    const status = await fx.waitForJobState(jobId, 'FAILED');
    expect(status.job.failureCause).toBe('TypeError: boom at map (job.js:3:9)');
    // Every other task was asked to cancel (the protocol peer confirms with CANCELED).
    const cancelled = [...a.cancellations, ...b.cancellations].map((c) => `${c.vertexId}/${c.subtask}`).sort();
    const others = [...a.deployments, ...b.deployments].filter((d) => d !== failing).map((d) => `${d.vertexId}/${d.subtask}`).sort();
    expect(cancelled).toEqual(others);
    const states = status.vertices.flatMap((v) => v.subtasks.map((s) => s.state)).sort();
    expect(states).toEqual(['CANCELED', 'CANCELED', 'CANCELED', 'CANCELED', 'FAILED']);
    expect(fx.jm.slotPool.freeSlots).toBe(2);
  });

  it('fails the job when a TaskManager rejects a deployment', async () => {
    fx = await JobManagerFixture.start();
    await fx.addTaskManager({ slots: 2, rejectDeploy: 'The job graph rebuilt from the artifact does not match' });
    const jobId = await fx.submit(sourceMapSinkGraph('rejected', 1));
    const status = await fx.waitForJobState(jobId, 'FAILED');
    expect(status.job.failureCause).toMatch(/^Could not deploy source \(1\/1\) to TaskManager tm-0 \(127\.0\.0\.1:\d+\): The job graph rebuilt from the artifact does not match$/);
  });
});

describe('TaskManager loss', () => {
  it('fails the job at once when the Connect stream closes (no heartbeat timeout needed)', async () => {
    fx = await JobManagerFixture.start({ heartbeatTimeoutMs: 60_000 });
    const a = await fx.addTaskManager({ slots: 1, autoRun: true });
    const b = await fx.addTaskManager({ slots: 1, autoRun: true });
    const jobId = await runningJob(fx);

    const lostAt = Date.now();
    b.disconnect();
    const status = await fx.waitForJobState(jobId, 'FAILED', 2_000);
    expect(Date.now() - lostAt).toBeLessThan(2_000);
    expect(status.job.failureCause).toBe('TaskManager tm-1 lost: its connection closed');
    expect(a.cancellations.length).toBe(a.deployments.length);
    expect(fx.jm.registry.get('tm-1')).toBeUndefined();
    expect(fx.jm.slotPool.totalSlots).toBe(1);
    expect(fx.jm.slotPool.freeSlots).toBe(1);
    expect(await b.heartbeat()).toBe(false);
  });

  it('loses a killed TaskManager process at once (SIGKILL closes its connection)', async () => {
    fx = await JobManagerFixture.start({ heartbeatTimeoutMs: 60_000 });
    // A separate process that registers and holds Connect open, then never heartbeats.
    const script = `
      const grpc = require('@grpc/grpc-js');
      const loader = require('@grpc/proto-loader');
      const def = loader.loadSync(${JSON.stringify(path.join(__dirname, '..', 'proto', 'sluice.proto'))}, { longs: Number, defaults: true, arrays: true });
      const RM = grpc.loadPackageDefinition(def).sluice.v1.ResourceManagerGateway;
      const rm = new RM(process.argv[1], grpc.credentials.createInsecure());
      rm.RegisterTaskManager({ taskManagerId: 'doomed', rpcAddress: '127.0.0.1:1', slots: [{ index: 0, dataHost: '127.0.0.1', dataPort: 9 }] }, (err) => {
        if (err) throw err;
        rm.Connect({ taskManagerId: 'doomed' }).on('data', () => process.stdout.write('connected\\n')).on('error', () => {});
      });`;
    const child = spawn(process.execPath, ['-e', script, fx.addresses.rpcAddress], {
      // Outside the checkout; `-e` resolves packages from NODE_PATH then.
      cwd: testWorkingDirectory(),
      env: { ...process.env, NODE_PATH: path.join(__dirname, '..', 'node_modules') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('connected') && resolve());
        child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
      expect(fx.jm.registry.get('doomed')).toBeDefined();
      child.kill('SIGKILL');
      await waitUntil(() => fx!.jm.registry.get('doomed') === undefined, 'the killed TaskManager to be lost', 2_000);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('loses a silent TaskManager after the heartbeat timeout', async () => {
    fx = await JobManagerFixture.start({ heartbeatIntervalMs: 50, heartbeatTimeoutMs: 300 });
    const silent = await fx.addTaskManager({ slots: 2, connect: false, autoRun: true });
    const jobId = await runningJob(fx);
    const status = await fx.waitForJobState(jobId, 'FAILED', 3_000);
    expect(status.job.failureCause).toMatch(/^TaskManager tm-0 lost: no heartbeat for \d+ ms \(heartbeat timeout 300 ms\)$/);
    expect(await silent.heartbeat()).toBe(false);
  });

  it('keeps a TaskManager that heartbeats, and ignores a heartbeat from an unknown one', async () => {
    fx = await JobManagerFixture.start({ heartbeatIntervalMs: 50, heartbeatTimeoutMs: 300 });
    const tm = await fx.addTaskManager({ slots: 1, connect: false });
    // Heartbeats at the configured interval for more than twice the timeout: all answered.
    const answers: boolean[] = [];
    const beating = setInterval(() => void tm.heartbeat().then((known) => answers.push(known)), 50);
    try {
      await waitUntil(() => answers.length >= 14, '14 heartbeats (700 ms, over twice the 300 ms timeout)');
    } finally {
      clearInterval(beating);
    }
    expect(answers.every((known) => known)).toBe(true);
    expect(fx.jm.registry.size).toBe(1);
    const stranger = await ProtocolTaskManager.start({ jobManagerAddress: fx.addresses.rpcAddress, id: 'stranger', connect: false });
    fx.jm.registry.lose('stranger', 'test');
    expect(await stranger.heartbeat()).toBe(false);
    await stranger.register();
    expect(await stranger.heartbeat()).toBe(true);
    await stranger.close();
  });

  it('ends the Connect stream of a TaskManager it lost, so the TaskManager knows', async () => {
    fx = await JobManagerFixture.start({ heartbeatIntervalMs: 50, heartbeatTimeoutMs: 200 });
    const tm = await fx.addTaskManager({ slots: 1 });
    expect(tm.connectEvents).toEqual(['CONNECTED']);
    await waitUntil(() => tm.connectEnded, 'the JobManager to end the Connect stream');
  });
});

describe('restart strategy plug-in', () => {
  it('restarts with a new attempt and ignores reports of the old one', async () => {
    let failures = 0;
    const restartOnce: RestartStrategy = { name: 'test-once', onFailure: () => (++failures === 1 ? { restart: true, delayMs: 0 } : { restart: false }) };
    fx = await JobManagerFixture.start({}, { restartStrategyFactory: () => restartOnce });
    const tm = await fx.addTaskManager({ slots: 2, autoRun: true });
    const jobId = await runningJob(fx);
    const firstAttempt = [...tm.deployments];

    await tm.report(firstAttempt[0], 'FAILED', 'Error: transient');
    await waitUntil(() => tm.deployments.length === 10, 'redeployment of all five tasks');
    const second = tm.deployments.slice(5);
    expect(second.every((d) => d.attempt === 1)).toBe(true);
    await fx.waitForJobState(jobId, 'RUNNING');

    // Late reports of attempt 0 change nothing.
    for (const d of firstAttempt) await tm.report(d, 'FINISHED');
    await tm.report(firstAttempt[1], 'FAILED', 'Error: stale');
    let status = await fx.status(jobId);
    expect(status.job.state).toBe('RUNNING');
    expect(status.vertices.flatMap((v) => v.subtasks.map((s) => s.attempt))).toEqual([1, 1, 1, 1, 1]);

    for (const d of second) await tm.report(d, 'FINISHED');
    status = await fx.waitForJobState(jobId, 'FINISHED');
    expect(status.job.failureCause).toBe('');
    expect(failures).toBe(1);
  });
});
