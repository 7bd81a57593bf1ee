import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { rest } from './api/rest-client';
import type { DashboardConfig } from './api/types';
import { Shell } from './components/layout';
import { useHashRoute } from './hooks/use-hash-route';
import { setRefreshInterval } from './hooks/use-poll';
import { JobPage } from './pages/job-page';
import { JobManagerPage } from './pages/jobmanager-page';
import { JobsPage } from './pages/jobs-page';
import { OverviewPage } from './pages/overview-page';
import { SubmitPage } from './pages/submit-page';
import { TaskManagerPage } from './pages/taskmanager-page';
import { TaskManagersPage } from './pages/taskmanagers-page';

export function App(): JSX.Element {
  const route = useHashRoute();
  const [version, setVersion] = useState('');
  const [authRequired, setAuthRequired] = useState(false);
  useEffect(() => {
    rest.get<DashboardConfig>('/config').then(
      (c) => {
        setVersion(c['sluice-version']);
        setAuthRequired(c['auth-required']);
        setRefreshInterval(c['refresh-interval']);
      },
      () => undefined,
    );
  }, []);
  useEffect(() => {
    document.title = route.page === 'job' ? `Job ${route.jobId.slice(0, 8)} · Sluice` : 'Sluice Dashboard';
  }, [route]);

  return (
    <Shell route={route} version={version} authRequired={authRequired}>
      {route.page === 'overview' && <OverviewPage />}
      {route.page === 'jobs' && <JobsPage />}
      {route.page === 'job' && <JobPage key={route.jobId} jobId={route.jobId} tab={route.tab} />}
      {route.page === 'taskmanagers' && <TaskManagersPage />}
      {route.page === 'taskmanager' && <TaskManagerPage key={route.taskManagerId} id={route.taskManagerId} tab={route.tab} />}
      {route.page === 'jobmanager' && <JobManagerPage />}
      {route.page === 'submit' && <SubmitPage />}
    </Shell>
  );
}
