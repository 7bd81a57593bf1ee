import { useEffect, useState } from 'preact/hooks';

export const JOB_TABS = ['overview', 'exceptions', 'checkpoints', 'watermarks', 'configuration'] as const;
export type JobTab = (typeof JOB_TABS)[number];
export const TASK_MANAGER_TABS = ['overview', 'logs', 'stdout'] as const;
export type TaskManagerTab = (typeof TASK_MANAGER_TABS)[number];

/** The dashboard's views, addressed by the URL fragment so they never collide with REST paths. */
export type Route =
  | { page: 'overview' }
  | { page: 'jobs' }
  | { page: 'job'; jobId: string; tab: JobTab }
  | { page: 'taskmanagers' }
  | { page: 'taskmanager'; taskManagerId: string; tab: TaskManagerTab }
  | { page: 'jobmanager' }
  | { page: 'submit' };

function oneOf<T extends string>(values: readonly T[], v: string | undefined): T {
  return values.includes(v as T) ? (v as T) : values[0];
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'jobs' && parts[1]) return { page: 'job', jobId: parts[1], tab: oneOf(JOB_TABS, parts[2]) };
  if (parts[0] === 'jobs') return { page: 'jobs' };
  if (parts[0] === 'taskmanagers' && parts[1]) return { page: 'taskmanager', taskManagerId: parts[1], tab: oneOf(TASK_MANAGER_TABS, parts[2]) };
  if (parts[0] === 'taskmanagers') return { page: 'taskmanagers' };
  if (parts[0] === 'jobmanager') return { page: 'jobmanager' };
  if (parts[0] === 'submit') return { page: 'submit' };
  return { page: 'overview' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'overview':
      return '#/overview';
    case 'jobs':
      return '#/jobs';
    case 'job':
      return `#/jobs/${route.jobId}${route.tab === 'overview' ? '' : `/${route.tab}`}`;
    case 'taskmanagers':
      return '#/taskmanagers';
    case 'taskmanager':
      return `#/taskmanagers/${encodeURIComponent(route.taskManagerId)}${route.tab === 'overview' ? '' : `/${route.tab}`}`;
    case 'jobmanager':
      return '#/jobmanager';
    case 'submit':
      return '#/submit';
  }
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
