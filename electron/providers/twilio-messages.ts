import { joinUrl } from '../http/client';
import type { ProviderMessage, ProviderMessageStatus } from './types';

/** Fetches one page as JSON or throws an AppError the owner can read. */
export type TwilioRead = (url: string) => Promise<unknown>;

const STATUS: Record<string, ProviderMessageStatus> = {
  queued: 'queued',
  accepted: 'queued',
  scheduled: 'queued',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  partially_delivered: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
  receiving: 'received',
  received: 'received',
};

export function twilioStatus(value: unknown): ProviderMessageStatus {
  return typeof value === 'string' && STATUS[value] ? STATUS[value] : 'unknown';
}

/** Twilio dates are RFC 2822 ("Thu, 24 Aug 2023 05:01:45 +0000"). */
/** Twilio's error code (a number, null when the message did not fail) as text. */
function errorCodeText(code: unknown): string | null {
  return typeof code === 'number' || typeof code === 'string' ? String(code) : null;
}

function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

export function toProviderMessage(raw: unknown): ProviderMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  if (typeof m.sid !== 'string') return null;
  return {
    providerMessageId: m.sid,
    direction: m.direction === 'inbound' ? 'incoming' : 'outgoing',
    from:
      typeof m.from === 'string' ? m.from : typeof m.messaging_service_sid === 'string' ? m.messaging_service_sid : '',
    to: typeof m.to === 'string' ? m.to : '',
    body: typeof m.body === 'string' ? m.body : '',
    status: twilioStatus(m.status),
    createdAt: isoDate(m.date_created) ?? isoDate(m.date_sent) ?? new Date(0).toISOString(),
    errorCode: errorCodeText(m.error_code),
  };
}

/** Twilio's DateSent filters take whole seconds; widen outward and filter exactly here. */
function wholeSeconds(date: Date, round: 'down' | 'up'): string {
  const ms = round === 'down' ? Math.floor(date.getTime() / 1000) * 1000 : Math.ceil(date.getTime() / 1000) * 1000;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sentInRange(raw: unknown, since: Date, until: Date): boolean {
  const m = raw as { date_sent?: unknown; date_created?: unknown };
  const when: unknown = m.date_sent ?? m.date_created ?? '';
  const at = Date.parse(String(when));
  return !Number.isNaN(at) && at >= since.getTime() && at <= until.getTime();
}

export interface TwilioListQuery {
  accountSid: string;
  since: Date;
  until: Date;
  /** `To` or `From` filter, e.g. for one conversation. */
  to?: string;
  from?: string;
  /** 1–1000 */
  pageSize: number;
}

/** `GET …/Messages.json` newest first, following next_page_uri (which keeps the filters). */
export async function* listMessages(
  read: TwilioRead,
  base: string,
  q: TwilioListQuery,
): AsyncGenerator<ProviderMessage> {
  const params = new URLSearchParams({ PageSize: String(q.pageSize) });
  // Twilio's ">" and "<" filters include the boundary ("on or after").
  params.set('DateSent>', wholeSeconds(q.since, 'down'));
  params.set('DateSent<', wholeSeconds(q.until, 'up'));
  if (q.to) params.set('To', q.to);
  if (q.from) params.set('From', q.from);
  let url: string | null = joinUrl(
    base,
    `/2010-04-01/Accounts/${encodeURIComponent(q.accountSid)}/Messages.json?${params.toString()}`,
  );
  const seen = new Set<string>();
  while (url && !seen.has(url)) {
    seen.add(url);
    const page = (await read(url)) as { messages?: unknown[]; next_page_uri?: string | null };
    for (const raw of page?.messages ?? []) {
      const message = toProviderMessage(raw);
      if (message && sentInRange(raw, q.since, q.until)) yield message;
    }
    url = page?.next_page_uri ? joinUrl(base, page.next_page_uri) : null;
  }
}
