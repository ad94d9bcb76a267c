import type { Db } from '../db/db';
import { preparedQuery } from '../db/prepared-query';
import { allRows, qb, runQuery } from '../db/sync-query';

/** Settings as stored (JSON text per key) and the audit log every change writes to. */

// Built once: a setting is read on every IPC call that needs one and on every send tick.
const settingByKey = preparedQuery((v: { key: string }) =>
  qb.selectFrom('settings').select('value_json').where('key', '=', v.key),
);

export function storedSetting(db: Db, key: string): { value_json: string } | undefined {
  return settingByKey.get(db, { key });
}

export function storedSettings(db: Db): Array<{ key: string; value_json: string }> {
  return allRows(db, qb.selectFrom('settings').select(['key', 'value_json']));
}

export function writeSetting(db: Db, key: string, valueJson: string, at: string): void {
  runQuery(
    db,
    qb
      .insertInto('settings')
      .values({ key, value_json: valueJson, updated_at: at })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          value_json: eb.ref('excluded.value_json'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      ),
  );
}

export function removeSetting(db: Db, key: string): void {
  runQuery(db, qb.deleteFrom('settings').where('key', '=', key));
}

/** One line of the audit log. */
export function appendAudit(
  db: Db,
  entry: { at: string; actor: string; action: string; subject: string | null; detailJson: string | null },
): void {
  runQuery(
    db,
    qb.insertInto('audit_log').values({
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      detail_json: entry.detailJson,
    }),
  );
}
