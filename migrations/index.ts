import type { Migration } from './types';
import { m0001 } from './0001_init';
import { m0002 } from './0002_campaign_sending';
import { m0003 } from './0003_reconciliation_health';
import { m0004 } from './0004_service_message_deadline';
import { m0005 } from './0005_abtests';
import { m0006 } from './0006_contact_search';
import { m0007 } from './0007_contact_import_id';
import { m0008 } from './0008_outbox_state_counts';
import { m0009 } from './0009_contact_starts';
import { m0010 } from './0010_analytics';
import { m0011 } from './0011_safe_launch';
import { m0012 } from './0012_campaign_series';
import { m0013 } from './0013_report_runs';
import { m0014 } from './0014_engagement';
import { m0015 } from './0015_predictions';
import { m0016 } from './0016_quickbooks';
import { m0017 } from './0017_reply_triage';
import { m0018 } from './0018_contact_bulk_actions';
import { m0019 } from './0019_inbox_search';
import { m0020 } from './0020_channels';
import { m0024 } from './0024_call_outcomes';
import { m0025 } from './0025_conversion_source_daily';
import { m0028 } from './0028_domain_checks';
import { m0032 } from './0032_campaign_daily_channel';

/** Statically indexed (bundling breaks file-system discovery). Append only; never edit a shipped migration. */
export const migrations: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
  m0024,
  m0025,
  m0028,
  m0032,
];
export const latestSchemaVersion = migrations[migrations.length - 1].version;
export type { Migration };
