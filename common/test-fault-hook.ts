import * as fs from 'node:fs';

/**
 * Test-only fault injection: lets a multi-process test force a crash at one exact point (e.g.
 * "checkpoint complete, TaskManager dies before the commit") instead of hoping a kill -9 lands
 * there. Off unless the `SLUICE_TEST_FAULT` environment variable is set, which only the test
 * harness sets, on the processes it starts (never documented for users; the end of
 * docs/connectors-kafka.md lists the points). Format: `<point>:<checkpointId>:<marker file>`:
 * the first process reaching `point` for a checkpoint id >= `checkpointId` creates the marker
 * file (exclusively, so the fault fires once per test even after restarts) and kills its own
 * process with SIGKILL.
 */
export type FaultPoint = 'kafka-committer-before-commit' | 'stopping-task-after-commit';

const spec = parse(process.env.SLUICE_TEST_FAULT);

function parse(raw: string | undefined): { point: string; checkpointId: number; marker: string } | null {
  if (!raw) return null;
  const [point, id, ...marker] = raw.split(':');
  if (!point || !id || marker.length === 0) return null;
  return { point, checkpointId: Number(id), marker: marker.join(':') };
}

export function testFaultPoint(point: FaultPoint, checkpointId: number): void {
  if (!spec || spec.point !== point || !(checkpointId >= spec.checkpointId)) return;
  const message = `SLUICE_TEST_FAULT: ${point} at checkpoint ${checkpointId}: killing process ${process.pid}\n`;
  try {
    fs.writeFileSync(spec.marker, message, { flag: 'wx' }); // exclusive: fires once
  } catch {
    return; // fired already
  }
  try {
    // Synchronously: from a worker thread, process.stderr is forwarded later, after the kill.
    fs.writeSync(2, message);
  } catch {
    // A non-blocking stderr pipe may refuse the write (EAGAIN); the marker file has the message.
  }
  process.kill(process.pid, 'SIGKILL');
}
