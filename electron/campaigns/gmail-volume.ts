import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { DateTime } from 'luxon';
import type { LaunchFinding } from '../../shared/campaign-launch';
import { isAppError } from '../../shared/errors';
import type { DeskCore } from '../core';
import { audienceCondition } from '../contacts';
import { sendingDomainCheck, type StoredDomainCheck } from '../deliverability';
import type { SqliteDb } from '../db/connection';
import type { CampaignRecord } from './model';
import { getCampaign } from './model';
import { contactIdRange } from './queries-audience';
import { emailCampaignsScheduledForDay, gmailOutboxForDay, gmailRecipientsInSlice } from './queries-gmail';

/** Gmail's bulk-sender threshold: from 5,000 messages a day to Gmail, SPF, DKIM and DMARC are required. */
export const GMAIL_BULK_PER_DAY = 5000;

const SLICE = 25_000;

/** How many of the campaign's recipients get it by e-mail at a gmail.com or googlemail.com address. */
export async function countGmailRecipients(db: SqliteDb, c: CampaignRecord, now: Date): Promise<number> {
  if (!c.channels.includes('email')) return 0;
  const audience = audienceCondition(db, c.audience, now);
  const { lo, hi } = contactIdRange(db);
  let total = 0;
  for (let from = lo; from < hi; from += SLICE) {
    total += gmailRecipientsInSlice(db, audience, c.channels, c.everyChannel, from, Math.min(hi, from + SLICE));
    if (from + SLICE < hi) await yieldToLoop();
  }
  return total;
}

export interface GmailDay {
  /** The business-zone date the campaign starts on (yyyy-mm-dd). */
  date: string;
  /** This campaign's e-mails to Gmail. */
  campaign: number;
  /** Other e-mail to Gmail that day: other campaigns scheduled then, and what the outbox hands over that day. */
  others: number;
}

/** The e-mails to Gmail on the day the campaign starts (in the business's time zone): its own and everything else. */
export async function gmailDay(core: Pick<DeskCore, 'db' | 'settings' | 'now'>, c: CampaignRecord): Promise<GmailDay> {
  const now = core.now();
  const zone = core.settings.get('business.timezone');
  const startsAt = c.scheduledAt && c.schedule.mode !== 'now' ? new Date(c.scheduledAt) : now;
  const start = DateTime.fromJSDate(startsAt, { zone }).startOf('day');
  const end = start.plus({ days: 1 });
  const day = {
    start: start.toUTC().toISO() ?? '',
    end: end.toUTC().toISO() ?? '',
    isToday: start.toMillis() <= now.getTime() && now.getTime() < end.toMillis(),
  };
  const campaign = await countGmailRecipients(core.db, c, now);
  let others = gmailOutboxForDay(core.db, day, c.id);
  for (const id of emailCampaignsScheduledForDay(core.db, day, c.id))
    others += await countGmailRecipients(core.db, getCampaign(core.db, id), now);
  return { date: start.toISODate() ?? '', campaign, others };
}

const RECORD_NAMES = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' } as const;

/** The records the check did not find, by name. */
export function missingRecords(check: Pick<StoredDomainCheck, 'spf' | 'dkim' | 'dmarc'>): string[] {
  return (['spf', 'dkim', 'dmarc'] as const).filter((k) => check[k] === null).map((k) => RECORD_NAMES[k]);
}

const count = (n: number) => n.toLocaleString('en-US');

/** "A, B and C". */
function andList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The launch warning of issue 18 point 5: more than 5,000 e-mails to Gmail on one day while the From domain lacks
 * SPF, DKIM or DMARC (by its last check when recent, else a fresh one). Gmail rejects or files such mail as spam,
 * so it needs a reason like the other blocking findings.
 */
export async function gmailBulkFinding(
  core: Pick<DeskCore, 'db' | 'settings' | 'now'>,
  c: CampaignRecord,
): Promise<LaunchFinding | null> {
  if (!c.channels.includes('email')) return null;
  const day = await gmailDay(core, c);
  const total = day.campaign + day.others;
  if (day.campaign === 0 || total <= GMAIL_BULK_PER_DAY) return null;
  let check: StoredDomainCheck | null;
  let missing: string[];
  try {
    check = await sendingDomainCheck(core);
    if (!check) return null; // no From address yet: the e-mail cannot be sent at all, and says so itself
    missing = missingRecords(check);
  } catch (err) {
    check = null;
    missing = ['SPF', 'DKIM', 'DMARC'];
    if (!isAppError(err)) throw err;
  }
  if (missing.length === 0) return null;
  const volume =
    day.others > 0
      ? `This campaign sends ${count(day.campaign)} e-mails to Gmail addresses on ${day.date}, ${count(total)} with the other e-mail that day`
      : `This campaign sends ${count(day.campaign)} e-mails to Gmail addresses on ${day.date}`;
  const domain = check ? check.domain : 'your sending domain';
  const when = check
    ? ` (checked ${check.checkedAt.slice(0, 16).replace('T', ' ')} UTC)`
    : ' (it could not be checked)';
  return {
    code: 'gmail_bulk_unauthenticated',
    blocking: true,
    message: `${volume}: above Gmail's ${count(GMAIL_BULK_PER_DAY)} a day, senders need SPF, DKIM and DMARC, and ${domain} has no ${andList(missing)} record${missing.length > 1 ? 's' : ''}${when}. Gmail may refuse these e-mails or file them as spam: add the records at your DNS host (Settings → Providers → E-mail → Check my domain says what to add), or send to fewer Gmail addresses a day.`,
    variants: [],
  };
}
