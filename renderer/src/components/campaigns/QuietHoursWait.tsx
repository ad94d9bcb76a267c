import type { CampaignStatusView } from '../../../../shared/ipc/channels/campaigns';
import { Banner } from '../ui';
import { plural } from './format';
import { quietHoursWaitInWords, sendInstantInWords } from './quiet-hours-words';
import './campaigns.css';

/** Shown while a sending campaign's messages wait for their recipients' sending hours: what they wait for, and when. */
export function QuietHoursWait({ status, now }: { status: CampaignStatusView; now: Date }) {
  const wait = status.quietHours;
  const sentence = wait ? quietHoursWaitInWords(wait, status.counts.queued, now) : null;
  if (!wait || !sentence) return null;
  return (
    <Banner tone="info" className="cd-quiet-wait" data-testid="quiet-hours-wait">
      <strong>Waiting for sending hours.</strong> {sentence}
      {wait.groups.length > 1 && (
        <ul className="small cd-quiet-groups">
          {wait.groups.slice(0, 6).map((g) => (
            <li key={g.at}>
              {plural(g.count, 'message')} at {sendInstantInWords(g.at, g.zone, now)}
            </li>
          ))}
          {wait.groups.length > 6 && <li className="muted">and {plural(wait.groups.length - 6, 'later time')}</li>}
        </ul>
      )}
      <span className="muted small cd-quiet-why">
        {' '}
        Nothing is sent early and nothing is dropped: each text goes when it is between your sending hours where the
        recipient is.
      </span>
    </Banner>
  );
}
