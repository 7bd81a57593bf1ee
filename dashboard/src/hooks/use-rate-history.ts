import { useMemo } from 'preact/hooks';
import type { JobDetail } from '../api/types';

/** Five minutes at one sample a second. */
const MAX_POINTS = 300;

interface History {
  times: number[];
  /** vertex id → records/s, aligned with times. */
  values: Map<string, Array<number | null>>;
  lastNow: number;
}

/** Kept per job while the page is open, so leaving a job's page and coming back keeps its chart. */
const histories = new Map<string, History>();

/**
 * Records/s of each vertex over time, sampled from each new answer of GET /jobs/:jid: records
 * out for vertices that emit, records in for sinks. The JobManager keeps only the latest rates;
 * the dashboard draws the curve.
 */
export function useRateHistory(job: JobDetail | undefined): { times: number[]; series: Array<{ id: string; name: string; values: Array<number | null> }> } {
  const now = job?.now ?? 0;
  return useMemo(() => {
    if (!job) return { times: [], series: [] };
    let h = histories.get(job.jid);
    if (!h) histories.set(job.jid, (h = { times: [], values: new Map(), lastNow: 0 }));
    const emitting = new Set(job.plan.nodes.flatMap((n) => (n.inputs ?? []).map((i) => i.id)));
    if (job.now > h.lastNow) {
      h.lastNow = job.now;
      h.times.push(job.now / 1000);
      for (const v of job.vertices) {
        let arr = h.values.get(v.id);
        if (!arr) h.values.set(v.id, (arr = new Array<number | null>(h.times.length - 1).fill(null)));
        arr.push(emitting.has(v.id) ? v.rates['write-records-per-second'] : v.rates['read-records-per-second']);
      }
      if (h.times.length > MAX_POINTS) {
        h.times.splice(0, h.times.length - MAX_POINTS);
        for (const arr of h.values.values()) arr.splice(0, arr.length - MAX_POINTS);
      }
    }
    return {
      times: [...h.times],
      series: job.vertices.map((v) => ({ id: v.id, name: v.name, values: [...(h.values.get(v.id) ?? [])] })),
    };
    // A new sample arrives with each new `now`; nothing else changes the history.
  }, [job?.jid, now]);
}
