import * as fs from 'node:fs';

/**
 * CPU time a process has used, in ms, summed over its threads (slot workers, GC and compiler
 * helpers, the main thread), from Linux's per-thread schedstat (ns resolution; /proc/<pid>/stat
 * counts in 10 ms ticks, too coarse for a job of a few hundred ms). Undefined where /proc has
 * no schedstat (not Linux). Threads that ended between two readings are not counted: a
 * TaskManager's threads live as long as it does.
 */
export function processCpuMs(pid: number): number | undefined {
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  let ns = 0;
  for (const t of tasks) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended while we listed them.
    }
  }
  return ns / 1e6;
}

/** CPU ms this process (every thread) used while `fn` ran, and fn's result. */
export function ownCpuMs<T>(fn: () => T): { result: T; cpuMs: number } {
  const before = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(before);
  return { result, cpuMs: (used.user + used.system) / 1000 };
}
