import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { snapshotCampaign } from '../../../electron/campaigns/snapshot';
import { renderTemplate, segmentsOf } from '../../../shared/templates';
import { invokeOk, useTempApp } from '../../helpers/app';
import { daytimeClock, seedContacts } from '../../helpers/seed';
import type { Channel, InputOf } from '../../../shared/ipc/contract';

let app: DeskApp;
useTempApp(
  (a) => (app = a),
  () => ({ now: daytimeClock() }),
);
beforeEach(() => {
  app.settings.set('business.name', 'Bloom');
});

const ok = <C extends Channel>(channel: C, input: InputOf<C>) => invokeOk(app, channel, input);

const BODY =
  'Hi {{first_name|there}}, your {{field:tier|member}} perks at {{business_name}} — 20% off 🌷 Reply STOP to opt out';

interface Row {
  contact_id: number;
  to_phone: string;
  body: string;
  segments: number;
  variant: string | null;
  state: string;
  next_attempt_at: string;
  from_number: string;
  provider: string;
}
const outbox = (id: number) =>
  app.db
    .prepare(
      `SELECT contact_id, to_phone, body, segments, variant, state, next_attempt_at, from_number, provider FROM outbox_messages WHERE campaign_id = ? ORDER BY contact_id`,
    )
    .all(id) as Row[];

/** 40 contacts with gaps in their ids, missing names, custom values, and some that must never be queued. */
function seedAudience() {
  const ids = seedContacts(app.db, 40);
  const field = Number(
    app.db.prepare(`INSERT INTO custom_fields (key, label, created_at) VALUES ('tier', 'Tier', 'x')`).run()
      .lastInsertRowid,
  );
  ids.forEach((id, i) => {
    if (i % 3 === 0)
      app.db
        .prepare('INSERT INTO contact_field_values (contact_id, field_id, value) VALUES (?, ?, ?)')
        .run(id, field, i % 2 ? 'gold' : 'Überraschung');
  });
  app.db.prepare('UPDATE contacts SET first_name = NULL WHERE id IN (?, ?)').run(ids[4], ids[5]);
  app.db
    .prepare('DELETE FROM contacts WHERE id IN (?, ?, ?, ?, ?, ?)')
    .run(ids[7], ids[8], ids[9], ids[10], ids[11], ids[20]);
  app.db.prepare('UPDATE contacts SET opted_out = 1 WHERE id = ?').run(ids[12]);
  app.db.prepare(`UPDATE contacts SET textable = 0, not_textable_reason = 'landline' WHERE id = ?`).run(ids[13]);
  app.db.prepare(`UPDATE contacts SET phone = '12345' WHERE id = ?`).run(ids[14]);
  return { ids, excluded: new Set([ids[7], ids[8], ids[9], ids[10], ids[11], ids[20], ids[12], ids[13], ids[14]]) };
}

function expected(contactId: number) {
  const c = app.db.prepare('SELECT phone, first_name, last_name, email FROM contacts WHERE id = ?').get(contactId) as {
    phone: string;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
  };
  const tier =
    (app.db.prepare(`SELECT value FROM contact_field_values WHERE contact_id = ?`).pluck().get(contactId) as
      string | undefined) ?? null;
  const text = renderTemplate(BODY, {
    contact: { firstName: c.first_name, lastName: c.last_name, phone: c.phone, email: c.email, fields: { tier } },
    business: { name: 'Bloom', contact: app.settings.get('business.contact') },
  }).text;
  return { to_phone: c.phone, body: text, segments: segmentsOf(text).segments };
}

