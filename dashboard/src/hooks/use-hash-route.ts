import { useEffect, useState } from 'preact/hooks';

/** The dashboard's views, addressed by the URL fragment so they never collide with REST paths. */
export type Route =
  | { page: 'overview' }
  | { page: 'jobs' }
  | { page: 'job'; jobId: string }
  | { page: 'taskmanagers' }
  | { page: 'submit' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'jobs' && parts[1]) return { page: 'job', jobId: parts[1] };
  if (parts[0] === 'jobs') return { page: 'jobs' };
  if (parts[0] === 'taskmanagers') return { page: 'taskmanagers' };
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
      return `#/jobs/${route.jobId}`;
    case 'taskmanagers':
      return '#/taskmanagers';
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
