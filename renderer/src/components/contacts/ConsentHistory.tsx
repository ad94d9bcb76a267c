import type { ConsentRecordView, OptOutHistoryEntry } from '../../../../shared/ipc/channels/contacts';
import { consentSource, formatWhenShort } from './format';

const RECORD_SOURCES: Record<string, string> = {
  manual: 'Added by hand',
  import: 'Import file',
  inbound: 'Wrote in first',
};

type Entry = {
  at: string;
  key: string;
  tone: 'good' | 'bad' | 'neutral';
  title: string;
  detail: string | null;
  by: string;
};

function fromRecord(r: ConsentRecordView): Entry {
  const file = r.source === 'import' && r.sourceRef ? r.sourceRef.slice(r.sourceRef.indexOf(':') + 1) : null;
  const how = file ? `Import of ${file}` : (RECORD_SOURCES[r.source] ?? consentSource(r.source));
  if (r.consent === true)
    return { at: r.obtainedAt, key: `c${r.id}`, tone: 'good', title: 'Agreed to texts', detail: r.note, by: how };
  if (r.consent === false)
    return { at: r.obtainedAt, key: `c${r.id}`, tone: 'bad', title: 'Did not agree to texts', detail: r.note, by: how };
  return {
    at: r.obtainedAt,
    key: `c${r.id}`,
    tone: 'neutral',
    title: 'Added without a consent answer',
    detail: r.note,
    by: how,
  };
}

function fromAudit(a: OptOutHistoryEntry): Entry {
  const out = a.newState === 'opted_out';
  return {
    at: a.at,
    key: `a${a.id}`,
    tone: out ? 'bad' : 'good',
    title: out ? 'Opted out' : 'Opted back in',
    detail: a.message,
    by: `${consentSource(a.source)}${a.actor && a.actor !== 'system' ? ` · ${a.actor}` : ''}`,
  };
}

/**
 * How this person's consent came to be what it is: the consent records (how they agreed) and the append-only
 * opt-out audit (every STOP and START, by whom), oldest first, as one timeline.
 */
export function ConsentHistory({ records, audit }: { records: ConsentRecordView[]; audit: OptOutHistoryEntry[] }) {
  const entries = [...records.map(fromRecord), ...audit.map(fromAudit)].sort((a, b) => a.at.localeCompare(b.at));
  if (!entries.length) return <p className="muted small ct-none">No consent on record.</p>;
  return (
    <ol className="ct-timeline" aria-label="Consent history">
      {entries.map((e) => (
        <li key={e.key} className={e.tone}>
          <span className="ct-dot" aria-hidden="true" />
          <div>
            <div className="ct-timeline-title">
              <strong>{e.title}</strong>
              <time className="muted small" dateTime={e.at}>
                {formatWhenShort(e.at)}
              </time>
            </div>
            <div className="muted small">{e.by}</div>
            {e.detail && <div className="ct-quote">“{e.detail}”</div>}
          </div>
        </li>
      ))}
    </ol>
  );
}
