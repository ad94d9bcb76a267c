import type { ImportCountsView, ImportRejectView } from '../../../../shared/ipc/channels/contacts';
import { Table } from '../ui';

/** The figures of a dry run or of a finished import, each with what it means. */
export function ImportCounts({ counts, done }: { counts: ImportCountsView; done: boolean }) {
  const cards: Array<{ key: string; value: number; label: string; hint: string; tone?: 'good' | 'warn' | 'bad' }> = [
    { key: 'rows', value: counts.rows, label: 'Rows in the file', hint: 'blank rows not counted' },
    {
      key: 'imported',
      value: counts.imported,
      label: 'New contacts',
      hint: done ? 'added' : 'will be added',
      tone: 'good',
    },
    {
      key: 'updated',
      value: counts.updated,
      label: 'Updated',
      hint: counts.unchanged
        ? `${counts.unchanged.toLocaleString()} more already up to date`
        : `existing contacts ${done ? 'given' : 'getting'} new details`,
    },
    {
      key: 'duplicates',
      value: counts.duplicates,
      label: 'Duplicates',
      hint: 'same number as a row above or a contact you have',
    },
    {
      key: 'invalid',
      value: counts.invalid,
      label: 'Invalid',
      hint: 'rejected, with the reason',
      tone: counts.invalid ? 'bad' : undefined,
    },
    {
      key: 'notTextable',
      value: counts.notTextable,
      label: 'Not textable',
      hint: 'no SMS consent in the file',
      tone: counts.notTextable ? 'warn' : undefined,
    },
  ];
  return (
    <div className="ct-counts" role="group" aria-label={done ? 'Import result' : 'What the import will do'}>
      {cards.map((c) => (
        <div key={c.key} className={`ct-count ${c.tone ?? ''}`} data-testid={`count-${c.key}`}>
          <div className="ct-count-value">{c.value.toLocaleString()}</div>
          <div className="ct-count-label">{c.label}</div>
          <div className="ct-count-hint">{c.hint}</div>
        </div>
      ))}
    </div>
  );
}

/** Rows that will not be (or were not) imported, with their row number in the file and why. */
export function RejectsTable({ rejects, total }: { rejects: ImportRejectView[]; total: number }) {
  if (!rejects.length) return null;
  return (
    <div className="ct-rejects">
      <Table
        label="Rejected rows"
        rows={rejects}
        rowKey={(r) => r.row}
        columns={[
          { header: 'Row', numeric: true, cell: (r) => r.row.toLocaleString() },
          { header: 'Why it was rejected', cell: (r) => r.reason },
        ]}
      />
      {total > rejects.length && (
        <p className="muted small">
          The first {rejects.length} of {total.toLocaleString()} rejected rows; the rejects file has them all.
        </p>
      )}
      <p className="muted small">Row numbers count data rows: row 1 is the first line after the header.</p>
    </div>
  );
}
