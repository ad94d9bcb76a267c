import { useState } from 'react';
import { api } from '../../api/client';
import type { ImportReportView, ImportUndoResult } from '../../../../shared/ipc/channels/contacts';
import { ImportCounts, RejectsTable } from './ImportCounts';
import { saveText } from './files';
import { Button, Banner, ConfirmDialog } from '../ui';
import { UndoSummary } from './UndoSummary';

/** Step 5: what the import did, the rows it rejected (downloadable), and a way to take it all back. */
export function ImportResultStep({ report, onUndone }: { report: ImportReportView; onUndone(): void }) {
  const [undo, setUndo] = useState<'ask' | 'busy' | ImportUndoResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const c = report.counts;

  const download = async () => {
    setError(null);
    try {
      const out = await api.imports.rejectsCsv({ importId: report.importId });
      saveText(out.csv, out.fileName);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const runUndo = async () => {
    setUndo('busy');
    setError(null);
    try {
      setUndo(await api.imports.undo({ importId: report.importId }));
      onUndone();
    } catch (e) {
      setError((e as Error).message);
      setUndo(null);
    }
  };
  const undone = typeof undo === 'object' && undo !== null;

  return (
    <div className="ct-result">
      <Banner
        tone={undone ? 'info' : 'success'}
        role="status"
        className={`ct-result-banner ${undone ? 'undone' : 'good'}`}
      >
        <span className="ct-result-icon" aria-hidden="true">
          {undone ? '↺' : '✓'}
        </span>
        <div>
          <strong>{undone ? 'Import undone' : `Imported ${report.fileName}`}</strong>
          <div className="muted small">
            {undone
              ? 'The contacts it added are gone and the ones it changed are as they were.'
              : `${c.imported.toLocaleString()} new, ${c.updated.toLocaleString()} updated, ${c.invalid.toLocaleString()} rejected.`}
          </div>
        </div>
      </Banner>
      {undone ? <UndoSummary result={undo} /> : <ImportCounts counts={c} done />}
      {c.notTextable > 0 && !undone && (
        <p className="ct-callout warn">
          {c.notTextable.toLocaleString()} {c.notTextable === 1 ? 'person was' : 'people were'} imported but not
          textable: the file says they did not agree to SMS.
        </p>
      )}
      {error && <Banner tone="error">{error}</Banner>}
      {report.rejects.length > 0 && (
        <>
          <h3 className="ct-subhead">Rejected rows</h3>
          <RejectsTable rejects={report.rejects} total={c.invalid} />
        </>
      )}
      <div className="ct-result-actions">
        {c.invalid > 0 && (
          <Button variant="secondary" onClick={() => void download()}>
            Download rejects CSV
          </Button>
        )}
        {!undone && (
          <Button
            variant="secondary"
            className="ct-danger-button"
            onClick={() => setUndo('ask')}
            disabled={undo === 'busy'}
          >
            Undo this import
          </Button>
        )}
      </div>
      {(undo === 'ask' || undo === 'busy') && (
        <ConfirmDialog
          title="Undo this import?"
          confirmLabel="Undo import"
          danger
          busy={undo === 'busy'}
          onConfirm={() => void runUndo()}
          onClose={() => setUndo(null)}
        >
          The {c.imported.toLocaleString()} contacts it added are deleted and the {c.updated.toLocaleString()} it
          updated get their old details back. Anyone who opted out or was texted since is kept, so no consent or message
          history is lost.
        </ConfirmDialog>
      )}
    </div>
  );
}
