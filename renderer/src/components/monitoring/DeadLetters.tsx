import { useEffect, useState } from 'react';
import type { DeadLetterDetail, DeadLetterRow } from '../../../../shared/ipc/channels/monitoring';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Badge, Banner, Button, EmptyState, ErrorBanner, Loading, Table, Textarea } from '../ui';
import { PROVIDER_LABEL, when } from './format';
import './monitoring.css';

type Filter = 'all' | 'dead' | 'failed';

const STATE_BADGE: Record<DeadLetterRow['state'], { tone: 'bad' | 'warn' | 'good' | 'neutral'; text: string }> = {
  dead: { tone: 'bad', text: 'Given up' },
  failed: { tone: 'warn', text: 'Retrying' },
  processed: { tone: 'good', text: 'Processed' },
  pending: { tone: 'neutral', text: 'Waiting' },
};

function Detail({ id, onChanged }: { id: number; onChanged: () => void }) {
  const q = useQuery(() => api.deadletters.get({ id }), [id]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const d = q.data;
  useEffect(() => {
    if (d) setText(d.event);
  }, [d]);
  useEffect(() => {
    setError(null);
    setNotice(null);
  }, [id]);
  if (!d) return q.error ? <ErrorBanner message={q.error} /> : <Loading />;
  const editable = d.state === 'dead';
  const dirty = text !== d.event;

  async function run(action: () => Promise<DeadLetterDetail>, done: (r: DeadLetterDetail) => string) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await action();
      setNotice(done(r));
      q.reload();
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mon-dl-detail card" aria-label={`Provider event ${d.id}`}>
      <div className="mon-dl-detail-head">
        <h3>Event {d.id}</h3>
        <Badge tone={STATE_BADGE[d.state].tone}>{STATE_BADGE[d.state].text}</Badge>
      </div>
      <dl className="mon-facts wide">
        <dt>What</dt>
        <dd>{d.summary}</dd>
        <dt>From</dt>
        <dd>
          {PROVIDER_LABEL[d.provider]} · <span className="mono small">{d.eventId}</span>
        </dd>
        <dt>Received</dt>
        <dd>{when(d.receivedAt)}</dd>
        <dt>Attempts</dt>
        <dd>
          {d.attempts}
          {d.nextAttemptAt && <span className="muted"> · next try {when(d.nextAttemptAt)}</span>}
        </dd>
        <dt>Last error</dt>
        <dd className={d.lastError ? 'bad' : 'muted'}>{d.lastError ?? 'none'}</dd>
        {d.editedAt && (
          <>
            <dt>Edited</dt>
            <dd>{when(d.editedAt)}</dd>
          </>
        )}
      </dl>
      <ErrorBanner message={error} />
      {notice && <Banner tone="success">{notice}</Banner>}
      <label className="mon-dl-label" htmlFor={`dl-event-${d.id}`}>
        Event{' '}
        {editable
          ? '(fix it here, then save and replay)'
          : d.state === 'failed'
            ? '(read-only while it is being retried)'
            : ''}
      </label>
      <Textarea
        id={`dl-event-${d.id}`}
        className="mono mon-dl-json"
        spellCheck={false}
        value={text}
        readOnly={!editable}
        onChange={(e) => setText(e.target.value)}
        rows={Math.min(18, text.split('\n').length + 1)}
      />
      {d.raw && (
        <details className="mon-dl-raw">
          <summary>What the provider sent</summary>
          <pre className="mono">{d.raw}</pre>
        </details>
      )}
      <div className="actions">
        {editable && (
          <Button
            variant="secondary"
            disabled={busy || !dirty}
            onClick={() =>
              void run(
                () => api.deadletters.update({ id: d.id, event: text }),
                () => 'Saved. Replay it to process the fixed event.',
              )
            }
          >
            Save fix
          </Button>
        )}
        {(d.state === 'dead' || d.state === 'failed') && (
          <Button
            disabled={busy || dirty}
            title={dirty ? 'Save the fix first' : undefined}
            onClick={() =>
              void run(
                () => api.deadletters.replay({ id: d.id }),
                (r) =>
                  r.state === 'processed'
                    ? 'Replayed and processed.'
                    : `Replayed, but it failed again: ${r.lastError ?? 'unknown error'}. It will be retried.`,
              )
            }
          >
            Replay
          </Button>
        )}
      </div>
    </div>
  );
}

export function DeadLetters({ onChanged }: { onChanged: () => void }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [selected, setSelected] = useState<number | null>(null);
  const q = useQuery(() => api.deadletters.list({ state: filter, limit: 200 }), [filter], ['inbox']);
  const rows = q.data?.rows ?? [];
  const changed = () => {
    q.reload();
    onChanged();
  };
  return (
    <div className="mon-dl">
      <div className="mon-toolbar">
        <div className="mon-seg" role="group" aria-label="Which events">
          {(
            [
              ['all', 'All'],
              ['dead', 'Given up'],
              ['failed', 'Retrying'],
            ] as const
          ).map(([value, label]) => (
            <Button
              key={value}
              className={filter === value ? 'active' : ''}
              aria-pressed={filter === value}
              onClick={() => setFilter(value)}
            >
              {label}
            </Button>
          ))}
        </div>
        <p className="muted small">
          Events whose processing failed are retried with growing waits (2 s, 4 s, 8 s …) and set aside after 8
          attempts. Fix the cause or the event, then replay.
        </p>
      </div>
      <ErrorBanner message={q.error} />
      {!q.data ? (
        <Loading />
      ) : (
        <div className={`mon-dl-layout ${selected !== null ? 'with-detail' : ''}`}>
          {rows.length === 0 ? (
            <EmptyState title="Nothing is stuck" icon="monitoring">
              Every provider event has been processed.
            </EmptyState>
          ) : (
            <Table
              label="Stuck provider events"
              className="mon-table"
              rows={rows}
              rowKey={(r) => r.id}
              rowClassName={(r) => `clickable ${selected === r.id ? 'selected' : ''}`}
              onRowClick={(r) => setSelected(r.id)}
              columns={[
                {
                  header: 'Event',
                  cell: (r) => (
                    <>
                      <Button className="link" onClick={() => setSelected(r.id)}>
                        {r.summary}
                      </Button>
                      <div className="muted small">
                        {PROVIDER_LABEL[r.provider]} · #{r.id}
                      </div>
                    </>
                  ),
                },
                {
                  header: 'State',
                  cell: (r) => <Badge tone={STATE_BADGE[r.state].tone}>{STATE_BADGE[r.state].text}</Badge>,
                },
                { header: 'Attempts', numeric: true, cell: (r) => r.attempts },
                {
                  header: 'Last error',
                  className: 'mon-clip mon-col-extra',
                  cellTitle: (r) => r.lastError ?? '',
                  cell: (r) => r.lastError ?? '—',
                },
                { header: 'Received', className: 'mon-col-extra', cell: (r) => when(r.receivedAt) },
              ]}
            />
          )}
          {/* Stays open after a replay, so the owner sees how it went even once the event has left the list. */}
          {selected !== null && <Detail id={selected} onChanged={changed} />}
        </div>
      )}
      {q.data && q.data.total > rows.length && (
        <p className="muted small">
          Showing {rows.length} of {q.data.total}.
        </p>
      )}
    </div>
  );
}
