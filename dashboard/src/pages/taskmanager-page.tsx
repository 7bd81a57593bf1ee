import type { JSX } from 'preact';
import { Card } from '../components/card';
import { PageHeader } from '../components/layout';
import { LogView } from '../components/log-view';
import { TabBar } from '../components/tab-bar';
import { TASK_MANAGER_TABS, type TaskManagerTab, href } from '../hooks/use-hash-route';
import { TaskManagerCard } from './taskmanagers-page';

const LABELS: Record<TaskManagerTab, string> = { overview: 'Overview', logs: 'Logs', stdout: 'Stdout' };

/** One TaskManager: its slots, its log lines and what its tasks printed (fetched from it by the JobManager). */
export function TaskManagerPage({ id, tab }: { id: string; tab: TaskManagerTab }): JSX.Element {
  const base = `/taskmanagers/${encodeURIComponent(id)}`;
  return (
    <div>
      <PageHeader title={<span class="wrap-anywhere">{id}</span>} subtitle={<a href="#/taskmanagers">All TaskManagers</a>} />
      <TabBar testId="taskmanager-tabs" active={tab} tabs={TASK_MANAGER_TABS.map((t) => ({ id: t, label: LABELS[t], href: href({ page: 'taskmanager', taskManagerId: id, tab: t }) }))} />
      {tab === 'overview' && <TaskManagerCard id={id} />}
      {tab === 'logs' && (
        <Card title="Log" actions={<span class="muted small">the latest lines, kept in the TaskManager's memory</span>}>
          <LogView path={`${base}/log`} testId="taskmanager-log" empty="No log lines yet." />
        </Card>
      )}
      {tab === 'stdout' && (
        <Card title="Stdout" actions={<span class="muted small">what its tasks printed (print() sinks), the latest kept in its memory</span>}>
          <LogView path={`${base}/stdout`} testId="taskmanager-stdout" empty="Nothing printed yet: print() sinks write here." />
        </Card>
      )}
    </div>
  );
}
