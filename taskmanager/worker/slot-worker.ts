import { parentPort, workerData } from 'node:worker_threads';
import { taskKey } from '../task-key';
import type { MessagePort as NodeMessagePort } from 'node:worker_threads';
import { createNetworkEnvironment } from '../network/network-environment';
import type { NetworkEnvironment } from '../network/channel-types';
import type { FromWorker, SlotWorkerData, ToWorker } from './worker-messages';
import type { CheckpointAck, CheckpointDecline, TaskDeploymentDescriptor, TaskRef } from '../../proto/messages';
import type { JobDeployment } from '../../job/loaded-job';
import type { StreamTask } from '../runtime/stream-task';
import { createStreamTask } from '../runtime/create-stream-task';
import { LoadedJob } from '../../job/loaded-job';
import { errorMessage } from '../../common/errors';
import { describeError } from '../../common/error-info';
import { setStorageTimeoutMs } from '../../common/checkpoint/storage-registry';
import { ThreadCpuProfiler } from './thread-cpu-profiler';

/**
 * A slot: one worker thread with its own event loop and data port, so a TaskManager with N
 * slots uses N cores. It runs every subtask the JobManager places into the slot (one per
 * vertex of a job, by slot sharing).
 */
const data = workerData as SlotWorkerData;
const port = parentPort!;
const tasks = new Map<string, StreamTask>();
const jobs = new Map<string, LoadedJob>();
let network: NetworkEnvironment;
const profiler = new ThreadCpuProfiler();

function post(msg: FromWorker): void {
  port.postMessage(msg);
}


function loadJob(info: JobDeployment, jobId: string): LoadedJob {
  let job = jobs.get(jobId);
  if (!job || job.graph.hash !== info.graph.hash) {
    job = LoadedJob.load(info);
    jobs.set(jobId, job);
  }
  return job;
}

function deploy(descriptor: TaskDeploymentDescriptor, info: JobDeployment): void {
  const ref: TaskRef = { jobId: descriptor.jobId, attempt: descriptor.attempt, vertexId: descriptor.vertexId, subtask: descriptor.subtask };
  const report = (state: FromWorker & { type: 'task-state' }) => post(state);
  let task: StreamTask;
  try {
    const job = loadJob(info, descriptor.jobId);
    const reporter = {
      acknowledge: (ack: CheckpointAck) => post({ type: 'checkpoint-ack', ack }),
      decline: (decline: CheckpointDecline) => post({ type: 'checkpoint-decline', decline }),
    };
    const context = { userFile: info.artifact.fileName || 'job.js', mapStack: job.stackMapper ? (s: string) => job.stackMapper!.mapStack(s) : undefined };
    task = createStreamTask(descriptor, job, network, { taskManagerId: data.taskManagerId, slot: data.slot, host: data.host }, (state, error, endOfData, cause) => {
      const errorInfo = state === 'FAILED' && cause !== undefined ? describeError(cause, context) : undefined;
      report({ type: 'task-state', task: ref, state, error: error ?? '', endOfData: endOfData ?? false, errorInfo });
      if (state === 'FINISHED' || state === 'CANCELED' || state === 'FAILED') {
        tasks.delete(taskKey(ref));
        if (![...tasks.values()].some((t) => t.descriptor.jobId === ref.jobId)) jobs.delete(ref.jobId);
      }
    }, reporter, (event) => post({ type: 'coordinator-event', event }));
  } catch (err) {
    report({ type: 'task-state', task: ref, state: 'FAILED', error: errorMessage(err), endOfData: false, errorInfo: describeError(err, { userFile: info.artifact.fileName || 'job.js' }) });
    return;
  }
  tasks.set(taskKey(ref), task);
  post({ type: 'task-metrics', task: ref, buffer: task.metrics.buffer });
  void task.start();
}

async function main(): Promise<void> {
  if (data.storageTimeoutMs !== undefined) setStorageTimeoutMs(data.storageTimeoutMs);
  const peers = new Map<number, NodeMessagePort>();
  for (const [slot, p] of Object.entries(data.peers)) peers.set(Number(slot), p);
  network = await createNetworkEnvironment({ host: data.host, port: data.dataPort, slot: data.slot, peers, security: data.security });
  port.on('message', (msg: ToWorker) => {
    switch (msg.type) {
      case 'deploy':
        deploy(msg.descriptor, msg.job);
        return;
      case 'cancel':
        tasks.get(taskKey(msg.task))?.cancel();
        return;
      case 'trigger-checkpoint': {
        const task = tasks.get(taskKey(msg.trigger.task));
        if (task) task.triggerCheckpoint(msg.trigger);
        else {
          const t = msg.trigger.task;
          post({ type: 'checkpoint-decline', decline: { ...t, checkpointId: msg.trigger.checkpointId, reason: `task ${t.vertexId}/${t.subtask} is not running on this TaskManager` } });
        }
        return;
      }
      case 'notify-checkpoint': {
        const n = msg.notification;
        for (const t of tasks.values()) if (t.descriptor.jobId === n.jobId && t.descriptor.attempt === n.attempt) t.notifyCheckpoint(n.checkpointId, n.aborted);
        return;
      }
      case 'profile':
        profiler.profile(msg.durationMs, msg.samplingIntervalUs || undefined).then(
          (profileJson) => post({ type: 'profile-result', requestId: msg.requestId, profileJson, error: '' }),
          (err: unknown) => post({ type: 'profile-result', requestId: msg.requestId, profileJson: '', error: errorMessage(err) }),
        );
        return;
      case 'operator-event':
        tasks.get(taskKey(msg.event.task))?.handleOperatorEvent(msg.event);
        return;
      case 'release-job':
        for (const t of tasks.values()) if (t.descriptor.jobId === msg.jobId) t.cancel();
        network.releaseChannels(`${msg.jobId}/`);
        return;
      case 'shutdown':
        for (const t of tasks.values()) t.cancel();
        void network.close().finally(() => process.exit(0));
        return;
    }
  });
  post({ type: 'ready', slot: data.slot, dataPort: network.dataPort });
}

main().catch((err) => post({ type: 'fatal', error: errorMessage(err) }));
