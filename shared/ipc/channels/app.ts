import { z } from 'zod';
import { channel } from '../define';
import { settingKeys, secretNames, type SettingKey, type SecretName } from '../../settings';

export interface AppInfo {
  version: string;
  dataDir: string;
  databasePath: string;
  schemaVersion: number;
  latestSchemaVersion: number;
  provider: 'sandbox' | 'quo' | 'twilio';
  secretStorage: SecretStorageInfo;
}

export interface SecretStorageInfo {
  backend: 'safeStorage' | 'file';
  /** Plain words for Settings and `doctor`, e.g. why the keychain is not used. */
  note: string;
  location: string;
}

export interface DatabaseHealth {
  ok: boolean;
  integrity: string;
  schemaVersion: number;
  sizeBytes: number;
  walBytes: number;
}

export interface SettingRow {
  key: SettingKey;
  value: unknown;
  defaultValue: unknown;
  isDefault: boolean;
  description: string;
  /** The allowed values when the setting is a choice (provider, theme…). */
  choices: string[] | null;
}

export interface SecretRow {
  name: SecretName;
  description: string;
  isSet: boolean;
  backend: 'safeStorage' | 'file' | null;
}

const settingKey = z.enum(settingKeys as [SettingKey, ...SettingKey[]]);
const secretName = z.enum(secretNames as [SecretName, ...SecretName[]]);
const empty = z.object({}).strict();

export const appChannels = {
  'app:info': channel<AppInfo>()(empty),
  'app:dbHealth': channel<DatabaseHealth>()(z.object({ full: z.boolean().default(false) }).strict()),
  'settings:list': channel<SettingRow[]>()(empty),
  'settings:get': channel<SettingRow>()(z.object({ key: settingKey }).strict()),
  'settings:set': channel<SettingRow>()(z.object({ key: settingKey, value: z.unknown() }).strict()),
  'settings:reset': channel<SettingRow>()(z.object({ key: settingKey }).strict()),
  'secrets:list': channel<SecretRow[]>()(empty),
  'secrets:set': channel<SecretRow>()(
    z.object({ name: secretName, value: z.string().min(1, 'a secret cannot be empty').max(4096) }).strict(),
  ),
  'secrets:delete': channel<SecretRow>()(z.object({ name: secretName }).strict()),
};
