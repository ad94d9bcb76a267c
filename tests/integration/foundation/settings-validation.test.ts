import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DeskApp } from '../../../electron/app';
import { coerceSettingText } from '../../../electron/settings/store';
import { settingDefs, settingKeys, type SettingKey } from '../../../shared/settings';
import { useTempApp } from '../../helpers/app';

let app: DeskApp;
useTempApp((a) => (app = a));

/** The message a refused value gets through the IPC channel the Settings page uses. */
async function refusal(key: string, value: unknown): Promise<string> {
  const r = await app.dispatchUntyped('settings:set', { key, value });
  if (r.ok) throw new Error(`${key} = ${JSON.stringify(value)} was accepted`);
  expect(r.error.code).toBe('invalid_input');
  return r.error.message;
}
const accepted = async (key: string, value: unknown) => {
  const r = await app.dispatchUntyped('settings:set', { key, value });
  if (!r.ok) throw new Error(`${key} = ${JSON.stringify(value)} was refused: ${r.error.message}`);
};

describe('settings that would break sending later are refused when set', () => {
  it('a time zone must be an IANA zone', async () => {
    expect(await refusal('business.timezone', 'Mars/Olympus')).toBe(
      'business.timezone: Mars/Olympus is not a time zone; use a name like America/New_York.',
    );
    await accepted('business.timezone', 'Europe/Paris');
    expect(app.settings.get('business.timezone')).toBe('Europe/Paris');
  });

  it('the public URL must be https (it ends up inside texts as tracked links), or empty; http only on this machine, for tests', async () => {
    for (const bad of [
      'javascript:alert(1)',
      'http://abc.trycloudflare.com',
      'abc.trycloudflare.com',
      'data:text/html,hi',
    ]) {
      expect(await refusal('webhooks.publicUrl', bad)).toBe(
        'webhooks.publicUrl: must be an https:// address such as https://abc.trycloudflare.com (plain http:// only for 127.0.0.1 or localhost, when testing), or empty.',
      );
    }
    await accepted('webhooks.publicUrl', 'https://abc.trycloudflare.com');
    await accepted('webhooks.publicUrl', 'http://127.0.0.1:8787');
    await accepted('webhooks.publicUrl', '');
  });

  it('provider base URLs must be https, except on this machine for tests', async () => {
    for (const key of settingKeys.filter((k) => k.endsWith('.baseUrl'))) {
      expect(await refusal(key, 'http://api.example.com')).toBe(
        `${key}: must start with https:// (plain http:// only for 127.0.0.1 or localhost, when testing).`,
      );
      expect(await refusal(key, 'ftp://api.example.com')).toContain('must start with https://');
      expect(await refusal(key, 'not a url')).toBe(
        `${key}: enter a full web address starting with https://, e.g. https://api.example.com.`,
      );
      await accepted(key, 'https://api.example.com');
      await accepted(key, 'http://127.0.0.1:4010');
      await accepted(key, 'http://localhost:4010/v1');
    }
    expect(await refusal('quo.baseUrl', 'http://127.0.0.1.evil.com')).toContain('must start with https://');
  });

  it('the relay listens on every interface only after an explicit confirmation', async () => {
    expect(await refusal('webhooks.host', '0.0.0.0')).toBe(
      'webhooks.host: 0.0.0.0 makes the relay reachable from every network this computer is on; turn on webhooks.allowAllInterfaces first if that is what you want.',
    );
    expect(await refusal('webhooks.host', '::')).toContain('turn on webhooks.allowAllInterfaces first');
    await accepted('webhooks.allowAllInterfaces', true);
    await accepted('webhooks.host', '0.0.0.0');
    expect(await refusal('webhooks.allowAllInterfaces', false)).toBe(
      'webhooks.allowAllInterfaces: the relay listens on 0.0.0.0; set webhooks.host back to 127.0.0.1 first.',
    );
    await accepted('webhooks.host', '127.0.0.1');
    await accepted('webhooks.allowAllInterfaces', false);
  });

  it('an old database holding 0.0.0.0 without the confirmation is read as 127.0.0.1', () => {
    app.db
      .prepare(
        `INSERT INTO settings (key, value_json, updated_at) VALUES ('webhooks.host', '"0.0.0.0"', '2026-01-01T00:00:00Z')`,
      )
      .run();
    expect(app.settings.get('webhooks.host')).toBe('127.0.0.1');
    expect(app.settings.refusedStored()).toEqual([
      {
        key: 'webhooks.host',
        stored: '0.0.0.0',
        message: expect.stringContaining('turn on webhooks.allowAllInterfaces first'),
      },
    ]);
  });

  it('"abc" in a number field says "enter a number", from the Settings page (sent as null) and from the command line', async () => {
    expect(await refusal('webhooks.port', null)).toBe('webhooks.port: enter a number.');
    expect(await refusal('sandbox.failureRate', 'abc')).toBe('sandbox.failureRate: enter a number.');
    expect(() => app.settings.set('schedule.graceMinutes', coerceSettingText('schedule.graceMinutes', 'abc'))).toThrow(
      'schedule.graceMinutes: enter a number.',
    );
    expect(await refusal('webhooks.port', 1.5)).toBe('webhooks.port: enter a whole number.');
    expect(await refusal('webhooks.port', 70000)).toBe('webhooks.port: enter at most 65,535.');
  });

  it("every refusal of every setting is a plain sentence, never zod's wording", () => {
    const values = fc.oneof(
      fc.constant(null),
      fc.constant('abc'),
      fc.string(),
      fc.double(),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.boolean(),
      fc.constant({}),
      fc.constant([]),
    );
    fc.assert(
      fc.property(fc.constantFrom(...settingKeys), values, (key: SettingKey, value) => {
        const r = (
          settingDefs[key].schema as {
            safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } };
          }
        ).safeParse(value);
        if (r.success) return;
        const message = r.error!.issues[0].message;
        expect(message).not.toMatch(/expected|received|Invalid|Too (small|big)|Required/);
        expect(message.length).toBeGreaterThan(5);
      }),
      { numRuns: 2000 },
    );
  });
});
