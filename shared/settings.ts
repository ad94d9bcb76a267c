import type { z } from 'zod';
import { featureSettings } from './settings-features';
import { sendingSettings } from './settings-sending';

/**
 * Every non-secret setting the app knows, with its type, default and a sentence for the README and the
 * Settings page. Names are dotted (`area.name`). The definitions live by area — sending texts in
 * `settings-sending.ts`, the features around it in `settings-features.ts` (a new feature appends its settings at the
 * end there) — built from the plain-sentence schemas of `settings-fields.ts`; secrets are named in `secret-names.ts`.
 */
export const settingDefs = { ...sendingSettings, ...featureSettings } as const;

export type SettingKey = keyof typeof settingDefs;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingDefs)[K]['schema']>;
export type Settings = { [K in SettingKey]: SettingValue<K> };
export const settingKeys = Object.keys(settingDefs) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(settingDefs, key);
}

/** webhooks.host values that listen on every network interface. */
export function isAllInterfaces(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]' || host === '0:0:0:0:0:0:0:0';
}

/**
 * Rules between settings, checked when one is set (and on the value read, so an old database cannot get round
 * them): the message for a value that the other settings forbid, or null.
 */
export function settingConflict(
  key: SettingKey,
  value: unknown,
  current: <K extends SettingKey>(k: K) => SettingValue<K>,
): string | null {
  if (
    key === 'webhooks.host' &&
    typeof value === 'string' &&
    isAllInterfaces(value) &&
    current('webhooks.allowAllInterfaces') !== true
  ) {
    return `${value} makes the relay reachable from every network this computer is on; turn on webhooks.allowAllInterfaces first if that is what you want`;
  }
  if (key === 'webhooks.allowAllInterfaces' && value === false && isAllInterfaces(current('webhooks.host'))) {
    return `the relay listens on ${current('webhooks.host')}; set webhooks.host back to 127.0.0.1 first`;
  }
  return null;
}

export { secretDefs, secretNames, isSecretName, type SecretName } from './secret-names';
