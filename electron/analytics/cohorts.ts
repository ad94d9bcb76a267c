import type { Cohort, CohortTable } from '../../shared/ipc/channels/engagement';
import type { SqliteDb } from '../db/connection';
import { allRows, qb } from '../db/sync-query';

/** YYYY-MM of an ISO instant, and month arithmetic on YYYY-MM. */
const monthOf = (iso: string) => iso.slice(0, 7);
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}
const monthsBetween = (from: string, to: string) => {
  const [y1, m1] = from.split('-').map(Number);
  const [y2, m2] = to.split('-').map(Number);
  return (y2 - y1) * 12 + (m2 - m1);
};
/** The end of a month (exclusive, ISO), or now for the current month. */
const monthEnd = (month: string, now: Date) => {
  const end = `${addMonths(month, 1)}-01T00:00:00.000Z`;
  return end < now.toISOString() ? end : now.toISOString();
};

interface ConsentEvent {
  contactId: number;
  cohort: string;
  at: string;
  optedOut: boolean;
  wasOptedOut: boolean;
}

/**
 * Contacts grouped by the month they joined (added by import, by hand or by texting in: `created_at`), and for each
 * month since, the share still subscribed at its end (from the opt-out audit, by number, so an opt-out recorded before
 * the contact was added counts) and the share that replied, clicked or converted in it. The last `months` cohorts,
 * this month's included; a triangle: a cohort has one figure per month from its own to this one.
 */
export function cohortTable(db: SqliteDb, months: number, now: Date): CohortTable {
  const current = monthOf(now.toISOString());
  const first = addMonths(current, 1 - months);
  const start = `${first}-01`;
  const sizes = new Map(
    allRows(
      db,
      qb
        .selectFrom('contacts as c')
        .select([
          (eb) => eb.fn<string>('substr', ['c.created_at', eb.lit(1), eb.lit(7)]).as('month'),
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .where('c.created_at', '>=', start)
        .groupBy('month'),
    ).map((r) => [r.month, r.n]),
  );
  const engagedRows = allRows(
    db,
    qb
      .selectFrom(
        qb
          .selectFrom('message_outcomes')
          .select(['contact_id', (eb) => eb.fn<string>('substr', ['at', eb.lit(1), eb.lit(7)]).as('month')])
          .where('kind', 'in', ['replied', 'clicked'])
          .where('at', '>=', start)
          .union(
            qb
              .selectFrom('conversions')
              .select(['contact_id', (eb) => eb.fn<string>('substr', ['at', eb.lit(1), eb.lit(7)]).as('month')])
              .where('at', '>=', start),
          )
          .as('e'),
      )
      .innerJoin('contacts as c', 'c.id', 'e.contact_id')
      .select([
        (eb) => eb.fn<string>('substr', ['c.created_at', eb.lit(1), eb.lit(7)]).as('cohort'),
        'e.month',
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('c.created_at', '>=', start)
      .groupBy(['cohort', 'e.month']),
  );
  const engaged = new Map(engagedRows.map((r) => [`${r.cohort}|${r.month}`, r.n]));
  const unsubscribed = unsubscribedCounts(db, start, now);

  const cohorts: Cohort[] = [];
  for (let i = 0; i < months; i++) {
    const m = addMonths(first, i);
    const size = sizes.get(m) ?? 0;
    const span = monthsBetween(m, current) + 1;
    const share = (n: number) => (size > 0 ? n / size : null);
    cohorts.push({
      month: m,
      size,
      subscribed: Array.from({ length: span }, (_, k) => share(size - (unsubscribed.get(`${m}|${k}`) ?? 0))),
      engaged: Array.from({ length: span }, (_, k) => share(engaged.get(`${m}|${addMonths(m, k)}`) ?? 0)),
    });
  }
  return { cohorts };
}

/** Per "cohort|months since joining": how many of the cohort were opted out at the end of that month. */
function unsubscribedCounts(db: SqliteDb, start: string, now: Date): Map<string, number> {
  const events: ConsentEvent[] = allRows(
    db,
    qb
      .selectFrom('optout_audit as a')
      .innerJoin('contacts as c', 'c.phone', 'a.phone')
      .select(['c.id', 'c.created_at', 'a.at', 'a.old_state', 'a.new_state'])
      .where('a.channel', '=', 'sms')
      .where('c.created_at', '>=', start)
      .orderBy('c.id')
      .orderBy('a.at')
      .orderBy('a.id'),
  ).map((r) => ({
    contactId: r.id,
    cohort: monthOf(r.created_at),
    at: r.at,
    optedOut: r.new_state === 'opted_out',
    wasOptedOut: r.old_state === 'opted_out',
  }));
  // Opted out with no audit row at all (kept opted out by an import from before the audit): never subscribed.
  const silentOptOuts = allRows(
    db,
    qb
      .selectFrom('contacts as c')
      .select(['c.id', 'c.created_at'])
      .where('c.opted_out', '=', 1)
      .where('c.created_at', '>=', start)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('optout_audit as a')
              .select('a.id')
              .whereRef('a.phone', '=', 'c.phone')
              .where('a.channel', '=', 'sms'),
          ),
        ),
      ),
  );
  const current = monthOf(now.toISOString());
  const counts = new Map<string, number>();
  const add = (cohort: string, k: number) => counts.set(`${cohort}|${k}`, (counts.get(`${cohort}|${k}`) ?? 0) + 1);
  for (const c of silentOptOuts) {
    const cohort = monthOf(c.created_at);
    for (let k = 0; k <= monthsBetween(cohort, current); k++) add(cohort, k);
  }
  for (let i = 0; i < events.length;) {
    let j = i;
    while (j < events.length && events[j].contactId === events[i].contactId) j++;
    const mine = events.slice(i, j);
    const { cohort } = mine[0];
    // Before its first recorded change, a contact was in the state that change left.
    const initiallyOut = mine[0].wasOptedOut;
    for (let k = 0; k <= monthsBetween(cohort, current); k++) {
      const end = monthEnd(addMonths(cohort, k), now);
      const last = mine.filter((e) => e.at < end).pop();
      if (last ? last.optedOut : initiallyOut) add(cohort, k);
    }
    i = j;
  }
  return counts;
}
