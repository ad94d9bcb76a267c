import type { SqliteDb } from '../db/connection';
import { firstRow, qb, runQuery } from '../db/sync-query';
import type { DomainCheck } from './check';

/** A domain check as stored: what was found, with which DKIM selector, and when. */
export interface StoredDomainCheck extends DomainCheck {
  domain: string;
  dkimSelector: string;
  checkedAt: string;
}

/** Keeps the latest check of a domain (one row per domain, replaced). */
export function saveDomainCheck(db: SqliteDb, check: StoredDomainCheck): void {
  const row = {
    domain: check.domain,
    dkim_selector: check.dkimSelector,
    spf: check.spf,
    dkim: check.dkim,
    dmarc: check.dmarc,
    problems_json: JSON.stringify(check.problems),
    checked_at: check.checkedAt,
  };
  runQuery(
    db,
    qb
      .insertInto('domain_checks')
      .values(row)
      .onConflict((oc) => oc.column('domain').doUpdateSet(row)),
  );
}

/** The latest check of that domain, or undefined when it was never checked. */
export function lastDomainCheck(db: SqliteDb, domain: string): StoredDomainCheck | undefined {
  const row = firstRow(db, qb.selectFrom('domain_checks').selectAll().where('domain', '=', domain.toLowerCase()));
  if (!row) return undefined;
  return {
    domain: row.domain,
    dkimSelector: row.dkim_selector,
    spf: row.spf,
    dkim: row.dkim,
    dmarc: row.dmarc,
    problems: JSON.parse(row.problems_json) as string[],
    checkedAt: row.checked_at,
  };
}
