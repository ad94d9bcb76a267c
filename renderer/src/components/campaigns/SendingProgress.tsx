import type { CampaignStatusView } from '../../../../shared/ipc/channels/campaigns';
import { UNKNOWN_EXPLAINED, durationInWords, finishedCount, percent, plural } from './format';
import { minutesLeft } from './send-rate';
import { Button } from '../ui';

const SEGMENTS: Array<{ key: keyof CampaignStatusView['counts']; className: string; label: string }> = [
  { key: 'delivered', className: 'delivered', label: 'Delivered' },
  { key: 'sent', className: 'sent', label: 'Sent, awaiting receipt' },
  { key: 'failed', className: 'failed', label: 'Failed' },
  { key: 'unknown', className: 'unknown', label: 'Unknown' },
  { key: 'skipped', className: 'skipped', label: 'Skipped' },
];

const CARDS: Array<{ key: keyof CampaignStatusView['counts']; label: string; hint: string; tone?: string }> = [
  { key: 'queued', label: 'Waiting', hint: 'queued, retrying, or waiting for the recipient’s hours' },
  { key: 'sending', label: 'Sending', hint: 'with the provider right now' },
  { key: 'sent', label: 'Sent', hint: 'accepted by the provider, no receipt yet' },
  { key: 'delivered', label: 'Delivered', hint: 'the phone received it', tone: 'good' },
  { key: 'failed', label: 'Failed', hint: 'not delivered; see the reasons below', tone: 'bad' },
  {
    key: 'unknown',
    label: 'Unknown',
    hint: 'may or may not have reached the provider — reconciliation will check',
    tone: 'warn',
  },
  { key: 'skipped', label: 'Skipped', hint: 'not sent: opted out, or the campaign was cancelled' },
];

/** The progress bar in outcome colours, the send rate, and a card per state. */
export function SendingProgress({
  status,
  rate,
  onShow,
}: {
  status: CampaignStatusView;
  rate: number | null;
  onShow(state: 'failed' | 'unknown'): void;
}) {
  const total = status.audience;
  const done = finishedCount(status.states);
  const pct = percent(done, total);
  const remaining = status.counts.queued + status.counts.sending;
  const left = minutesLeft(remaining, rate);
  return (
    <section className="cd-progress cw-card" aria-label="Sending progress">
      <div className="cd-progress-head">
        <div>
          <span className="cd-percent" data-testid="campaign-percent">
            {pct}%
          </span>
          <span className="muted">
            {' '}
            {done.toLocaleString()} of {plural(total, 'message')} done
          </span>
        </div>
        <div className="cd-rate" data-testid="send-rate" aria-live="off">
          {status.status === 'sending' ? (
            rate === null ? (
              <span className="muted">Measuring send rate…</span>
            ) : (
              <>
                <strong>{Math.round(rate).toLocaleString()}</strong> messages/min
                {left !== null && (
                  <span className="muted">
                    {' '}
                    · {left < 1 ? 'under a minute' : `about ${durationInWords(left * 60_000)}`} left
                  </span>
                )}
              </>
            )
          ) : status.status === 'paused' ? (
            <span className="warn-text">Paused — nothing more is sent until you resume.</span>
          ) : null}
        </div>
      </div>
      <div
        className="cd-bar"
        role="progressbar"
        aria-label="Messages done"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        {SEGMENTS.map((s) =>
          status.counts[s.key] > 0 ? (
            <div
              key={s.key}
              className={s.className}
              style={{ width: `${(status.counts[s.key] / Math.max(1, total)) * 100}%` }}
              title={`${s.label}: ${status.counts[s.key]}`}
            />
          ) : null,
        )}
      </div>
      <ul className="cd-legend" aria-hidden="true">
        {SEGMENTS.map((s) => (
          <li key={s.key}>
            <span className={`cd-swatch ${s.className}`} /> {s.label}
          </li>
        ))}
      </ul>
      <div className="cd-cards">
        {CARDS.map((c) => (
          <div
            key={c.key}
            className={`cd-card ${c.tone && status.counts[c.key] > 0 ? c.tone : ''}`}
            data-testid={`count-${c.key}`}
            title={`${c.label}: ${c.hint}`}
          >
            <div className="cd-card-value">{status.counts[c.key].toLocaleString()}</div>
            <div className="cd-card-label">{c.label}</div>
            {(c.key === 'failed' || c.key === 'unknown') && status.counts[c.key] > 0 && (
              <Button size="small" className="cw-link" onClick={() => onShow(c.key as 'failed' | 'unknown')}>
                Show them
              </Button>
            )}
          </div>
        ))}
      </div>
      <p className="cd-explain">
        <strong>Unknown</strong> means the message{' '}
        {UNKNOWN_EXPLAINED.charAt(0).toLowerCase() + UNKNOWN_EXPLAINED.slice(1)} It is never resent blindly, so nobody
        gets it twice.
      </p>
    </section>
  );
}
