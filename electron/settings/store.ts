import { z } from 'zod';
import { AppError } from '../../shared/errors';
import {
  isSettingKey,
  settingConflict,
  settingDefs,
  settingKeys,
  type SettingKey,
  type SettingValue,
  type Settings,
} from '../../shared/settings';
import type { SettingRow } from '../../shared/ipc/channels/app';
import type { Db } from '../db/db';
import { appendAudit, removeSetting, storedSetting, storedSettings, writeSetting } from './queries';
import { transaction } from '../db/transaction';

/**
 * Non-secret settings live in the database, so the app, the CLI and the harness that share a data folder
 * see the same values at once. Unset keys read as their defaults.
 */
export interface SettingsStore {
  get<K extends SettingKey>(key: K): SettingValue<K>;
  all(): Settings;
  rows(): SettingRow[];
  row(key: SettingKey): SettingRow;
  set<K extends SettingKey>(key: K, value: unknown, actor?: string): SettingRow;
  reset(key: SettingKey, actor?: string): SettingRow;
  /** Stored values that are no longer allowed (an older app wrote them), read as their defaults meanwhile. */
  refusedStored(): StoredSettingProblem[];
}

export interface StoredSettingProblem {
  key: SettingKey;
  stored: unknown;
  message: string;
}

const UNREADABLE = Symbol('unreadable');

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return UNREADABLE;
  }
}

export function createSettingsStore(db: Db, now: () => Date): SettingsStore {
  /** A setting as stored, checked against its own rule only: what the rules between settings look at. */
  function plain<K extends SettingKey>(key: K): SettingValue<K> {
    const json = storedSetting(db, key)?.value_json;
    const parsed = json === undefined ? null : (settingDefs[key].schema as z.ZodType).safeParse(parseJson(json));
    return (parsed?.success ? parsed.data : settingDefs[key].default) as SettingValue<K>;
  }

  /** Why a stored value cannot be used, or null. */
  function storedProblem(key: SettingKey, json: string): { stored: unknown; message: string } | null {
    const stored = parseJson(json);
    if (stored === UNREADABLE) return { stored: json, message: 'the stored value cannot be read' };
    const parsed = (settingDefs[key].schema as z.ZodType).safeParse(stored);
    if (!parsed.success) return { stored, message: parsed.error.issues[0]?.message ?? 'not allowed' };
    const conflict = settingConflict(key, parsed.data, plain);
    return conflict ? { stored, message: conflict } : null;
  }

  function read(key: SettingKey, json: string | undefined): unknown {
    const def = settingDefs[key];
    if (json === undefined) return def.default;
    // A stored value that no longer fits (an older app wrote it, or someone edited the database) falls back to the
    // default rather than breaking sending; refusedStored() tells the Monitoring page.
    if (storedProblem(key, json)) return def.default;
    return def.schema.parse(JSON.parse(json));
  }

  function get<K extends SettingKey>(key: K): SettingValue<K> {
    return read(key, storedSetting(db, key)?.value_json) as SettingValue<K>;
  }

  function row(key: SettingKey): SettingRow {
    const stored = storedSetting(db, key);
    const def = settingDefs[key];
    const options = (def.schema as { options?: unknown }).options;
    const choices = Array.isArray(options) && options.every((o) => typeof o === 'string') ? options : null;
    return {
      key,
      value: read(key, stored?.value_json),
      defaultValue: def.default,
      isDefault: stored === undefined,
      description: def.description,
      choices,
    };
  }

  return {
    get,
    all() {
      const stored = new Map(storedSettings(db).map((r) => [r.key, r.value_json]));
      return Object.fromEntries(settingKeys.map((k) => [k, read(k, stored.get(k))])) as Settings;
    },
    rows: () => settingKeys.map(row),
    row,
    set(key, value, actor = 'user') {
      if (!isSettingKey(key)) throw new AppError('invalid_input', `Unknown setting "${String(key)}".`);
      const parsed = (settingDefs[key].schema as z.ZodType).safeParse(value);
      const problem = parsed.success
        ? settingConflict(key, parsed.data, plain)
        : (parsed.error.issues[0]?.message ?? 'this value is not allowed');
      if (problem) throw new AppError('invalid_input', `${key}: ${problem}.`);
      const at = now().toISOString();
      transaction(db, () => {
        writeSetting(db, key, JSON.stringify(parsed.data), at);
        appendAudit(db, {
          at,
          actor,
          action: 'setting.set',
          subject: key,
          detailJson: JSON.stringify({ value: parsed.data }),
        });
      });
      return row(key);
    },
    refusedStored() {
      const out: StoredSettingProblem[] = [];
      for (const r of storedSettings(db)) {
        if (!isSettingKey(r.key)) continue;
        const problem = storedProblem(r.key, r.value_json);
        if (problem) out.push({ key: r.key, ...problem });
      }
      return out;
    },
    reset(key, actor = 'user') {
      const at = now().toISOString();
      transaction(db, () => {
        removeSetting(db, key);
        appendAudit(db, { at, actor, action: 'setting.reset', subject: key, detailJson: null });
      });
      return row(key);
    },
  };
}

/**
 * Turns CLI text into a typed value for a setting: numbers and booleans where the setting expects them,
 * JSON where it parses, otherwise the raw string.
 */
export function coerceSettingText(key: SettingKey, text: string): unknown {
  const def = settingDefs[key];
  const attempt = (v: unknown) => (def.schema as z.ZodType).safeParse(v).success;
  if (attempt(text)) return text;
  const n = Number(text);
  if (text.trim() !== '' && Number.isFinite(n) && attempt(n)) return n;
  if (text === 'true' || text === 'false') return text === 'true';
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
