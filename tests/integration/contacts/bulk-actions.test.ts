import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBulkAction } from '../../../electron/contacts/bulk';
import { startDesk, type Desk } from './desk';
import type { InputOf } from '../../../shared/ipc/contract';

let d: Desk;
beforeEach(async () => {
  d = await startDesk();
});
afterEach(async () => d.close());

const AGREED = { given: true, note: 'Signed up in store' };
async function add(phone: string, firstName: string, tags: string[] = []): Promise<number> {
  return (await d.call('contacts:create', { phone, firstName, lastName: 'Lee', tags, consent: AGREED })).contact.id;
}
const bulk = (input: InputOf<'contacts:bulk'>) => d.call('contacts:bulk', input);
const undo = (actionId: number) => d.call('contacts:bulkUndo', { actionId });
const tagsOf = (id: number) =>
  d.app.db
    .prepare(
      'SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = ? ORDER BY t.name',
    )
    .pluck()
    .all(id);

describe('bulk actions on contacts', () => {
  it('"select all matching" acts on exactly the contacts the list shows for the search and filters', async () => {
    const ana = await add('+14155550101', 'Ana', ['VIP']);
    const anabel = await add('+14155550102', 'Anabel', ['VIP']);
    const bob = await add('+14155550103', 'Bob', ['VIP']);
    await add('+14155550104', 'Anouk');
    const shown = await d.call('contacts:list', { search: 'ana', tag: 'VIP' });
    expect(shown.rows.map((r) => r.id).sort()).toEqual([ana, anabel]);
    const done = await bulk({ action: 'addTag', tag: 'Spring sale', matching: { search: 'ana', tag: 'VIP' } });
    expect(done).toMatchObject({ action: 'addTag', selected: 2, changed: 2 });
    expect(tagsOf(ana)).toEqual(['Spring sale', 'VIP']);
    expect(tagsOf(bob)).toEqual(['VIP']);
  });

  it("a bulk opt-out is in the consent log as the owner's bulk action, and its undo is an opt-in that says it was an undo", async () => {
    const ids = [await add('+14155550101', 'Ana'), await add('+14155550102', 'Bo')];
    await d.call('contacts:optOut', { contactId: ids[1], reason: 'asked at the counter' });
    const done = await bulk({ action: 'optOut', contactIds: ids });
    expect(done).toMatchObject({ selected: 2, changed: 1 });
    const detail = await d.call('contacts:get', { id: ids[0] });
    expect(detail.contact.optedOut).toBe(true);
    expect(detail.optOutHistory.at(-1)).toMatchObject({
      newState: 'opted_out',
      source: 'manual',
      actor: 'user',
      message: 'bulk action by owner',
    });
    expect(await undo(done.actionId)).toEqual({ restored: 1, kept: 0 });
    const after = await d.call('contacts:get', { id: ids[0] });
    expect(after.contact.optedOut).toBe(false);
    expect(after.optOutHistory.at(-1)).toMatchObject({
      newState: 'opted_in',
      message: 'undo of a bulk action by owner',
    });
    // The contact who had opted out by hand before the bulk action stays opted out.
    expect((await d.call('contacts:get', { id: ids[1] })).contact.optedOut).toBe(true);
  });

  it('a bulk opt-out takes the contacts out of every text still waiting for them, as a single opt-out does', async () => {
    const ids = [await add('+14155550101', 'Ana'), await add('+14155550102', 'Bo')];
    for (const [i, id] of ids.entries()) {
      d.app.db
        .prepare(
          "INSERT INTO inbound_messages (provider, contact_id, from_phone, body, received_at, created_at) VALUES ('sandbox', ?, ?, 'Hi', ?, ?)",
        )
        .run(id, `+1415555010${i + 1}`, d.iso(), d.iso());
      await d.call('inbox:reply', { contactId: id, body: 'Hello!' });
    }
    await bulk({ action: 'optOut', contactIds: [ids[0]] });
    const waiting = (id: number) =>
      d.app.db
        .prepare("SELECT state, error_code FROM outbox_messages WHERE contact_id = ? AND kind <> 'campaign'")
        .get(id);
    expect(waiting(ids[0])).toEqual({ state: 'skipped', error_code: 'opted_out' });
    expect(waiting(ids[1])).not.toMatchObject({ state: 'skipped' });
  });

  it('undo leaves alone an opt-out the contact changed since (their STOP or START is theirs)', async () => {
    const id = await add('+14155550101', 'Ana');
    const done = await bulk({ action: 'optOut', contactIds: [id] });
    d.advance(1000);
    await d.call('contacts:optIn', { contactId: id, reason: 'texted START' });
    d.advance(1000);
    await d.call('contacts:optOut', { contactId: id, reason: 'texted STOP' });
    expect(await undo(done.actionId)).toEqual({ restored: 0, kept: 1 });
    expect((await d.call('contacts:get', { id })).contact.optedOut).toBe(true);
  });

  it('deleted contacts come back with their tags, consent records, custom values and messages, and are found by search again', async () => {
    await d.call('contacts:createField', { label: 'Tier' });
    const id = await add('+14155550101', 'Ana', ['VIP', 'Market']);
    await d.call('contacts:update', { id, customFields: { tier: 'gold' } });
    d.app.db
      .prepare(
        "INSERT INTO inbound_messages (provider, contact_id, from_phone, body, received_at, created_at) VALUES ('sandbox', ?, '+14155550101', 'Open Saturday?', ?, ?)",
      )
      .run(id, d.iso(), d.iso());
    d.advance(1000);
    await d.call('inbox:reply', { contactId: id, body: 'See you Saturday!' });
    d.app.db.prepare("UPDATE outbox_messages SET state = 'sent', sent_at = ?").run(d.iso());
    const before = await d.call('contacts:get', { id });
    expect(before).toMatchObject({
      messageCount: 2,
      customFields: [{ key: 'tier', value: 'gold' }],
      contact: { tags: ['Market', 'VIP'] },
    });
    expect(before.consentRecords).toHaveLength(1);
    const done = await bulk({ action: 'delete', contactIds: [id] });
    expect(done).toMatchObject({ changed: 1 });
    expect((await d.fails('contacts:get', { id })).code).toBe('not_found');
    expect(await undo(done.actionId)).toEqual({ restored: 1, kept: 0 });
    const after = await d.call('contacts:get', { id });
    expect({ ...after, contact: { ...after.contact, updatedAt: '' } }).toEqual({
      ...before,
      contact: { ...before.contact, updatedAt: '' },
    });
    expect((await d.call('contacts:list', { search: 'ana' })).rows.map((r) => r.id)).toEqual([id]);
  });

  it('a text still waiting when its contact was deleted stays skipped after the undo (it may be long out of date)', async () => {
    const id = await add('+14155550101', 'Ana');
    d.app.db
      .prepare(
        "INSERT INTO inbound_messages (provider, contact_id, from_phone, body, received_at, created_at) VALUES ('sandbox', ?, '+14155550101', 'Hi', ?, ?)",
      )
      .run(id, d.iso(), d.iso());
    await d.call('inbox:reply', { contactId: id, body: 'Hello!' });
    await undo((await bulk({ action: 'delete', contactIds: [id] })).actionId);
    const detail = await d.call('contacts:get', { id });
    expect(detail.messages.find((m) => m.direction === 'out')).toMatchObject({
      state: 'skipped',
      errorMessage: 'The contact was deleted before sending',
    });
  });

  it('a deleted number added again since is kept as it is now; an action is undone only once', async () => {
    const id = await add('+14155550101', 'Ana');
    const done = await bulk({ action: 'delete', contactIds: [id] });
    const again = await add('+14155550101', 'Ana again');
    expect(await undo(done.actionId)).toEqual({ restored: 0, kept: 1 });
    expect((await d.call('contacts:get', { id: again })).contact.firstName).toBe('Ana again');
    expect(await d.fails('contacts:bulkUndo', { actionId: done.actionId })).toMatchObject({
      code: 'conflict',
      message: 'That action was already undone.',
    });
  });

  it('undoing "add tag" takes off only the tags it added, and a tag it created', async () => {
    const a = await add('+14155550101', 'Ana', ['VIP']);
    const b = await add('+14155550102', 'Bo');
    const vip = await bulk({ action: 'addTag', tag: 'vip', contactIds: [a, b] });
    expect(vip.changed).toBe(1);
    const fresh = await bulk({ action: 'addTag', tag: 'Brand new', contactIds: [a] });
    await undo(vip.actionId);
    await undo(fresh.actionId);
    expect(tagsOf(a)).toEqual(['VIP']);
    expect(tagsOf(b)).toEqual([]);
    expect(d.app.db.prepare('SELECT name FROM tags ORDER BY name').pluck().all()).toEqual(['VIP']);
    expect(await d.fails('contacts:bulk', { action: 'removeTag', tag: 'Nope', contactIds: [a] })).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('no tag named "Nope"'),
    });
  });

  it('works through a large selection in batches, letting other work run in between', async () => {
    const insert = d.app.db.prepare(
      "INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES (?, 'Guest', '2026-01-01', '2026-01-01')",
    );
    d.app.db.transaction(() => {
      for (let i = 0; i < 10_000; i++) insert.run(`+1212${String(2_000_000 + i)}`);
    })();
    const ids = d.app.db.prepare('SELECT id FROM contacts').pluck().all() as number[];
    let turns = 0;
    const other = setInterval(() => turns++, 0);
    const done = await runBulkAction(
      { db: d.app.db, now: () => new Date('2026-03-01T10:00:00Z'), batch: 1000 },
      'addTag',
      ids,
      'Guests',
    );
    clearInterval(other);
    expect(done).toMatchObject({ selected: 10_000, changed: 10_000 });
    expect(turns).toBeGreaterThanOrEqual(5);
  });
});

describe('the duplicate-contact check', () => {
  it('finds the contact who has a number, typed in any format, other than the one being edited', async () => {
    const id = await add('+14155550101', 'Ana');
    expect(await d.call('contacts:findByPhone', { phone: '(415) 555-0101' })).toEqual({
      id,
      name: 'Ana Lee',
      phone: '+14155550101',
    });
    expect(await d.call('contacts:findByPhone', { phone: '(415) 555-0101', exceptId: id })).toBeNull();
    expect(await d.call('contacts:findByPhone', { phone: '12' })).toBeNull();
  });
});
