import { useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { ImportHistoryRow, ImportUndoResult } from '../../../../shared/ipc/channels/contacts';
import { Badge, Banner, EmptyState, ErrorBanner, formatWhen, Loading } from '../ui';
import { saveText } from './files';
import { formatBytes } from './format';
import { Button, ConfirmDialog, Table } from '../ui';
import { UndoSummary } from './UndoSummary';

const STATUS: Record<string, { text: string; tone: 'good' | 'warn' | 'bad' | 'info' | 'neutral' }> = {
  completed: { text: 'Imported', tone: 'good' },
  running: { text: 'Running', tone: 'info' },
  failed: { text: 'Failed', tone: 'bad' },
  undone: { text: 'Undone', tone: 'neutral' },
  interrupted: { text: 'Interrupted — rolled back', tone: 'warn' },
  cancelled: { text: 'Cancelled', tone: 'neutral' },
};

/** Every import, newest first, with its counts, its rejects file and a way to undo it. */
export function ImportHistory({ onChanged }: { onChanged(): void }) {
  const q = useQuery(() => api.imports.list({ limit: 100 }), [], ['contacts']);
  const [asking, setAsking] = useState<ImportHistoryRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [undone, setUndone] = useState<{ fileName: string; result: ImportUndoResult } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async (row: ImportHistoryRow) => {
    setError(null);
    try {
      const out = await api.imports.rejectsCsv({ importId: row.id });
      saveText(out.csv, out.fileName);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const undo = async (row: ImportHistoryRow) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.imports.undo({ importId: row.id });
      setUndone({ fileName: row.fileName, result });
      setAsking(null);
      q.reload();
      onChanged();
    } catch (e) {
      setError((e as Error).message);
      setAsking(null);
    } finally {
      setBusy(false);
    }
  };

  if (q.loading && !q.data) return <Loading />;
  const rows = q.data ?? [];
  return (
    <div className="ct-history">
      <ErrorBanner message={error ?? q.error} />
      {undone && (
        <Banner tone="success">
          <strong>Undid the import of {undone.fileName}.</strong>
          <UndoSummary result={undone.result} />
        </Banner>
      )}
      {!rows.length ? (
        <EmptyState title="No imports yet" icon="contacts">
          Every import is listed here with what it did, and can be undone.
        </EmptyState>
      ) : (
        <Table
          label="Import history"
          className="ct-history-table"
          rows={rows}
          rowKey={(r) => r.id}
          rowClassName={(r) => (r.status === 'undone' ? 'undone' : undefined)}
          columns={[
            {
              header: 'File',
              cell: (r) => (
                <>
                  <strong>{r.fileName}</strong>
                  <div className="muted small">
                    {r.fileSize !== null ? formatBytes(r.fileSize) : ''}
                    {r.options.tags?.length ? ` · tagged ${r.options.tags.join(', ')}` : ''}
                  </div>
                </>
              ),
            },
            { header: 'When', className: 'nowrap', cell: (r) => formatWhen(r.startedAt) },
            {
              header: 'Status',
              cell: (r) => {
                const status = STATUS[r.status] ?? { text: r.status, tone: 'neutral' as const };
                return (
                  <>
                    <Badge tone={status.tone}>{status.text}</Badge>
                    {r.error && <div className="small bad">{r.error}</div>}
                  </>
                );
              },
            },
            { header: 'New', numeric: true, cell: (r) => r.counts?.imported.toLocaleString() ?? '—' },
            { header: 'Updated', numeric: true, cell: (r) => r.counts?.updated.toLocaleString() ?? '—' },
            { header: 'Invalid', numeric: true, cell: (r) => r.counts?.invalid.toLocaleString() ?? '—' },
            { header: 'Not textable', numeric: true, cell: (r) => r.counts?.notTextable.toLocaleString() ?? '—' },
            {
              header: '',
              cell: (r) => (
                <div className="ct-row-actions">
                  {!!r.counts?.invalid && (
                    <Button variant="secondary" size="small" onClick={() => void download(r)}>
                      Rejects CSV
                    </Button>
                  )}
                  {r.status === 'completed' && (
                    <Button
                      variant="secondary"
                      size="small"
                      className="ct-danger-button"
                      onClick={() => setAsking(r)}
                      aria-label={`Undo import of ${r.fileName}`}
                    >
                      Undo
                    </Button>
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
      {asking && (
        <ConfirmDialog
          title={`Undo the import of ${asking.fileName}?`}
          confirmLabel="Undo import"
          danger
          busy={busy}
          onConfirm={() => void undo(asking)}
          onClose={() => setAsking(null)}
        >
          The contacts it added are deleted and the ones it updated get their old details back. Anyone who opted out or
          was texted since is kept, so no consent or message history is lost.
        </ConfirmDialog>
      )}
    </div>
  );
}
