import { Session } from 'node:inspector/promises';

/** Longest profile a request may ask for: a flame graph is a look, not a recording. */
export const MAX_PROFILE_MS = 60_000;

/**
 * Samples this thread's CPU with V8's profiler (node:inspector, connected to the current
 * thread: in a slot worker, that slot's isolate only) for `durationMs` and returns the
 * profile as DevTools' `.cpuprofile` JSON. Profiling is on only while a request runs; one
 * at a time per thread, since a second session would stop the first's profile.
 */
export class ThreadCpuProfiler {
  private running: Promise<string> | undefined;

  profile(durationMs: number, samplingIntervalUs = 1000): Promise<string> {
    if (this.running) return Promise.reject(new Error('a CPU profile of this slot is already being taken; try again when it is done'));
    const run = this.run(Math.min(Math.max(1, durationMs), MAX_PROFILE_MS), samplingIntervalUs);
    this.running = run;
    return run.finally(() => (this.running = undefined));
  }

  private async run(durationMs: number, samplingIntervalUs: number): Promise<string> {
    const session = new Session();
    session.connect();
    try {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: Math.max(50, samplingIntervalUs) });
      await session.post('Profiler.start');
      await new Promise((resolve) => setTimeout(resolve, durationMs));
      const { profile } = await session.post('Profiler.stop');
      return JSON.stringify(profile);
    } finally {
      await session.post('Profiler.disable').catch(() => undefined);
      session.disconnect();
    }
  }
}
