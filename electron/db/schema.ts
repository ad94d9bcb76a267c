import type { Generated } from 'kysely';
import type { AnalyticsTables } from './schema-analytics';
import type { ContactTables } from './schema-contacts';
import type { IntegrationTables } from './schema-integrations';
import type { MessagingTables } from './schema-messaging';
export type { ConsentSource } from './schema-messaging';

/**
 * Kysely's view of the tables created by migrations/. Keep in step with every migration (a test checks it:
 * tests/integration/foundation/schema-types.test.ts). The tables are declared by area — schema-contacts.ts,
 * schema-messaging.ts, schema-analytics.ts, schema-integrations.ts — and the app's own here; a new column goes into
 * its table where that table is declared, a new table into its area's interface.
 */
export interface DB extends ContactTables, MessagingTables, AnalyticsTables, IntegrationTables {
  settings: { key: string; value_json: string; updated_at: string };
  audit_log: {
    id: Generated<number>;
    at: string;
    actor: string;
    action: string;
    subject: string | null;
    detail_json: string | null;
  };
}
