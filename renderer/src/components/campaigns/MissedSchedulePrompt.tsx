import { inBusinessWords } from './business-time';
import { durationInWords } from './format';
import { Button } from '../ui';

/**
 * A schedule that passed while the app was closed never fires on its own: the owner decides, because a sale
 * text arriving hours late can do more harm than good.
 */
export function MissedSchedulePrompt({
  scheduledAt,
  zone,
  now,
  busy,
  onSendNow,
  onEdit,
  onCancel,
}: {
  scheduledAt: string | null;
  zone: string;
  now: Date;
  busy: boolean;
  onSendNow(): void;
  onEdit(): void;
  onCancel(): void;
}) {
  const late = scheduledAt ? now.getTime() - Date.parse(scheduledAt) : null;
  return (
    <section
      className="cd-missed"
      role="alertdialog"
      aria-labelledby="cd-missed-title"
      aria-describedby="cd-missed-text"
    >
      <div className="cd-missed-icon" aria-hidden="true">
        <svg
          width="22"
          height="22"
          viewBox="0 0 20 20"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.7"
          strokeLinecap="round"
        >
          <circle cx="10" cy="10" r="7.5" />
          <path d="M10 5.5V10l3 2" />
        </svg>
      </div>
      <div className="cd-missed-main">
        <h2 id="cd-missed-title">This campaign missed its scheduled time</h2>
        <p id="cd-missed-text">
          It was due {scheduledAt ? <>on {inBusinessWords(scheduledAt, zone)}</> : 'earlier'}
          {late !== null && late > 0 && <>, {durationInWords(late)} ago</>}, but the app was not running then. Nothing
          has been sent. Send it now, pick a new time, or cancel it.
        </p>
        <div className="cd-missed-actions">
          <Button disabled={busy} onClick={onSendNow}>
            Send now
          </Button>
          <Button variant="secondary" disabled={busy} onClick={onEdit}>
            Edit schedule
          </Button>
          <Button variant="secondary" disabled={busy} onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </div>
    </section>
  );
}
