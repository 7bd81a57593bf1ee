import type { SecurityConfig } from '../common/security';
import * as path from 'node:path';
import { Worker, MessageChannel, type MessagePort } from 'node:worker_threads';
import type { FromWorker, SlotWorkerData, ToWorker } from './worker/worker-messages';
import type { SlotInfo } from '../proto/messages';
import { LogTail, processLogTail } from '../common/log-tail';
import * as v8 from 'node:v8';

/**
 * Young generation of each slot thread (MB). Records are short-lived objects by the million
 * per second; with the default, scavenges took a quarter of a Nexmark query's time, and 64 MB
 * made q0, q3 and q8 1.1-2.8x faster in A/B runs (docs/nexmark.md). Costs that much memory per slot.
 */
const SLOT_YOUNG_GENERATION_MB = 64;

/**
 * What slot threads' heaps start at (MB), as Flink starts a TaskManager's JVM with -Xms: V8
 * starts a heap small and grows it by collecting, so a TaskManager's first job paid for the
 * growth. Its first Nexmark q4 run (2M events) made 31 scavenges and 4 mark-compacts per slot
 * where the next run made 22 and none; started at these sizes, the first run makes 20 and none
 * (the next scavenges as often), and its TaskManager CPU fell by a tenth. A semi-space is a
 * third of the young generation; old-generation garbage may reach the initial size before the
 * first full collection, a cost in memory per slot.
 */
const SLOT_INITIAL_SEMI_SPACE_MB = 16;
const SLOT_INITIAL_OLD_GENERATION_MB = 128;

/**
 * V8 reads these flags when an isolate is created and Node's Worker options cannot set them,
 * so they are set on the process before the slot threads start (a TaskManager process creates
 * no other isolates; its main thread's heap already exists and keeps its own sizing).
 */
function presizeSlotHeaps(): void {
  v8.setFlagsFromString(`--min-semi-space-size=${SLOT_INITIAL_SEMI_SPACE_MB}`);
  v8.setFlagsFromString(`--initial-old-space-size=${SLOT_INITIAL_OLD_GENERATION_MB}`);
}

/**
 * Starts one worker thread per slot, with a full mesh of MessageChannels between them so
 * subtasks in different slots of this TaskManager exchange data in memory, not over TCP.
 */
export class SlotWorkers {
  private readonly workers: Worker[] = [];
  readonly slots: SlotInfo[] = [];
  /** What the tasks printed (print() sinks write to their worker's stdout). */
  readonly stdoutTail = new LogTail();

  private constructor(private readonly onMessage: (msg: FromWorker) => void) {}

  static async start(opts: { taskManagerId: string; slots: number; host: string; advertisedHost: string; dataPort: number; security: SecurityConfig; storageTimeoutMs?: number }, onMessage: (msg: FromWorker) => void, onExit: (slot: number, code: number) => void): Promise<SlotWorkers> {
    presizeSlotHeaps();
    const pool = new SlotWorkers(onMessage);
    const ports: Array<Record<number, MessagePort>> = Array.from({ length: opts.slots }, () => ({}));
    for (let a = 0; a < opts.slots; a++)
      for (let b = a + 1; b < opts.slots; b++) {
        const ch = new MessageChannel();
        ports[a][b] = ch.port1;
        ports[b][a] = ch.port2;
      }
    const script = path.join(__dirname, 'worker', 'slot-worker.js');
    const ready: Array<Promise<SlotInfo>> = [];
    for (let slot = 0; slot < opts.slots; slot++) {
      const data: SlotWorkerData = {
        taskManagerId: opts.taskManagerId,
        slot,
        host: opts.host,
        dataPort: opts.dataPort === 0 ? 0 : opts.dataPort + slot,
        security: opts.security,
        storageTimeoutMs: opts.storageTimeoutMs,
        peers: ports[slot],
      };
      // The workers' output passes through here (as it would anyway: a worker's stdout is the
      // main thread's): still to this process's stdout and stderr, and into the tails the
      // dashboard's Stdout and Logs views read.
      const worker = new Worker(script, { workerData: data, transferList: Object.values(ports[slot]), stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: SLOT_YOUNG_GENERATION_MB } });
      worker.stdout.setEncoding('utf8');
      worker.stdout.on('data', (chunk: string) => pool.stdoutTail.append(chunk));
      worker.stdout.pipe(process.stdout, { end: false });
      worker.stderr.setEncoding('utf8');
      worker.stderr.on('data', (chunk: string) => processLogTail.append(chunk));
      worker.stderr.pipe(process.stderr, { end: false });
      pool.workers.push(worker);
      ready.push(
        new Promise((resolve, reject) => {
          const onFirst = (msg: FromWorker) => {
            if (msg.type === 'ready') resolve({ index: slot, dataHost: opts.advertisedHost, dataPort: msg.dataPort });
            else if (msg.type === 'fatal') reject(new Error(`slot ${slot} failed to start: ${msg.error}`));
            else return;
            worker.off('message', onFirst);
            worker.on('message', (m: FromWorker) => pool.onMessage(m));
          };
          worker.on('message', onFirst);
          worker.once('error', reject);
        }),
      );
      worker.on('exit', (code) => onExit(slot, code));
    }
    pool.slots.push(...(await Promise.all(ready)));
    return pool;
  }

  send(slot: number, msg: ToWorker): void {
    const worker = this.workers[slot];
    if (!worker) throw new Error(`no slot ${slot} (this TaskManager has ${this.workers.length})`);
    worker.postMessage(msg);
  }

  broadcast(msg: ToWorker): void {
    for (const w of this.workers) w.postMessage(msg);
  }

  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
