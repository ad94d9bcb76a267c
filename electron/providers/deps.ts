import type { SqliteDb } from '../db/connection';
import type { SecretStore } from '../settings/secrets';
import type { SettingsStore } from '../settings/store';
import type { ProviderEvent } from '../webhooks';

/** What the providers are built from. */
export interface ProviderDeps {
  db: SqliteDb;
  now: () => Date;
  random: () => number;
  settings: SettingsStore;
  secrets: SecretStore;
  emit: (e: ProviderEvent) => void;
  /** How long one provider request may take before a send counts as "maybe sent" (unknown). */
  timeoutMs?: number;
}
