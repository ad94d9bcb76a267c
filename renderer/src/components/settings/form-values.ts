import type { z } from 'zod';
import type { SettingRow } from '../../../../shared/ipc/channels/app';
import { isSettingKey, settingDefs } from '../../../../shared/settings';
import type { FieldInfo } from './fields';

export type ControlKind = 'switch' | 'select' | 'number' | 'timezone' | 'longText' | 'text';

/** A field's value while it is edited: text for boxes and lists, true/false for switches. */
export type Draft = string | boolean;

export function controlKind(row: SettingRow, info: FieldInfo): ControlKind {
  if (info.kind) return info.kind;
  if (row.choices) return 'select';
  if (typeof row.defaultValue === 'boolean') return 'switch';
  if (typeof row.defaultValue === 'number') return 'number';
  return 'text';
}

export function draftOf(row: SettingRow, kind: ControlKind): Draft {
  if (kind === 'switch') return row.value === true;
  if (typeof row.value === 'string') return row.value;
  if (typeof row.value === 'number') return String(row.value);
  return JSON.stringify(row.value) ?? '';
}

export function isValidTimeZone(name: string): boolean {
  if (!name.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The typed value to send for a draft, or a sentence saying what to fix. The setting's own rule (shared with the
 * core) is checked here too, so the owner hears about a mistake before anything is sent.
 */
export function valueOf(
  row: SettingRow,
  kind: ControlKind,
  draft: Draft,
): { ok: true; value: unknown } | { ok: false; message: string } {
  let value: unknown = draft;
  if (kind === 'switch') value = draft === true;
  else if (kind === 'number') {
    const text = String(draft).trim().replace(/,/g, '');
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) return { ok: false, message: 'Enter a number.' };
    value = n;
  } else if (kind === 'timezone' && !isValidTimeZone(String(draft))) {
    return { ok: false, message: 'Choose a time zone from the list, such as America/New_York.' };
  }
  if (!isSettingKey(row.key)) return { ok: true, value };
  const parsed = (settingDefs[row.key].schema as z.ZodType).safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const message = parsed.error.issues[0]?.message ?? 'This value is not allowed.';
  return { ok: false, message: sentence(message) };
}

/** "must be between 0 and 1" → "Must be between 0 and 1." */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?)]$/.test(capital) ? capital : `${capital}.`;
}

/** The core's refusal without its "Setting key: … (got …)" wrapping, which names the key the owner never sees. */
export function refusalInWords(message: string, key: string): string {
  const inner = message.startsWith(`Setting ${key}: `) ? message.slice(`Setting ${key}: `.length) : message;
  return sentence(inner.replace(/\s*\(got .*\)\.?$/s, ''));
}
