import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDesk, type Desk } from './desk';

let d: Desk;
beforeEach(async () => {
  d = await startDesk();
});
afterEach(async () => d.close());

const upload = (text: string) =>
  d.call('contacts:importUpload', { name: 'proto.csv', dataBase64: Buffer.from(text).toString('base64') });

describe('prototype names as user text', () => {
  it('imports columns and tags named constructor, toString and __proto__, with the user mapping one of them', async () => {
    const csv =
      'Phone,constructor,toString,__proto__,hasOwnProperty,Tags\n2125550100,a,b,c,d,"constructor, __proto__, toString"\n';
    const up = await upload(csv);
    // The app sends the mapping the owner confirmed; JSON keeps "__proto__" as an ordinary key.
    const mapping = JSON.parse(
      '{"Phone": "phone", "__proto__": "custom:proto_notes", "constructor": "first_name"}',
    ) as Record<string, string>;
    const { importId } = await d.call('contacts:importRun', {
      fileId: up.fileId,
      options: { defaultCountry: 'US', mapping },
    });
    const job = await d.app.contacts.imports.settled(importId);
    expect(job).toMatchObject({ state: 'done', error: null, report: { counts: { imported: 1 } } });
    const values = d.app.db
      .prepare(
        'SELECT f.key, v.value FROM contact_field_values v JOIN custom_fields f ON f.id = v.field_id ORDER BY f.key',
      )
      .all();
    expect(values).toEqual([
      { key: 'hasownproperty', value: 'd' },
      { key: 'proto_notes', value: 'c' },
      { key: 'tostring', value: 'b' },
    ]);
    expect(d.app.db.prepare('SELECT first_name FROM contacts').pluck().get()).toBe('a');
    expect(d.app.db.prepare('SELECT name FROM tags ORDER BY name').pluck().all()).toEqual([
      '__proto__',
      'constructor',
      'toString',
    ]);
    const history = d.app.db.prepare('SELECT mapping_json FROM imports WHERE id = ?').pluck().get(importId) as string;
    expect(JSON.parse(history)).toMatchObject({
      __proto__: 'custom:proto_notes',
      constructor: 'first_name',
      toString: 'custom:tostring',
    });
    expect(Object.keys(JSON.parse(history) as object)).toContain('__proto__');
  });

  it('keeps the value of a custom field whose key is __proto__ on a contact added by hand', async () => {
    await d.call('contacts:createField', { label: 'Proto', key: '__proto__' });
    const created = await d.call('contacts:create', {
      phone: '2125550101',
      customFields: JSON.parse('{"__proto__": "kept"}') as Record<string, string>,
    });
    expect(created.customFields).toMatchObject([{ key: '__proto__', value: 'kept' }]);
  });

  it('an import that fails in the worker says so: state failed with the reason', async () => {
    const up = await upload('Name,Notes\nAna,hello\n');
    const { importId } = await d.call('contacts:importRun', {
      fileId: up.fileId,
      options: { defaultCountry: 'US', mapping: { Notes: 'custom:notes' } },
    });
    await d.app.contacts.imports.settled(importId);
    const status = await d.call('contacts:importStatus', { importId });
    expect(status).toMatchObject({
      state: 'failed',
      error: { code: 'invalid_input', message: expect.stringContaining('No column with phone numbers') },
    });
  });
});

describe('names with control and bidi-override characters', () => {
  it('are cleaned on import and when a contact is added or edited by hand', async () => {
    const up = await upload('First Name,Last Name,Phone\n"\u202Eanna\u202C","Smith\u0007\u001b[2J",2125550100\n');
    const { importId } = await d.call('contacts:importRun', { fileId: up.fileId, options: { defaultCountry: 'US' } });
    expect(await d.app.contacts.imports.settled(importId)).toMatchObject({ state: 'done' });
    expect(d.app.db.prepare('SELECT first_name, last_name FROM contacts').get()).toEqual({
      first_name: 'anna',
      last_name: 'Smith[2J',
    });

    const added = await d.call('contacts:create', {
      phone: '2125550102',
      firstName: 'Bo\u2066b\u2069',
      lastName: 'Line\nBreak',
    });
    expect(added.contact).toMatchObject({ firstName: 'Bob', lastName: 'Line Break' });
    const edited = await d.call('contacts:update', { id: added.contact.id, firstName: '\u202Dtxt.exe' });
    expect(edited.contact).toMatchObject({ firstName: 'txt.exe' });
  });
});
