import { beforeEach, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/db';
import { allRows, qb } from '../../../electron/db/sync-query';
import { writeSetting } from '../../../electron/settings/queries';
import { createSettingsStore, type SettingsStore } from '../../../electron/settings/store';
import { describeBothBackends } from '../../helpers/both-backends';

/** The settings store (values in the database, every change audited) on SQLite and on PostgreSQL. */

const AT = new Date('2026-12-07T10:00:00.000Z');

describeBothBackends('the settings store', (get) => {
  let db: Db;
  let settings: SettingsStore;
  beforeEach(() => {
    db = get().db;
    settings = createSettingsStore(db, () => AT);
  });
  const audit = () =>
    allRows(db, qb.selectFrom('audit_log').select(['actor', 'action', 'subject', 'detail_json']).orderBy('id'));

  it('reads defaults, keeps what is set, and audits each change with who made it', () => {
    expect(settings.get('business.name')).toBe('');
    expect(settings.row('business.name')).toMatchObject({ isDefault: true });
    settings.set('business.name', 'Corner Bakery', 'owner');
    settings.set('business.name', 'Corner Bakery & Café');
    expect(settings.get('business.name')).toBe('Corner Bakery & Café');
    expect(settings.all()['business.name']).toBe('Corner Bakery & Café');
    expect(settings.row('business.name')).toMatchObject({ value: 'Corner Bakery & Café', isDefault: false });
    settings.reset('business.name');
    expect(settings.get('business.name')).toBe('');
    expect(audit()).toEqual([
      {
        actor: 'owner',
        action: 'setting.set',
        subject: 'business.name',
        detail_json: JSON.stringify({ value: 'Corner Bakery' }),
      },
      {
        actor: 'user',
        action: 'setting.set',
        subject: 'business.name',
        detail_json: JSON.stringify({ value: 'Corner Bakery & Café' }),
      },
      { actor: 'user', action: 'setting.reset', subject: 'business.name', detail_json: null },
    ]);
  });

  it('refuses a value that breaks its rule, writing nothing', () => {
    expect(() => settings.set('sandbox.failureRate', 7)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(settings.get('sandbox.failureRate')).toBe(0.02);
    expect(audit()).toEqual([]);
  });

  it('reads a stored value that no longer fits as its default, and reports it', () => {
    writeSetting(db, 'sandbox.failureRate', '"often"', AT.toISOString());
    expect(settings.get('sandbox.failureRate')).toBe(0.02);
    expect(settings.refusedStored()).toEqual([
      { key: 'sandbox.failureRate', stored: 'often', message: expect.any(String) },
    ]);
  });
});
