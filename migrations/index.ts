import type { Migration } from './types';
import { m0001 } from './0001_init';
import { m0002 } from './0002_campaign_sending';

/** Statically indexed (bundling breaks file-system discovery). Append only; never edit a shipped migration. */
export const migrations: readonly Migration[] = [m0001, m0002];
export const latestSchemaVersion = migrations[migrations.length - 1].version;
export type { Migration };
