import type { SqliteDb } from '../../electron/db/connection';

/**
 * Sent history written straight into the real schema: campaigns, delivered texts and their outcomes, as the
 * dispatcher and the outcome ingester would have left them. Lets a test hold tens of thousands of texts with
 * exactly the replies it wants, where playing every reply through the provider path would take minutes.
 */
export interface SentText {
  contactId: number;
  phone: string;
  at: number;
  replied?: boolean;
  clicked?: boolean;
  optedOut?: boolean;
  converted?: boolean;
}

export function seedCampaignHistory(db: SqliteDb, name: string, texts: readonly SentText[]): number {
  const created = new Date(Math.min(...texts.map((t) => t.at))).toISOString();
  const campaignId = Number(
    db
      .prepare(
        `INSERT INTO campaigns (name, status, body, created_at, updated_at, launched_at, completed_at) VALUES (?, 'completed', 'Hi from Bloom Salon. Reply STOP to opt out', ?, ?, ?, ?)`,
      )
      .run(name, created, created, created, created).lastInsertRowid,
  );
  const message = db.prepare(
    `INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, body, provider, state, created_at, updated_at, sent_at, delivered_at)
     VALUES (?, ?, 'campaign', ?, 'Hi from Bloom Salon. Reply STOP to opt out', 'sandbox', 'delivered', ?, ?, ?, ?)`,
  );
  const outcome = db.prepare(
    `INSERT INTO message_outcomes (outbox_id, campaign_id, contact_id, kind, at, rule, click_days, delivery_hours) VALUES (?, ?, ?, ?, ?, 'delivery', 5, 24)`,
  );
  const conversion = db.prepare(
    `INSERT INTO conversions (contact_id, campaign_id, outbox_id, source, source_id, amount_minor, actor, at, rule, created_at) VALUES (?, ?, ?, 'manual', ?, 1000, 'user', ?, 'delivery', ?)`,
  );
  db.transaction(() => {
    for (const t of texts) {
      const iso = new Date(t.at).toISOString();
      const later = new Date(t.at + 600_000).toISOString();
      const id = Number(message.run(campaignId, t.contactId, t.phone, iso, iso, iso, iso).lastInsertRowid);
      if (t.replied) outcome.run(id, campaignId, t.contactId, 'replied', later);
      if (t.clicked) outcome.run(id, campaignId, t.contactId, 'clicked', later);
      if (t.optedOut) outcome.run(id, campaignId, t.contactId, 'opted_out', later);
      if (t.converted) conversion.run(t.contactId, campaignId, id, `seed-${id}`, later, later);
    }
  })();
  return campaignId;
}