describe('campaign snapshot', () => {
  it('queues exactly the eligible audience, each message rendered and counted for its own recipient, in small chunks across id gaps', async () => {
    const { ids, excluded } = seedAudience();
    const c = await ok('campaigns:create', { name: 'Perks', body: BODY, audience: {} });
    app.db.prepare(`UPDATE campaigns SET status = 'sending', snapshot_state = 'none' WHERE id = ?`).run(c.id);
    const r = await snapshotCampaign(app, c.id, { chunk: 3 });
    const rows = outbox(c.id);
    const audience = ids.filter((id) => !excluded.has(id));
    expect(r.queued).toBe(audience.length);
    expect(rows.map((m) => m.contact_id)).toEqual(audience);
    for (const m of rows) {
      expect({ to_phone: m.to_phone, body: m.body, segments: m.segments }).toEqual(expected(m.contact_id));
      expect(m).toMatchObject({ variant: null, state: 'queued', from_number: '+15550100000', provider: 'sandbox' });
    }
    expect(rows.find((m) => m.contact_id === ids[4])!.body).toMatch(/^Hi there, your member perks at Bloom/);
    expect(rows.find((m) => m.contact_id === ids[3])!.body).toMatch(/your gold perks/);
    expect(rows.find((m) => m.contact_id === ids[0])!.body).toMatch(/your Überraschung perks/);
    expect(app.db.prepare('SELECT snapshot_state, snapshot_cursor FROM campaigns WHERE id = ?').get(c.id)).toEqual({
      snapshot_state: 'complete',
      snapshot_cursor: ids[ids.length - 1],
    });
  });

  it('renders every text right whether texts repeat or not (past the point where it stops reusing them)', async () => {
    seedContacts(app.db, 25_000);
    const c = await ok('campaigns:create', {
      name: 'Numbers',
      body: 'Hi {{first_name|there}}, this goes to {{phone}}. Reply STOP to opt out',
      audience: {},
    });
    app.db.prepare(`UPDATE campaigns SET status = 'sending', snapshot_state = 'none' WHERE id = ?`).run(c.id);
    await snapshotCampaign(app, c.id);
    const rows = app.db
      .prepare(
        `SELECT o.body, c.first_name, c.phone FROM outbox_messages o JOIN contacts c ON c.id = o.contact_id WHERE o.campaign_id = ?`,
      )
      .all(c.id) as { body: string; first_name: string; phone: string }[];
    expect(rows).toHaveLength(25_000);
    for (const r of rows) expect(r.body).toBe(`Hi ${r.first_name}, this goes to ${r.phone}. Reply STOP to opt out`);
  });

  it('resumes an interrupted snapshot from its cursor without queuing anyone twice', async () => {
    const { ids, excluded } = seedAudience();
    const c = await ok('campaigns:create', { name: 'Perks', body: BODY, audience: {} });
    app.db.prepare(`UPDATE campaigns SET status = 'sending', snapshot_state = 'none' WHERE id = ?`).run(c.id);
    await snapshotCampaign(app, c.id, { chunk: 7 });
    const full = outbox(c.id);
    // What a crash leaves: the cursor behind rows already written, and the rest of the outbox missing.
    const cut = ids[25];
    app.db.prepare('DELETE FROM outbox_messages WHERE campaign_id = ? AND contact_id > ?').run(c.id, ids[30]);
    app.db.prepare(`UPDATE campaigns SET snapshot_state = 'running', snapshot_cursor = ? WHERE id = ?`).run(cut, c.id);
    const again = await snapshotCampaign(app, c.id, { chunk: 4 });
    expect(again.queued).toBe(ids.filter((id) => id > ids[30] && !excluded.has(id)).length);
    // the same messages (only their creation time, and so their first-attempt time, is the resumed run's)
    const sameMessage = ({ next_attempt_at: _t, ...m }: Row) => m;
    expect(outbox(c.id).map(sameMessage)).toEqual(full.map(sameMessage));
    // and the campaign's counts (kept by the snapshot and the outbox's triggers) still match its outbox
    expect(await ok('campaigns:status', { id: c.id })).toMatchObject({ counts: { queued: full.length } });
  });

  it('includes contacts added while the snapshot runs, and waits for each recipient’s local time when asked to', async () => {
    seedContacts(app.db, 2);
    // New York and Los Angeles numbers: the same local time is three hours apart.
    app.db.prepare(`UPDATE contacts SET phone = '+12125550111' WHERE id = 1`).run();
    app.db.prepare(`UPDATE contacts SET phone = '+13105550122' WHERE id = 2`).run();
    const c = await ok('campaigns:create', {
      name: 'Local',
      body: 'Good morning {{first_name|there}}! Reply STOP to opt out',
      audience: {},
      schedule: { mode: 'recipient_local', date: '2026-12-10', time: '10:00' },
    });
    app.db.prepare(`UPDATE campaigns SET status = 'sending', snapshot_state = 'none' WHERE id = ?`).run(c.id);
    const launch = snapshotCampaign(app, c.id, { chunk: 1 });
    seedContacts(app.db, 1, { start: 50 });
    await launch;
    const rows = outbox(c.id);
    expect(rows.map((m) => m.contact_id)).toEqual([1, 2, 3]);
    expect(rows[0].next_attempt_at).toBe('2026-12-10T15:00:00.000Z');
    expect(rows[1].next_attempt_at).toBe('2026-12-10T18:00:00.000Z');
  });
});
