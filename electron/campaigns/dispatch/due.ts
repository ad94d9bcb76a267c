import type { SqliteDb } from '../../db/connection';
import { statement } from './statements';
import type { Channel, OutboxState } from '../../../shared/types/domain';
import type { OutboxProviderId } from '../../providers';

/**
 * The send loop's reads of the outbox: which messages are due, which providers have work, when the next one is due.
 * Raw SQL, prepared once per connection (statements.ts): they run on every tick, and INDEXED BY pins the partial
 * due-time indexes the planner would pass over.
 */

export interface OutboxItem {
  id: number;
  campaignId: number | null;
  contactId: number | null;
  kind: 'campaign' | 'reply' | 'confirmation' | 'help';
  toPhone: string;
  fromNumber: string | null;
  body: string;
  provider: OutboxProviderId;
  state: OutboxState;
  attempts: number;
  quietHoursJson: string | null;
  /** 1 when the contact may no longer receive this message's channel (opted out, unsubscribed, suppressed, DNC). */
  optedOut: number | null;
  channel: Channel;
  toEmail: string | null;
  subject: string | null;
  htmlBody: string | null;
  voiceJson: string | null;
  /** Confirmations may not be sent after this moment (compliance: within 5 minutes of the keyword). */
  expiresAt: string | null;
}

const PROVIDERS = [
  'sandbox',
  'quo',
  'twilio',
  'smtp',
  'postmark',
  'sandbox_email',
  'twilio_voice',
  'sandbox_voice',
] as const satisfies readonly OutboxProviderId[];

/** Whether the contact can no longer receive the message's channel: consent is kept per channel. */
const CHANNEL_OPTED_OUT = `CASE m.channel
    WHEN 'email' THEN (c.email_opted_out = 1 OR c.email_suppressed IS NOT NULL)
    WHEN 'voice' THEN c.dnc
    ELSE c.opted_out END`;

/**
 * Waiting rows are found through partial indexes ordered by due time, so a tick costs the same whether the outbox
 * holds a hundred messages or a million. Every queued row has a next_attempt_at (its creation time at the latest).
 */
const select = (
  index: string,
) => `SELECT m.id, m.campaign_id AS campaignId, m.contact_id AS contactId, m.kind, m.to_phone AS toPhone, m.from_number AS fromNumber, m.body,
       m.provider, m.state, m.attempts, m.expires_at AS expiresAt, k.quiet_hours_json AS quietHoursJson, ${CHANNEL_OPTED_OUT} AS optedOut,
       m.channel, m.to_email AS toEmail, m.subject, m.html_body AS htmlBody, m.voice_json AS voiceJson
  FROM outbox_messages m INDEXED BY ${index}
  LEFT JOIN campaigns k ON k.id = m.campaign_id
  LEFT JOIN contacts c ON c.id = m.contact_id`;

/** Campaign messages are sendable only while their campaign is sending with a complete snapshot. */
const CAMPAIGN_LIVE = `(m.kind <> 'campaign' OR (k.status = 'sending' AND k.snapshot_state = 'complete'))`;

const DUE_SERVICE = `${select('outbox_due_service')} WHERE m.provider = ? AND m.state IN ('queued', 'retry_wait') AND m.kind <> 'campaign' AND m.next_attempt_at <= ? ORDER BY m.next_attempt_at, m.id LIMIT ?`;
const DUE_ANY = `${select('outbox_due')} WHERE m.provider = ? AND m.state IN ('queued', 'retry_wait') AND m.next_attempt_at <= ? AND ${CAMPAIGN_LIVE} ORDER BY m.next_attempt_at, m.id LIMIT ?`;

/** Messages of a provider that may be sent now: service messages first, then the rest in due order. */
export function dueMessages(db: SqliteDb, provider: string, nowIso: string, limit: number): OutboxItem[] {
  // hot path: every tick of the send loop; INDEXED BY pins the partial due-time indexes SQLite's planner passes over.
  const service = statement(db, DUE_SERVICE).all(provider, nowIso, limit) as OutboxItem[];
  if (service.length >= limit) return service;
  const rest = statement(db, DUE_ANY).all(provider, nowIso, limit) as OutboxItem[];
  const seen = new Set(service.map((s) => s.id));
  return [...service, ...rest.filter((r) => !seen.has(r.id))].slice(0, limit);
}

/** Providers with messages that may be sent before `horizonIso`. */
export function providersWithWork(db: SqliteDb, horizonIso: string): Array<(typeof PROVIDERS)[number]> {
  // hot path: every tick of the send loop, through the due-time index (INDEXED BY) so it costs the same at any size.
  const stmt = statement(
    db,
    `SELECT 1 FROM outbox_messages m INDEXED BY outbox_due LEFT JOIN campaigns k ON k.id = m.campaign_id
     WHERE m.provider = ? AND m.state IN ('queued', 'retry_wait') AND m.next_attempt_at <= ? AND ${CAMPAIGN_LIVE} LIMIT 1`,
  );
  return PROVIDERS.filter((p) => stmt.get(p, horizonIso) !== undefined);
}

/** The earliest time anything waiting becomes due (for the loop's sleep). */
export function nextDueAt(db: SqliteDb): string | null {
  // hot path: every wake of the send loop; the partial due-time index answers MIN() at once, a scan would not.
  const stmt = statement(
    db,
    `SELECT MIN(next_attempt_at) AS at FROM outbox_messages INDEXED BY outbox_due WHERE provider = ? AND state IN ('queued', 'retry_wait')`,
  );
  const times = PROVIDERS.map((p) => (stmt.get(p) as { at: string | null }).at).filter((t): t is string => t !== null);
  return times.length ? times.sort()[0] : null;
}
