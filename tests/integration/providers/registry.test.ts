import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createApp, type DeskApp } from '../../../electron/app';
import { startFakeQuo, type FakeQuo } from '../../fakes/quo';
import { startFakeTwilio, type FakeTwilio } from '../../fakes/twilio';
import { tempDir } from '../../helpers/db';

let app: DeskApp;
let quo: FakeQuo;
let twilio: FakeTwilio;
let cleanup: () => void;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  app = await createApp({ dbPath: join(t.dir, 'desk.sqlite'), log: () => undefined });
  quo = await startFakeQuo();
  twilio = await startFakeTwilio();
});
afterEach(async () => {
  await quo.close();
  await twilio.close();
  await app.close();
  cleanup();
});

describe('provider registry', () => {
  it('builds the Sandbox by default', () => {
    expect(app.provider().id).toBe('sandbox');
  });

  it('refuses Quo without its API key, naming the secret to set', () => {
    app.settings.set('provider', 'quo');
    expect(() => app.provider()).toThrow(/quo\.apiKey/);
  });

  it('sends through Quo with the configured base URL and key, taking changes at once', async () => {
    app.settings.set('provider', 'quo');
    app.settings.set('quo.baseUrl', quo.url);
    app.secrets.set('quo.apiKey', 'wrong-key');
    const denied = await app.provider().send({ to: '+14155550100', from: '+15550100000', body: 'Hi' });
    expect(denied).toMatchObject({ ok: false, kind: 'permanent', httpStatus: 401 });
    app.secrets.set('quo.apiKey', 'test-quo-key');
    const sent = await app.provider().send({ to: '+14155550100', from: '+15550100000', body: 'Hi' });
    expect(sent).toMatchObject({ ok: true, providerMessageId: expect.stringMatching(/^AC/) });
    expect(quo.sent).toHaveLength(1);
  });

  it('sends through Twilio with the account SID setting and the auth token secret', async () => {
    app.settings.set('twilio.baseUrl', twilio.url);
    app.settings.set('twilio.accountSid', 'AC00000000000000000000000000000001');
    app.secrets.set('twilio.authToken', 'test-twilio-token');
    const sent = await app.provider('twilio').send({ to: '+14155550100', from: '+15550100000', body: 'Hi' });
    expect(sent).toMatchObject({ ok: true, providerMessageId: expect.stringMatching(/^SM/) });
    expect(twilio.sent).toHaveLength(1);
  });
});
