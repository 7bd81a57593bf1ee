import * as net from 'node:net';
import * as path from 'node:path';
import { ManagedProcess } from '../test/harness/managed-process';

/**
 * The latency floor of this machine at this moment, for the latency bench to set its figures
 * against: two bare Node processes (no engine) on loopback TCP with Nagle off, one sending
 * records stamped with their creation time at the bench's rate, paced as the datagen source
 * paces (a millisecond timer), and buffered as the engine buffers them: with a buffer timeout
 * of 0 written as soon as they are made, otherwise by an interval timer of the timeout; the
 * other histograms creation -> arrival. What is left in its tail is the OS and the other
 * engineers' load: a woken process waiting for a core. Run as
 * `node latency-floor.js receiver|sender ...`.
 */

const BUCKET_MS = 0.1;
const BUCKETS = 100_000;
const now = () => performance.timeOrigin + performance.now();

export interface FloorHistogram {
  bucketMs: number;
  max: number;
  histogram: number[];
}

/** Runs sender and receiver processes for `seconds` at `rate`; the first `warmUpSeconds` are not counted. */
export async function measureLatencyFloor(rate: number, seconds: number, warmUpSeconds: number, bufferTimeoutMs: number): Promise<FloorHistogram> {
  const script = path.join(__dirname, 'latency-floor.js');
  const total = rate * seconds;
  const receiver = new ManagedProcess('floor-receiver', process.execPath, [script, 'receiver', String(total), String(rate * warmUpSeconds)]);
  try {
    const port = (await receiver.waitForStdout(/port=(\d+)/))[1];
    const sender = new ManagedProcess('floor-sender', process.execPath, [script, 'sender', port, String(rate), String(total), String(bufferTimeoutMs)]);
    const code = await sender.exited;
    if (code !== 0) throw new Error(`latency floor sender failed: ${sender.stderr}`);
    const result = (await receiver.waitForStdout(/result=(\{.*\})\n/, 60_000))[1];
    return JSON.parse(result) as FloorHistogram;
  } finally {
    if (receiver.running) receiver.kill('SIGKILL');
  }
}

function receive(total: number, warmUp: number): void {
  const histogram = new Uint32Array(BUCKETS);
  let max = 0;
  let seen = 0;
  let rest = Buffer.alloc(0);
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      const t = now();
      const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      const whole = data.length - (data.length % 8);
      for (let off = 0; off < whole; off += 8) {
        if (seen++ < warmUp) continue;
        const ms = t - data.readDoubleLE(off);
        if (ms > max) max = ms;
        histogram[Math.min(BUCKETS - 1, Math.floor(ms / BUCKET_MS))]++;
      }
      rest = Buffer.from(data.subarray(whole));
      if (seen >= total) {
        process.stdout.write(`result=${JSON.stringify({ bucketMs: BUCKET_MS, max, histogram: Array.from(histogram) })}\n`);
        process.exit(0);
      }
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as net.AddressInfo;
    process.stdout.write(`port=${address.port}\n`);
  });
}

function send(port: number, rate: number, total: number, bufferTimeoutMs: number): void {
  const socket = net.connect(port, '127.0.0.1', () => {
    socket.setNoDelay(true);
    const since = Date.now();
    let made = 0;
    let pending: number[] = [];
    const flush = (): void => {
      if (pending.length === 0) return;
      const out = Buffer.allocUnsafe(pending.length * 8);
      for (let k = 0; k < pending.length; k++) out.writeDoubleLE(pending[k]!, k * 8);
      socket.write(out);
      pending = [];
    };
    const flusher = bufferTimeoutMs > 0 ? setInterval(flush, bufferTimeoutMs) : undefined;
    const tick = (): void => {
      const elapsed = Date.now() - since;
      const allowed = Math.min(total, Math.floor((elapsed * rate) / 1000)) - made;
      for (let k = 0; k < allowed; k++) pending.push(now());
      made += Math.max(0, allowed);
      if (flusher === undefined) flush();
      if (made < total) {
        setTimeout(tick, Math.max(1, Math.ceil(((made + 1) * 1000) / rate - elapsed)));
        return;
      }
      clearInterval(flusher);
      flush();
      socket.end(() => process.exit(0));
    };
    tick();
  });
}

if (require.main === module) {
  const [role, a, b, c, d] = process.argv.slice(2);
  if (role === 'receiver') receive(Number(a), Number(b));
  else if (role === 'sender') send(Number(a), Number(b), Number(c), Number(d));
  else throw new Error(`usage: latency-floor.js receiver TOTAL WARMUP | sender PORT RATE TOTAL BUFFER_TIMEOUT_MS`);
}
