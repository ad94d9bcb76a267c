import type { SqliteDb } from '../../electron/db/connection';
import type { EmailProviderId } from '../../electron/providers';
import type { SettingsStore } from '../../electron/settings/store';

/**
 * E-mail messages of a sending campaign, as a campaign snapshot writes them: contacts with an address and e-mail
 * consent, one outbox row each (channel 'email', provider, to_email, subject, html_body, body). Returns their ids.
 */
export function insertEmailCampaign(
  db: SqliteDb,
  n: number,
  options: { provider: EmailProviderId; nowIso: string; name?: string; domain?: string },
): { campaignId: number; contactIds: number[]; outboxIds: number[] } {
  const { nowIso } = options;
  const domain = options.domain ?? 'example.test';
  return db.transaction(() => {
    const campaignId = Number(
      db
        .prepare(
          `INSERT INTO campaigns (name, body, audience_json, provider, status, snapshot_state, channels_json, created_at, updated_at)
           VALUES (?, 'Spring sale', '{}', ?, 'sending', 'complete', '["email"]', ?, ?)`,
        )
        .run(options.name ?? 'E-mail sale', options.provider, nowIso, nowIso).lastInsertRowid,
    );
    const contact = db.prepare(
      `INSERT INTO contacts (phone, first_name, email, email_consent, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)`,
    );
    const outbox = db.prepare(
      `INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, body, provider, state, next_attempt_at, channel, to_email, subject, html_body, created_at, updated_at)
       VALUES (?, ?, 'campaign', ?, ?, ?, 'queued', ?, 'email', ?, ?, ?, ?, ?)`,
    );
    const contactIds: number[] = [];
    const outboxIds: number[] = [];
    for (let i = 0; i < n; i++) {
      const phone = `+1555${String(campaignId).padStart(3, '0')}${String(i).padStart(4, '0')}`;
      const email = `customer${i}.c${campaignId}@${domain}`;
      const contactId = Number(contact.run(phone, `Customer${i}`, email, nowIso, nowIso).lastInsertRowid);
      contactIds.push(contactId);
      const text = `Hello Customer${i}, our spring sale starts today.\n\n12 Main St, Springfield\nUnsubscribe: see link`;
      const html = `<p>Hello <b>Customer${i}</b>, our spring sale starts today.</p><p>12 Main St, Springfield</p>`;
      outboxIds.push(
        Number(
          outbox.run(
            campaignId,
            contactId,
            phone,
            text,
            options.provider,
            nowIso,
            email,
            `Spring sale ${i}`,
            html,
            nowIso,
            nowIso,
          ).lastInsertRowid,
        ),
      );
    }
    return { campaignId, contactIds, outboxIds };
  })();
}

/** Sets what every marketing e-mail needs (sender, postal address, public unsubscribe address). */
export function emailReady(app: { settings: Pick<SettingsStore, 'set'> }, publicUrl: string): void {
  app.settings.set('email.from', 'Corner Shop <shop@cornershop.test>');
  app.settings.set('email.postalAddress', '12 Main St, Springfield, IL 62701');
  app.settings.set('webhooks.publicUrl', publicUrl);
}
