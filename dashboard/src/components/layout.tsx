import type { ComponentChildren, JSX } from 'preact';
import { useConnectionStatus } from '../hooks/connection-status';
import type { Route } from '../hooks/use-hash-route';
import { AuthControl } from './auth-control';
import { JobsIcon, Logo, MasterIcon, OverviewIcon, ServerIcon, UploadIcon } from './icons';

const NAV: Array<{ page: Route['page']; label: string; hash: string; icon: () => JSX.Element }> = [
  { page: 'overview', label: 'Overview', hash: '#/overview', icon: OverviewIcon },
  { page: 'jobs', label: 'Jobs', hash: '#/jobs', icon: JobsIcon },
  { page: 'taskmanagers', label: 'TaskManagers', hash: '#/taskmanagers', icon: ServerIcon },
  { page: 'jobmanager', label: 'JobManager', hash: '#/jobmanager', icon: MasterIcon },
  { page: 'submit', label: 'Submit job', hash: '#/submit', icon: UploadIcon },
];

/** Header with the cluster's name, version, auth token and connection state; sidebar navigation; the page. */
export function Shell({ route, version, authRequired, children }: { route: Route; version: string; authRequired: boolean; children: ComponentChildren }): JSX.Element {
  const online = useConnectionStatus();
  const active = route.page === 'job' ? 'jobs' : route.page === 'taskmanager' ? 'taskmanagers' : route.page;
  return (
    <div class="shell">
      <aside class="sidebar">
        <div class="sidebar-inner">
          <a class="brand" href="#/overview">
            <Logo />
            <span>Sluice</span>
          </a>
          <nav>
            {NAV.map((n) => (
              <a key={n.page} href={n.hash} class={`nav-item ${active === n.page ? 'active' : ''}`} aria-current={active === n.page ? 'page' : undefined}>
                <n.icon />
                <span>{n.label}</span>
              </a>
            ))}
          </nav>
          <div class="sidebar-foot">Stream processing, Flink-style</div>
        </div>
      </aside>
      <div class="main">
        <header class="topbar">
          <div class="topbar-title">
            <strong>Sluice cluster</strong>
            {version && <span class="chip">v{version}</span>}
            <span class="muted">JobManager {location.host}</span>
          </div>
          <div class="topbar-right">
            <AuthControl required={authRequired} />
            <div class={`live ${online ? 'live-on' : 'live-off'}`} data-testid="connection">
              <span class="live-dot" />
              {online ? 'Live' : 'Disconnected'}
            </div>
          </div>
        </header>
        <main class="content">{children}</main>
      </div>
    </div>
  );
}

export function PageHeader({ title, subtitle, actions }: { title: ComponentChildren; subtitle?: ComponentChildren; actions?: ComponentChildren }): JSX.Element {
  return (
    <div class="page-header">
      <div>
        <h1 class="wrap-anywhere">{title}</h1>
        {subtitle && <div class="page-subtitle">{subtitle}</div>}
      </div>
      {actions && <div class="page-actions">{actions}</div>}
    </div>
  );
}
