import type { JSX } from 'preact';

/** Colour family of a job, task or checkpoint state. */
export function stateTone(state: string): 'running' | 'finished' | 'failed' | 'canceled' | 'transition' | 'pending' {
  switch (state) {
    case 'RUNNING':
      return 'running';
    case 'FINISHED':
    case 'COMPLETED':
      return 'finished';
    case 'FAILED':
      return 'failed';
    case 'CANCELED':
      return 'canceled';
    case 'FAILING':
    case 'CANCELLING':
    case 'CANCELING':
    case 'RESTARTING':
    case 'IN_PROGRESS':
      return 'transition';
    default:
      return 'pending';
  }
}

export function StateBadge({ state }: { state: string }): JSX.Element {
  return <span class={`badge badge-${stateTone(state)}`}>{state.replace('_', ' ')}</span>;
}
