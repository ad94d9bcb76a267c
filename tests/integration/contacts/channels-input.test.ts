import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactChannels } from '../../../shared/ipc/channels/contacts';
import { snapshot } from './import-helpers';
import { startDesk, type Desk } from './desk';

let d: Desk;
beforeEach(async () => {
  d = await startDesk();
});
afterEach(async () => d.close());

/** For every contacts channel: an input that is wrong in one field, and the field the error must name. */
const BAD: Record<keyof typeof contactChannels, [unknown, string]> = {
  'contacts:list': [{ limit: 5000 }, 'limit'],
  'contacts:get': [{ id: -1 }, 'id'],
  'contacts:create': [{ phone: '+14155550100', email: 'x@' }, 'email'],
  'contacts:update': [{ id: 1, tags: 'VIP' }, 'tags'],
  'contacts:delete': [{ ids: [1.5] }, 'ids.0'],
  'contacts:optOut': [{ contactId: 1, reason: 42 }, 'reason'],
  'contacts:optIn': [{ phone: '' }, 'phone'],
  'contacts:recordConsent': [{ contactIds: [1], how: ' ' }, 'how'],
  'contacts:setTags': [{ contactIds: [1], tags: ['x'.repeat(101)] }, 'tags.0'],
  'contacts:bulk': [{ action: 'addTag', contactIds: [1] }, 'tag'],
  'contacts:bulkUndo': [{ actionId: 0 }, 'actionId'],
  'contacts:findByPhone': [{ phone: '' }, 'phone'],
  'contacts:fields': [{ all: true }, '"all"'],
  'contacts:createField': [{ label: 'Tier', key: 'tier!' }, 'key'],
  'contacts:export': [{ filter: { optedOut: 'yes' } }, 'filter.optedOut'],
  'contacts:verify': [{ contactIds: [] }, 'contactIds'],
  'contacts:verifyPlan': [{ importId: '' }, 'importId'],
  'segments:list': [{ name: 'x' }, '"name"'],
  'segments:create': [{ name: 'VIPs', filter: { tagMode: 'most' } }, 'filter.tagMode'],
  'segments:update': [{ id: 1, name: ' ' }, 'name'],
  'segments:delete': [{ id: '1' }, 'id'],
  'segments:count': [{ id: 1, filter: {} }, 'id'],
  'contacts:importUpload': [{ name: 'a.csv' }, 'dataBase64'],
  'contacts:importPreview': [
    { fileId: 'upl_abcdefgh', options: { defaultCountry: 'US', onDuplicate: 'merge' } },
    'options.onDuplicate',
  ],
  'contacts:importRun': [{ fileId: 'upl_abcdefgh', options: { defaultCountry: 'US' }, dryRun: 'yes' }, 'dryRun'],
  'contacts:importCancel': [{}, 'importId'],
  'contacts:importStatus': [{ importId: '' }, 'importId'],
  'imports:list': [{ limit: 0 }, 'limit'],
  'imports:undo': [{ importId: 7 }, 'importId'],
  'imports:rejectsCsv': [{ id: 'imp_x' }, 'importId'],
};

describe('contacts channels', () => {
  it('every one refuses bad input with invalid_input naming the field, and writes nothing', async () => {
    await d.call('contacts:create', { phone: '+14155550100', tags: ['VIP'] });
    await d.call('segments:create', { name: 'VIPs', filter: { tags: ['VIP'] } });
    const before = snapshot(d.app.db);
    for (const [channel, [input, field]] of Object.entries(BAD) as [keyof typeof BAD, [unknown, string]][]) {
      const e = await d.fails(channel, input);
      expect(e.code, channel).toBe('invalid_input');
      expect(e.message, channel).toContain(field);
      expect(e.message, channel).toMatch(new RegExp(`^Invalid input for ${channel}: `));
    }
    expect(snapshot(d.app.db)).toEqual(before);
  });

  it('contacts:list keeps its old input working (search, tag, limit, offset) and adds keyset paging', async () => {
    for (const phone of ['+14155550100', '+14155550101', '+14155550102'])
      await d.call('contacts:create', { phone, firstName: 'Ana', tags: ['VIP'] });
    const old = await d.call('contacts:list', { search: 'ana', tag: 'VIP', limit: 2, offset: 1 });
    expect([old.rows.map((r) => r.id), old.total]).toEqual([[2, 1], 3]);
    expect(await d.call('contacts:list', { limit: 2 })).toMatchObject({ total: 3, totalIsExact: true, nextAfterId: 2 });
    expect((await d.call('contacts:list', { limit: 2, afterId: 2 })).rows.map((r) => r.id)).toEqual([1]);
  });
});
