import { useCall } from '../model/use-call.ts';

/** Why records of an embedded file were left out: the first of its import issues, as `seqatlas store issues` lists them. */
export function LeftOutRecords({ store, dataset }: { store: string; dataset: string }) {
  const issues = useCall('importIssues', { store, dataset, limit: 20 });
  if (!issues.data) return null;
  return (
    <details>
      <summary>Left out: {issues.data.total} records{issues.data.total > issues.data.issues.length ? ` (first ${issues.data.issues.length})` : ''}</summary>
      <ul className="issues" aria-label="left-out records">
        {issues.data.issues.map((issue) => <li key={issue.record}>{issue.message}</li>)}
      </ul>
    </details>
  );
}
