import { useState } from 'react';
import type { AbReport } from '../../../../shared/ipc/channels/abtests';
import { Select, Button, Badge } from '../ui';

const STATE_BADGE: Record<
  AbReport['winner']['state'],
  { label: string; tone: 'neutral' | 'good' | 'warn' | 'info' | 'bad' } | null
> = {
  not_applicable: null,
  waiting_for_verdict: { label: 'Waiting for a winner', tone: 'neutral' },
  awaiting_approval: { label: 'Waiting for your approval', tone: 'warn' },
  owner_choice: { label: 'Your choice', tone: 'warn' },
  decision_needed: { label: 'Decision needed', tone: 'bad' },
  sending: { label: 'Sending', tone: 'info' },
  sent: { label: 'Sent', tone: 'good' },
  cancelled: { label: 'Cancelled', tone: 'bad' },
};

/** The held-back rest of the audience: who is waiting, and the button that sends them the winner (once). */
export function WinnerPanel({
  report,
  busy,
  onSend,
}: {
  report: AbReport;
  busy: boolean;
  onSend(variant?: number): void;
}) {
  const w = report.winner;
  const [choice, setChoice] = useState(String(report.verdict.winner ?? 0));
  const badge = STATE_BADGE[w.state];
  if (w.state === 'not_applicable') return null;
  const chooser = (label: string) => (
    <div className="ab-choose">
      <label>
        Variant for the rest{' '}
        <Select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label="Variant for the rest">
          {report.variants.map((v) => (
            <option key={v.index} value={v.index}>
              {v.label}
            </option>
          ))}
        </Select>
      </label>
      <Button disabled={busy} onClick={() => onSend(Number(choice))}>
        {label}
      </Button>
    </div>
  );
  return (
    <section className="card ab-rest" aria-label="Rest of the audience">
      <div className="ab-rest-head">
        <h3>Rest of the audience</h3>
        {badge && <Badge tone={badge.tone}>{badge.label}</Badge>}
        <span className="muted small">
          {w.mode === 'automatic' ? 'The winner goes out automatically.' : 'The winner goes out when you approve it.'}
        </span>
      </div>
      <p>{w.note}</p>
      {w.state === 'awaiting_approval' && w.variant !== null && (
        <Button disabled={busy} onClick={() => onSend()}>
          Send {report.variants[w.variant].label} to the rest
        </Button>
      )}
      {(w.state === 'owner_choice' || w.state === 'decision_needed') && chooser('Send to the rest')}
      {w.state === 'waiting_for_verdict' && (
        <details className="ab-early">
          <summary>Don't want to wait for the verdict?</summary>
          <p className="muted small">
            You can choose a variant yourself now. It will not be a tested winner, and the choice cannot be undone.
          </p>
          {chooser('Send my choice to the rest')}
        </details>
      )}
    </section>
  );
}
