import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { snapshotCampaign } from '../../../electron/campaigns/snapshot';
import { invokeOk, useTempApp } from '../../helpers/app';
import { daytimeClock } from '../../helpers/seed';
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

async function importFile(name: string, text: string, consent?: string) {
  const path = join(app.paths.dataDir, name);
  writeFileSync(path, text);
  const id = app.contacts.imports.start(
    { path, fileName: name },
    { defaultCountry: 'US', onDuplicate: 'skip', fileName: name, ...(consent ? { consent } : {}) },
    false,
  );
  const job = await app.contacts.imports.settled(id);
  return { id, job };
}

const contact = (phone: string) =>
  app.db.prepare('SELECT textable, not_textable_reason FROM contacts WHERE phone = ?').get(phone) as {
    textable: number;
    not_textable_reason: string | null;
  };
const records = (phone: string) =>
  app.db
    .prepare(
      'SELECT source, consent, note FROM consent_records WHERE contact_id = (SELECT id FROM contacts WHERE phone = ?) ORDER BY id',
    )
    .all(phone);

/** Who a campaign to everyone queues: the only place "not marketable" finally matters. */
async function queuedPhones(): Promise<string[]> {
  const c = await ok('campaigns:create', {
    name: 'Spring',
    body: 'Bloom: 20% off this week. Reply STOP to opt out',
    audience: {},
  });
  app.db.prepare(`UPDATE campaigns SET status = 'sending', snapshot_state = 'none' WHERE id = ?`).run(c.id);
  await snapshotCampaign(app, c.id, { chunk: 10 });
  return app.db
    .prepare('SELECT to_phone FROM outbox_messages WHERE campaign_id = ? ORDER BY to_phone')
    .pluck()
    .all(c.id) as string[];
}

describe('consent is never assumed', () => {
  it('a contact added by hand without an answer is kept, not textable, with "consent not stated" on record, until the owner says how', async () => {
    const plain = await ok('contacts:create', { phone: '(212) 555-0101', firstName: 'Ann' });
    await ok('contacts:create', { phone: '(212) 555-0102', consent: { given: true, note: 'Signed up in store' } });
    expect(contact('+12125550101')).toEqual({ textable: 0, not_textable_reason: 'SMS consent not stated' });
    expect(records('+12125550101')).toEqual([{ source: 'manual', consent: null, note: 'consent not stated' }]);
    expect(records('+12125550102')).toEqual([{ source: 'manual', consent: 1, note: 'Signed up in store' }]);
    expect(await queuedPhones()).toEqual(['+12125550102']);

    expect(await ok('contacts:recordConsent', { contactIds: [plain.contact.id], how: 'Gave verbal consent' })).toEqual({
      contacts: 1,
      nowTextable: 1,
    });
    expect(contact('+12125550101')).toEqual({ textable: 1, not_textable_reason: null });
    expect(records('+12125550101')).toEqual([
      { source: 'manual', consent: null, note: 'consent not stated' },
      { source: 'manual', consent: 1, note: 'Gave verbal consent' },
    ]);
  });

  it('recording consent never lifts a reason that is not about consent, nor an opt-out', async () => {
    const a = await ok('contacts:create', { phone: '2125550103', consent: { given: true, note: 'In store' } });
    await ok('contacts:update', { id: a.contact.id, textable: false });
    const b = await ok('contacts:create', { phone: '2125550104' });
    await ok('contacts:optOut', { contactId: b.contact.id });
    expect(
      await ok('contacts:recordConsent', { contactIds: [a.contact.id, b.contact.id], how: 'Website form' }),
    ).toEqual({ contacts: 2, nowTextable: 1 });
    expect(contact('+12125550103')).toEqual({ textable: 0, not_textable_reason: 'marked not textable by you' });
    await expect(queuedPhones()).rejects.toThrow(/1 opted out, 1 not textable/);
  });

  it('an import without a consent column and without an answer records "consent not stated"; a campaign does not text them', async () => {
    const { job } = await importFile('list.csv', 'First Name,Phone\nAnn,2125550111\nBob,2125550112\n');
    expect(job.state).toBe('done');
    expect(contact('+12125550111')).toEqual({ textable: 0, not_textable_reason: 'SMS consent not stated' });
    expect(records('+12125550112')).toEqual([{ source: 'import', consent: null, note: 'consent not stated' }]);
    await expect(queuedPhones()).rejects.toThrow(/No one in this audience can be texted/);
  });

  it('the owner’s answer for a whole file is recorded as every new contact’s consent, and they are textable', async () => {
    const { job } = await importFile(
      'list.csv',
      'First Name,Phone\nAnn,2125550111\nBob,2125550112\nAnn again,2125550111\n',
      'They signed up on our website',
    );
    expect(job.state).toBe('done');
    expect(contact('+12125550111')).toEqual({ textable: 1, not_textable_reason: null });
    expect(records('+12125550111')).toEqual([{ source: 'import', consent: 1, note: 'They signed up on our website' }]);
    expect(await queuedPhones()).toEqual(['+12125550111', '+12125550112']);
  });

  it('a file with its own consent column speaks for itself: an answer for the whole file is refused', async () => {
    const { job } = await importFile('shop.csv', 'Phone,Accepts SMS Marketing\n2125550111,yes\n', 'In store');
    expect(job.state).toBe('failed');
    expect(job.error?.message).toContain('"Accepts SMS Marketing" column');
    expect(app.db.prepare('SELECT COUNT(*) FROM contacts').pluck().get()).toBe(0);
  });
});
