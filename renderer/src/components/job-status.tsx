import type { JobName } from '../../../main/api/contract/api-contract.ts';
import type { JobView } from '../model/use-job.ts';
import { ErrorLine } from './error-line.tsx';
import { ProgressView } from './progress-view.tsx';

/** What a running or finished job shows wherever it was started: its stages' progress, its error, its warnings. */
export function JobStatus<N extends JobName>({ job }: { job: Pick<JobView<N>, 'stages' | 'state' | 'error' | 'messages'> }) {
  return (
    <>
      <ProgressView stages={job.stages} finished={job.state === 'done'} />
      <ErrorLine error={job.error} />
      {job.messages.length > 0 && <ul className="messages">{job.messages.map((m, i) => <li key={i} className={m.level}>{m.text}</li>)}</ul>}
    </>
  );
}
