import { AppError } from '../../../shared/errors';
import type { AudienceFilterInput } from '../../../shared/audience';
import type { CampaignDraftInput } from '../../../shared/campaigns';
import type { DeskApp } from '../../app';
import { UsageError } from '../framework';
import { findSegmentId } from '../queries';

/** A saved segment by id or by name (case does not matter). */
export function segmentId(app: DeskApp, value: string): number {
  const id = findSegmentId(app.db, value);
  if (id === undefined) throw new AppError('not_found', `No saved segment "${value}". See: segments list`);
  return id;
}

export function positiveId(text: string, what = 'campaign id'): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${what} must be a positive number, got "${text}"`);
  return Number(text);
}

/** --min-days N: whole days, 1–3650. */
export function minDaysOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 3650)
    throw new UsageError(`--min-days must be a whole number of days from 1 to 3650, got "${text}"`);
  return Number(text);
}

/** The audience options campaigns and A/B tests share: tags, a saved segment, days since last texted. */
export const audienceOptions = {
  tag: { type: 'string', multiple: true },
  segment: { type: 'string' },
  'min-days': { type: 'string' },
} as const;

export function audienceFromOptions(app: DeskApp, values: Record<string, unknown>): AudienceFilterInput {
  const minDays = minDaysOption(values['min-days']);
  return {
    ...(values.tag ? { tags: values.tag as string[] } : {}),
    ...(values.segment ? { segmentId: segmentId(app, String(values.segment)) } : {}),
    ...(minDays !== undefined ? { minDaysSinceContact: minDays } : {}),
  };
}

/**
 * --at with --local-time: the same local time for each recipient, so --at is the wall-clock date and time
 * (2026-12-10T10:00); any offset given is ignored, since every recipient's own zone applies.
 */
export function recipientLocalSchedule(at: unknown): CampaignDraftInput['schedule'] {
  const m = typeof at === 'string' ? /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(at) : null;
  if (!m)
    throw new UsageError(
      `--local-time needs --at with the local date and time each recipient gets it, e.g. --at 2026-12-10T10:00; got ${at === undefined ? 'no --at' : `"${String(at)}"`}`,
    );
  return { mode: 'recipient_local', date: m[1], time: m[2] };
}
