import type { JSX } from 'preact';
import type { JobExceptions } from '../../api/types';
import { Card } from '../../components/card';
import { ExceptionsList } from '../../components/exceptions-list';
import { usePoll } from '../../hooks/use-poll';

/** The root cause and every task failure with its stack, newest first. */
export function JobExceptionsTab({ jobId }: { jobId: string }): JSX.Element {
  const exceptions = usePoll<JobExceptions>(`/jobs/${jobId}/exceptions`, 2_000);
  return (
    <Card title="Exceptions" testId="exceptions-tab">
      <ExceptionsList exceptions={exceptions.data} />
    </Card>
  );
}
