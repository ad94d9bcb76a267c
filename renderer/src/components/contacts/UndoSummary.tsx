import type { ImportUndoResult } from '../../../../shared/ipc/channels/contacts';
import { plural } from './format';

/** What an undo did, including the contacts it had to keep and why. */
export function UndoSummary({ result }: { result: ImportUndoResult }) {
  const kept = result.keptOptedOut.length + result.keptWithHistory.length;
  return (
    <ul className="ct-undo-summary" aria-label="Undo result">
      <li>{plural(result.removed, 'contact')} removed</li>
      <li>{plural(result.restored, 'contact')} put back as they were</li>
      {result.keptOptedOut.length > 0 && (
        <li>
          {plural(result.keptOptedOut.length, 'contact')} kept because they opted out or in since (their consent history
          stays)
        </li>
      )}
      {result.keptWithHistory.length > 0 && (
        <li>{plural(result.keptWithHistory.length, 'contact')} kept because they were texted or wrote in since</li>
      )}
      {result.keptLaterEdits > 0 && (
        <li>{plural(result.keptLaterEdits, 'value')} left alone because someone edited them after the import</li>
      )}
      {kept > 0 && <li className="muted small">Kept contacts lose the tags this import gave them.</li>}
    </ul>
  );
}
