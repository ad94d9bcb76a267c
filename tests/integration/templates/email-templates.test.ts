import { describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { invokeOk, useTempApp } from '../../helpers/app';

let app: DeskApp;
const NOW = new Date('2026-12-07T12:00:00.000Z');
useTempApp(
  (a) => (app = a),
  () => ({ now: () => NOW }),
);

describe('templates IPC: e-mail templates', () => {
  it('creates, edits, lists by channel and duplicates an e-mail template with its subject', async () => {
    const sms = await invokeOk(app, 'templates:create', { name: 'Text', body: 'Hi {{first_name|there}}' });
    expect(sms).toMatchObject({ channel: 'sms', subject: null });
    const email = await invokeOk(app, 'templates:create', {
      name: 'Spring newsletter',
      channel: 'email',
      subject: '  Spring at\n{{business_name}} ',
      body: '# Spring\n\nHello {{first_name|friend}}!',
    });
    expect(email).toMatchObject({ channel: 'email', subject: 'Spring at {{business_name}}' });
    expect(app.db.prepare('SELECT channel, subject FROM templates WHERE id = ?').get(email.id)).toEqual({
      channel: 'email',
      subject: 'Spring at {{business_name}}',
    });

    const edited = await invokeOk(app, 'templates:update', { id: email.id, subject: 'Our spring sale' });
    expect(edited).toMatchObject({ channel: 'email', subject: 'Our spring sale', body: email.body });

    const emails = await invokeOk(app, 'templates:list', { channel: 'email' });
    expect(emails.map((t) => t.name)).toEqual(['Spring newsletter']);
    expect((await invokeOk(app, 'templates:list', {})).map((t) => t.channel).sort()).toEqual(['email', 'sms']);

    const copy = await invokeOk(app, 'templates:duplicate', { id: email.id });
    expect(copy).toMatchObject({ name: 'Spring newsletter (copy)', channel: 'email', subject: 'Our spring sale' });
  });

  it('refuses a subject on a text template and leaves it unchanged', async () => {
    const sms = await invokeOk(app, 'templates:create', { name: 'Text', body: 'Hi' });
    const result = await app.dispatch('templates:update', { id: sms.id, subject: 'Hello' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/Only e-mail templates have a subject/) },
    });
    expect(await invokeOk(app, 'templates:get', { id: sms.id })).toMatchObject({ subject: null, body: 'Hi' });
  });
});
