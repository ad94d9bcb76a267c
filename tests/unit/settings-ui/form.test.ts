import { describe, expect, it } from 'vitest';
import type { SettingRow } from '../../../shared/ipc/channels/app';
import { settingDefs, settingKeys, type SettingKey } from '../../../shared/settings';
import { GROUPS, fieldInfo, labelFromName } from '../../../renderer/src/components/settings/fields';
import { controlKind, draftOf, refusalInWords, valueOf } from '../../../renderer/src/components/settings/form-values';

function row(key: SettingKey, value: unknown = settingDefs[key].default): SettingRow {
  const options = (settingDefs[key].schema as { options?: unknown }).options;
  return {
    key,
    value,
    defaultValue: settingDefs[key].default,
    isDefault: true,
    description: settingDefs[key].description,
    choices: Array.isArray(options) ? (options as string[]) : null,
  };
}

describe('the Settings form', () => {
  it('gives every known setting a label in words and a group that exists', () => {
    const groups = new Set(GROUPS.map((g) => g.id));
    for (const key of settingKeys) {
      const info = fieldInfo(key, settingDefs[key].description);
      expect(info.label).not.toContain('.');
      expect(groups.has(info.group)).toBe(true);
      expect(info.help).toBeTruthy();
    }
  });

  it('shows a setting it has no words for: label from its name, its description as help, grouped by prefix or under Other', () => {
    expect(fieldInfo('quietHours.saturdayStart', 'When Saturday sends begin.')).toEqual({
      label: 'Saturday start',
      help: 'When Saturday sends begin.',
      group: 'sending',
    });
    expect(fieldInfo('relay.maxConnections', 'Most open connections.')).toMatchObject({
      label: 'Max connections',
      group: 'other',
    });
    expect(fieldInfo('constructor', 'x')).toMatchObject({ label: 'Constructor', group: 'other' });
    expect(fieldInfo('__proto__.toString', 'x').group).toBe('other');
    expect(labelFromName('sandbox.deliveryDelayMs')).toBe('Delivery delay ms');
  });

  it('picks switches for booleans, lists for choices, numbers, the time-zone search and long texts', () => {
    const kind = (key: SettingKey) => controlKind(row(key), fieldInfo(key, ''));
    expect(kind('links.trackByDefault')).toBe('switch');
    expect(kind('provider')).toBe('select');
    expect(kind('schedule.graceMinutes')).toBe('number');
    expect(kind('business.timezone')).toBe('timezone');
    expect(kind('compliance.helpReply')).toBe('longText');
    expect(kind('business.name')).toBe('text');
    expect(draftOf(row('links.trackByDefault'), 'switch')).toBe(false);
    expect(draftOf(row('schedule.graceMinutes'), 'number')).toBe('60');
  });

  it('explains a mistake in words before anything is sent', () => {
    expect(valueOf(row('schedule.graceMinutes'), 'number', 'abc')).toEqual({ ok: false, message: 'Enter a number.' });
    expect(valueOf(row('schedule.graceMinutes'), 'number', '  ')).toEqual({ ok: false, message: 'Enter a number.' });
    expect(valueOf(row('schedule.graceMinutes'), 'number', '1,440')).toEqual({ ok: true, value: 1440 });
    expect(valueOf(row('business.timezone'), 'timezone', 'Mars/Olympus')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Choose a time zone'),
    });
    expect(valueOf(row('business.timezone'), 'timezone', 'Europe/Paris')).toEqual({ ok: true, value: 'Europe/Paris' });
    const refused = valueOf(row('sandbox.failureRate'), 'number', '3');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toMatch(/^[A-Z].*\.$/);
    expect(valueOf(row('links.trackByDefault'), 'switch', true)).toEqual({ ok: true, value: true });
  });

  it("drops the core's wrapping from a refusal", () => {
    expect(refusalInWords('Setting quo.baseUrl: must use https (got "http://x").', 'quo.baseUrl')).toBe(
      'Must use https.',
    );
    expect(refusalInWords('The relay could not be reached', 'webhooks.port')).toBe('The relay could not be reached.');
  });
});
