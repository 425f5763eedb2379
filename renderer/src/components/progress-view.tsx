import type { ProgressEvent } from '../model/use-job.ts';
import { formatCount, formatDuration } from '../model/format.ts';

/**
 * Per-stage progress of a job: records done, rate and time left, as the engine reports them. A stage without a
 * total shows an indeterminate bar while the job runs, and a full one once the job is done.
 */
export function ProgressView({ stages, finished }: { stages: ProgressEvent[]; finished: boolean }) {
  if (stages.length === 0) return null;
  return (
    <ol className="stages" aria-label="progress">
      {stages.map((stage) => {
        const share = stage.total ? Math.min(1, stage.done / stage.total) : finished ? 1 : null;
        return (
          <li key={stage.stage} className="stage">
            <div className="stage-head">
              <strong>{stage.stage}</strong>
              <span>
                {formatCount(stage.done)}
                {stage.total !== null ? ` / ${formatCount(stage.total)}` : ''} {stage.unit}
              </span>
              <span>{stage.rate > 0 ? `${formatCount(Math.round(stage.rate))} ${stage.unit}/s` : ''}</span>
              <span>{stage.eta !== null && share !== 1 ? `about ${formatDuration(stage.eta)} left` : ''}</span>
            </div>
            <progress value={share ?? undefined} max={1} aria-label={`${stage.stage} progress`} />
          </li>
        );
      })}
    </ol>
  );
}
