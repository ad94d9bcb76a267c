import { describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { channelNames, contract } from '../../../shared/ipc/contract';
import { useTempApp } from '../../helpers/app';

let app: DeskApp;
useTempApp((a) => (app = a));

const settingsRows = () => app.db.prepare('SELECT COUNT(*) AS n FROM settings').get() as { n: number };

describe('IPC dispatch', () => {
  it('answers every channel in the contract with a handler', () => {
    for (const name of channelNames) expect(typeof app.handlers[name], name).toBe('function');
    expect(Object.keys(app.handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('rejects a wrong type with invalid_input naming the field, and writes nothing', async () => {
    const r = await app.dispatch('settings:set', { key: 'sandbox.failureRate', value: 'lots' });
    expect(r).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('sandbox.failureRate') },
    });
    expect(settingsRows().n).toBe(0);
    const r2 = await app.dispatch('contacts:list', { limit: 5000 });
    expect(r2.ok).toBe(false);
    if (!r2.ok) {
      expect(r2.error.code).toBe('invalid_input');
      expect(r2.error.message).toMatch(/limit: /);
    }
  });

  it('rejects unknown fields, unknown setting keys, missing fields and non-object input', async () => {
    const extra = await app.dispatchUntyped('settings:get', { key: 'provider', evil: true });
    expect(extra).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('"evil"') },
    });
    const badKey = await app.dispatchUntyped('settings:set', { key: 'nope.nothing', value: 1 });
    expect(badKey).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('key') },
    });
    const missing = await app.dispatchUntyped('secrets:set', { name: 'quo.apiKey' });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('value: required') },
    });
    const notObject = await app.dispatchUntyped('settings:get', 'provider');
    expect(notObject).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(settingsRows().n).toBe(0);
    expect(app.secrets.names()).toEqual([]);
  });

  it('rejects unknown channels and never leaks a stack trace', async () => {
    expect(await app.dispatchUntyped('fs:readFile', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: { code: 'unknown_channel', message: 'Unknown channel "fs:readFile".' },
    });
    expect(await app.dispatchUntyped(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    app.db.exec('DROP TABLE templates');
    const broken = await app.dispatch('templates:list', {});
    expect(broken).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!broken.ok) expect(broken.error.message).not.toMatch(/\n\s+at /);
  });

  it('applies valid input, defaults included, and records settings changes in the audit log', async () => {
    const r = await app.dispatch('settings:set', { key: 'business.name', value: 'Bloom Florist' });
    expect(r).toMatchObject({ ok: true, value: { key: 'business.name', value: 'Bloom Florist', isDefault: false } });
    expect(app.settings.get('business.name')).toBe('Bloom Florist');
    const list = await app.dispatch('contacts:list', {});
    expect(list).toEqual({
      ok: true,
      value: { rows: [], total: 0, totalIsExact: true, nextAfterId: null, nextCursor: null },
    });
    const audit = app.db.prepare(`SELECT action, subject FROM audit_log WHERE action = 'setting.set'`).all();
    expect(audit).toEqual([{ action: 'setting.set', subject: 'business.name' }]);
  });
});
