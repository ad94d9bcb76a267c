import type { Channel } from '../../shared/types/domain';
import type { OutboxProviderId } from '../providers';
import type { SqliteDb } from '../db/connection';
import type { CampaignRecord } from './model';
import { highestContactId, highestOutboxId } from './queries-snapshot';
import type { MessagePick } from './variants';
import type { ChunkWriter, StateTally } from './snapshot-writer';
import type { LinkTracker } from '../abtests';

export type { ChunkWriter, StateTally } from './snapshot-writer';

/** The contact's own values an e-mail or a call is written from. */
export interface ContactValues {
  id: number;
  phone: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
}

/** What an e-mail or a call row carries (body: the e-mail's plain text, or the call's script). */
export interface ChannelMessage {
  body: string;
  toEmail: string | null;
  subject: string | null;
  html: string | null;
  voiceJson: string | null;
  /** The A/B variant the message is (an e-mail or call A/B test's), or null. */
  variant: string | null;
  /** Tracked links of the message, stored against its row once it is written. */
  links: Array<{ code: string; url: string }>;
  /** Held back ("test, then send the winner"): written empty, as state `held`, and rendered when the winner goes. */
  held?: true;
}

export interface ChannelWriterDeps {
  db: SqliteDb;
  c: CampaignRecord;
  channel: Exclude<Channel, 'sms'>;
  provider: OutboxProviderId;
  from: string;
  where: { sql: string; params: unknown[] };
  /** Who gets the campaign on this channel (channel-pick.ts). */
  pick: string;
  /** Recipient-local schedules: when this recipient's message may go. */
  notBefore: MessagePick['notBefore'];
  /** The message of one contact; `outboxId` is the id its row gets (an e-mail's unsubscribe link names it). */
  render(contact: ContactValues, outboxId: number): ChannelMessage;
  /** Stores a written message's tracked links (in the chunk's transaction). */
  links: Pick<LinkTracker, 'record'>;
}

/**
 * The e-mails or calls of a multi-channel campaign, one row at a time over a range of contact ids: each message is
 * rendered per contact in JavaScript (an e-mail's unsubscribe link is signed per recipient), so a set-based insert
 * would save nothing. An e-mail or call A/B test's messages carry their variant. One segment each, so that spend at
 * hand-over (segments × price) is the channel's price per e-mail or per call.
 */
export function channelRowWriter(d: ChannelWriterDeps): ChunkWriter {
  const { db, c } = d;
  // hot path: one read and one insert per recipient of the channel, prepared once, run per row in the chunk's transaction.
  const select = db.prepare(
    `SELECT c.id, c.phone, c.first_name, c.last_name, c.email FROM contacts c
     WHERE (${d.where.sql}) AND ${d.pick} AND c.id > @cursor AND c.id <= @upper ORDER BY c.id LIMIT @limit`,
  );
  const insert = db.prepare(
    `INSERT OR IGNORE INTO outbox_messages (id, campaign_id, contact_id, kind, channel, variant, to_phone, to_email, from_number, subject, body, html_body, voice_json, segments, provider, state, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, 'campaign', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    chunk(cursor, limit, created, upper = Number.MAX_SAFE_INTEGER) {
      const rows = select.all(...d.where.params, { cursor, upper, limit }) as ContactValues[];
      let queued = 0;
      const inserted: StateTally = {};
      // The row's id is chosen here, in the chunk's transaction, so that the message can name it before it is written.
      let id = highestOutboxId(db) + 1;
      for (const r of rows) {
        const m = d.render(r, id);
        const written = insert.run(
          id,
          c.id,
          r.id,
          d.channel,
          m.variant,
          r.phone,
          m.toEmail,
          d.from,
          m.subject,
          m.body,
          m.html,
          m.voiceJson,
          m.held ? 0 : 1,
          d.provider,
          m.held ? 'held' : 'queued',
          d.notBefore(r.phone) ?? created,
          created,
          created,
        ).changes;
        // A contact already written (a resumed chunk) keeps its row; the id is used by the next one.
        if (written) {
          d.links.record(id++, r.id, m.variant, m.links);
          const state = m.held ? 'held' : 'queued';
          inserted[state] = (inserted[state] ?? 0) + 1;
        }
        queued += written;
      }
      return { queued, last: rows.length ? rows[rows.length - 1].id : null, inserted };
    },
    close() {},
  };
}

/**
 * The writers of a campaign's channels over the same ranges of contact ids, in one transaction per chunk: the
 * snapshot's single cursor stays a contact id, and a resumed chunk is written again without duplicates (the outbox
 * is unique per campaign, contact and channel).
 */
export function channelsWriter(db: SqliteDb, writers: ChunkWriter[]): ChunkWriter {
  return {
    chunk(cursor, limit, created) {
      const max = highestContactId(db);
      if (cursor >= max) return { queued: 0, last: null, inserted: {} };
      const upper = Math.min(cursor + limit, max);
      let queued = 0;
      const inserted: StateTally = {};
      for (const w of writers) {
        const r = w.chunk(cursor, upper - cursor, created, upper);
        queued += r.queued;
        for (const [state, n] of Object.entries(r.inserted) as [keyof StateTally, number][])
          inserted[state] = (inserted[state] ?? 0) + n;
      }
      return { queued, last: upper, inserted };
    },
    close() {
      for (const w of writers) w.close();
    },
  };
}
