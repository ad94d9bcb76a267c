import type { ImportProgressView } from '../../../../shared/ipc/channels/contacts';
import { formatBytes } from './format';

/** Step 4: the import writing, with how far it has read the file. */
export function ImportRunStep({
  fileName,
  progress,
  cancelling,
}: {
  fileName: string;
  progress: ImportProgressView | null;
  cancelling: boolean;
}) {
  const share = progress && progress.totalBytes ? progress.bytesRead / progress.totalBytes : 0;
  const percent = Math.round(share * 100);
  return (
    <div className="ct-run" aria-live="polite">
      <div className="ct-run-head">
        <strong>{cancelling ? 'Cancelling…' : `Importing ${fileName}`}</strong>
        <span className="ct-run-percent">{percent}%</span>
      </div>
      <div
        className="progress ct-run-bar"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className={cancelling ? '' : 'live'} style={{ width: `${Math.max(2, percent)}%` }} />
      </div>
      <p className="muted">
        {progress
          ? `${progress.rowsRead.toLocaleString()} rows read · ${formatBytes(progress.bytesRead)} of ${formatBytes(progress.totalBytes)}`
          : 'Starting…'}
      </p>
      <p className="muted small">
        {cancelling
          ? 'Stopping the import and putting everything back as it was.'
          : 'You can cancel at any time: a cancelled import changes nothing. Contacts appear in the list when it finishes.'}
      </p>
    </div>
  );
}
