import { useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { ReportFilesView } from '../../../../shared/ipc/channels/reports';
import { Button, ErrorBanner, Field, Select, TextInput } from '../ui';

const SCHEDULES = [
  { id: 'none', label: 'No scheduled reports' },
  { id: 'weekly', label: 'Weekly (each Monday)' },
  { id: 'monthly', label: 'Monthly (on the 1st)' },
  { id: 'both', label: 'Weekly and monthly' },
] as const;

/** Scheduled PDF and CSV reports: how often, into which folder, the last ones written, and one now. */
export function ReportsCard() {
  const q = useQuery(() => api.reports.status({}), [], ['settings']);
  const [folder, setFolder] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<ReportFilesView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const s = q.data;

  const act = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
      q.reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const saveFolder = () =>
    act(async () => (await api.settings.set({ key: 'reports.folder', value: (folder ?? '').trim() }), setFolder(null)));

  return (
    <section className="an-card an-reports" aria-labelledby="an-reports-title">
      <div className="an-card-head">
        <h2 id="an-reports-title">Reports</h2>
      </div>
      <ErrorBanner message={q.error ?? error} />
      {s && (
        <div className="an-reports-grid">
          <Select
            label="Send me a PDF and CSV report"
            hint="A report missed while the app was closed is written the next time it starts, once, with a notification."
            id="an-report-schedule"
            value={s.schedule}
            disabled={busy}
            onChange={(e) => void act(() => api.settings.set({ key: 'reports.schedule', value: e.target.value }))}
          >
            {SCHEDULES.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </Select>
          <Field label="Folder" htmlFor="an-report-folder">
            <div className="field-row">
              <TextInput
                id="an-report-folder"
                className="mono"
                value={folder ?? (s.folderIsDefault ? '' : s.folder)}
                placeholder={s.folder}
                onChange={(e) => setFolder(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && void saveFolder()}
              />
              <Button variant="secondary" disabled={busy || folder === null} onClick={() => void saveFolder()}>
                Save
              </Button>
            </div>
            <p className="muted small">
              {s.folderIsDefault
                ? 'Empty: reports go to the reports folder inside the app’s data folder.'
                : 'A full path to a folder on this computer.'}
            </p>
          </Field>
        </div>
      )}
      <div className="an-reports-actions">
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => void act(async () => setWritten(await api.reports.run({ period: 'week' })))}
        >
          Write last week’s report now
        </Button>
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => void act(async () => setWritten(await api.reports.run({ period: 'month' })))}
        >
          Write last month’s report now
        </Button>
      </div>
      {written && (
        <p className="small an-written" role="status">
          Written: <span className="mono">{written.pdf}</span> and <span className="mono">{written.csv}</span>
        </p>
      )}
      {s && s.lastRuns.length > 0 && (
        <p className="muted small">
          Last scheduled report: {s.lastRuns[0].kind === 'week' ? 'weekly' : 'monthly'}, written{' '}
          {new Date(s.lastRuns[0].ranAt).toLocaleString()}
          {s.lastRuns[0].pdf && (
            <>
              {' '}
              to <span className="mono">{s.lastRuns[0].pdf}</span>
            </>
          )}
        </p>
      )}
    </section>
  );
}
