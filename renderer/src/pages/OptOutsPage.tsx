import { useState } from 'react';
import { CHANNEL_LABEL } from '../../../shared/channel-status';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import {
  Button,
  Badge,
  Banner,
  EmptyState,
  ErrorBanner,
  formatWhen,
  Loading,
  PageHeader,
  Table,
  type Column,
} from '../components/ui';
import { CONSENT_SOURCE_LABEL } from '../../../shared/ipc/channels/optouts';
import { NO_FILTER, OptOutFilters, toApiFilter, type OptOutFilterState } from '../components/optouts/OptOutFilters';
import { usePhoneFormat } from '../components/phone/usePhoneFormat';

const PAGE = 200;
const MAX_SHOWN = 1000;

/** Saves text as a file through a download link: the renderer has no file system, and needs none. */
function download(text: string, fileName: string): void {
  // The byte-order mark makes Excel read the file as UTF-8 (names like Zoë, texts like "no más").
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function OptOutsPage() {
  const [filter, setFilter] = useState<OptOutFilterState>(NO_FILTER);
  const phone = usePhoneFormat();
  const [limit, setLimit] = useState(PAGE);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const apiFilter = toApiFilter(filter);
  const q = useQuery(
    () => api.optouts.report({ ...apiFilter, limit, offset: 0 }),
    [apiFilter, limit],
    ['optouts', 'inbox'],
  );
  const filtered = JSON.stringify(apiFilter) !== '{}';

  const exportCsv = async () => {
    setExportError(null);
    try {
      const out = await api.optouts.exportCsv(apiFilter);
      download(out.csv, out.fileName);
      setExporting(`Exported ${out.rows} change${out.rows === 1 ? '' : 's'} to ${out.fileName}.`);
    } catch (e) {
      setExportError((e as Error).message);
    }
  };

  const rows = q.data?.rows ?? [];
  const columns: Array<Column<(typeof rows)[number]>> = [
    { header: 'When', className: 'nowrap', cell: (o) => formatWhen(o.at) },
    {
      header: 'Who',
      cell: (o) => (
        <>
          {o.name && <div>{o.name}</div>}
          <div className={o.name ? 'mono muted small nowrap' : 'mono nowrap'}>{phone(o.phone)}</div>
        </>
      ),
    },
    {
      header: 'Channel',
      className: 'nowrap',
      cell: (o) => (
        <>
          {CHANNEL_LABEL[o.channel]}
          {o.email && <div className="muted small">{o.email}</div>}
        </>
      ),
    },
    {
      header: 'Change',
      className: 'nowrap',
      cell: (o) =>
        o.newState === 'opted_out' ? <Badge tone="bad">Opted out</Badge> : <Badge tone="good">Opted in</Badge>,
    },
    {
      header: 'How',
      cell: (o) => (
        <>
          <div>{CONSENT_SOURCE_LABEL[o.source] ?? o.source}</div>
          <div className="muted small">
            {o.actor === 'user' ? 'by you' : o.actor.replace(/^reply:/, 'reply via ').replace(/^provider:/, 'from ')}
          </div>
        </>
      ),
    },
    {
      header: 'Message',
      cell: (o) =>
        o.message ? (
          <span className={o.source === 'keyword' ? 'oo-text' : ''}>{o.message}</span>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
  const total = q.data?.total ?? 0;
  return (
    <section className="page optouts-page">
      <PageHeader
        title="Opt-outs"
        subtitle="Every consent change, kept for at least four years."
        actions={
          <Button onClick={() => void exportCsv()} disabled={!total}>
            Export CSV
          </Button>
        }
      />
      <ErrorBanner message={q.error ?? exportError} />
      {exporting && <Banner tone="success">{exporting}</Banner>}
      {q.loading && !q.data ? (
        <Loading />
      ) : !total && !filtered ? (
        <EmptyState title="No opt-outs" icon="optouts">
          When someone texts STOP (or you opt them out by hand), it is recorded here and they are never texted again.
        </EmptyState>
      ) : (
        <>
          <OptOutFilters
            value={filter}
            onChange={(next) => {
              setFilter(next);
              setLimit(PAGE);
            }}
          />
          <p className="muted small oo-count">
            {total} change{total === 1 ? '' : 's'}
            {filtered ? ' match these filters' : ' recorded'}
          </p>
          {rows.length ? (
            <Table label="Consent changes" className="oo-table" columns={columns} rows={rows} rowKey={(o) => o.id} />
          ) : (
            <div className="empty" role="status">
              <h2>Nothing matches these filters</h2>
              <div className="muted">Widen the dates or clear the search.</div>
            </div>
          )}
          {rows.length < total && (
            <div className="oo-more">
              {limit < MAX_SHOWN ? (
                <Button variant="secondary" onClick={() => setLimit((n) => Math.min(n + PAGE, MAX_SHOWN))}>
                  Show {Math.min(PAGE, total - rows.length)} more
                </Button>
              ) : (
                <span className="muted small">
                  Showing the newest {MAX_SHOWN}. Export CSV for all {total}.
                </span>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
