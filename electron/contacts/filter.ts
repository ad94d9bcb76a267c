import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { AudienceFilter } from '../../shared/audience';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/db';
import type { DB } from '../db/schema';
import { bandCondition } from '../analytics';
import { reachableOn } from '../compliance';
import { containsPattern, e164CheckSql, equalsIgnoringCase, isE164, likeInsensitive } from '../db/sql-fns';
import { qb } from '../db/sync-query';
import { segmentFilterJson } from './queries-segments';
import { tagIdsByNames } from './queries-tags';

/** A condition over `contacts c` as SQL text with `?` placeholders, for the raw hot paths that embed it. */
export interface SqlWhere {
  sql: string;
  params: unknown[];
}

/** Where a condition over `contacts c` is written: any query that reads the contacts table as `c`. */
export type ContactScope = ExpressionBuilder<DB & { c: DB['contacts'] }, 'c'>;

const DAY_MS = 86_400_000;
/** What a textable E.164 number looks like; short codes and junk from inbound messages are "invalid". */
export const E164_SQL = e164CheckSql('c.phone');

/** The compliance exclusions, in the order a reason is attributed (an opted-out landline counts as opted out). */
// hot path: the launch snapshot's INSERT … SELECT over a million contacts is written as text around this condition.
export const ELIGIBLE_SQL = `c.opted_out = 0 AND c.textable = 1 AND ${E164_SQL}`;

/**
 * The compliance exclusions as a Kysely condition: the same rule as ELIGIBLE_SQL. The 0/1 are literals, not bound
 * values, so SQLite can use the partial indexes on opted_out and textable.
 */
export function eligibleCondition(eb: ContactScope): Expression<SqlBool> {
  return eb.and([eb('c.opted_out', '=', eb.lit(0)), eb('c.textable', '=', eb.lit(1)), isE164(eb.ref('c.phone'))]);
}

/** A builder for conditions over `contacts c`, for a condition written outside a query (a selection, a filter). */
export function contactScope(): ContactScope {
  return expressionBuilder<DB & { c: DB['contacts'] }, 'c'>();
}

const isoDaysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

/** The value of the contact's custom field `key` (null when it has none). */
function fieldValue(eb: ContactScope, key: string) {
  return eb
    .selectFrom('contact_field_values as v')
    .innerJoin('custom_fields as cf', 'cf.id', 'v.field_id')
    .select('v.value')
    .whereRef('v.contact_id', '=', 'c.id')
    .where('cf.key', '=', key)
    .$asScalar();
}

/** The contact carries one of the tags. */
function taggedWith(eb: ContactScope, ids: number[]) {
  return eb.selectFrom('contact_tags as ct').whereRef('ct.contact_id', '=', 'c.id').where('ct.tag_id', 'in', ids);
}

/**
 * An audience filter as a Kysely condition over `contacts c`: the one definition of who a filter selects, read by
 * the campaign audience, saved segments, the contacts list, bulk selections, exports and insights. Throws when the
 * filter names a missing segment or segments refer to each other too deeply.
 */
export function audienceCondition(db: Db, filter: AudienceFilter, now: Date, depth = 0): Expression<SqlBool> {
  const eb = contactScope();
  const parts: Expression<SqlBool>[] = [];
  const nothing = eb.lit(false);
  if (filter.segmentId !== undefined) {
    if (depth > 3) throw new AppError('invalid_input', 'Segments refer to each other too deeply.');
    const stored = segmentFilterJson(db, filter.segmentId);
    if (stored === undefined) throw new AppError('not_found', `Segment ${filter.segmentId} does not exist.`);
    parts.push(audienceCondition(db, JSON.parse(stored) as AudienceFilter, now, depth + 1));
  }
  if (filter.tags?.length) {
    const ids = tagIdsByNames(db, filter.tags);
    if (filter.tagMode === 'all') {
      // Every requested tag must exist and be on the contact.
      if (ids.length < new Set(filter.tags.map((t) => t.toLowerCase())).size) parts.push(nothing);
      else
        parts.push(
          eb(
            taggedWith(eb, ids).select((e) => e.fn.countAll<number>().as('n')),
            '=',
            eb.val(ids.length),
          ),
        );
    } else if (!ids.length) parts.push(nothing);
    else parts.push(eb.exists(taggedWith(eb, ids).select('ct.tag_id')));
  }
  if (filter.excludeTags?.length) {
    const ids = tagIdsByNames(db, filter.excludeTags);
    if (ids.length) parts.push(eb.not(eb.exists(taggedWith(eb, ids).select('ct.tag_id'))));
  }
  for (const f of filter.fields ?? []) {
    const value = fieldValue(eb, f.key);
    const orEmpty = eb.fn.coalesce(value, eb.val(''));
    if (f.op === 'empty') parts.push(eb(orEmpty, '=', ''));
    else if (f.op === 'not_empty') parts.push(eb(orEmpty, '<>', ''));
    else if (f.op === 'eq') parts.push(equalsIgnoringCase(value, f.value ?? ''));
    else if (f.op === 'neq') parts.push(eb.not(equalsIgnoringCase(orEmpty, f.value ?? '')));
    else parts.push(likeInsensitive(value, containsPattern(f.value ?? '')));
  }
  if (filter.optedOut !== undefined) parts.push(eb('c.opted_out', '=', eb.lit(filter.optedOut ? 1 : 0)));
  if (filter.textable !== undefined) parts.push(eb('c.textable', '=', eb.lit(filter.textable ? 1 : 0)));
  if (filter.minDaysSinceContact !== undefined) {
    const before = isoDaysBefore(now, filter.minDaysSinceContact);
    parts.push(eb.or([eb('c.last_contacted_at', 'is', null), eb('c.last_contacted_at', '<=', before)]));
  }
  if (filter.lastContactedAfter) parts.push(eb('c.last_contacted_at', '>=', filter.lastContactedAfter));
  if (filter.lastContactedBefore) parts.push(eb('c.last_contacted_at', '<', filter.lastContactedBefore));
  if (filter.createdAfter) parts.push(eb('c.created_at', '>=', filter.createdAfter));
  if (filter.createdBefore) parts.push(eb('c.created_at', '<', filter.createdBefore));
  if (filter.notMessagedByTemplate) {
    const { templateId, days } = filter.notMessagedByTemplate;
    const sent = eb
      .selectFrom('outbox_messages as o')
      .innerJoin('campaigns as k', 'k.id', 'o.campaign_id')
      .select('o.id')
      .whereRef('o.contact_id', '=', 'c.id')
      .where('k.template_id', '=', templateId)
      .where('o.sent_at', '>=', isoDaysBefore(now, days));
    parts.push(eb.not(eb.exists(sent)));
  }
  if (filter.optOutRisk === 'exclude-high') {
    const high = eb
      .selectFrom('contact_predictions as p')
      .select('p.contact_id')
      .whereRef('p.contact_id', '=', 'c.id')
      .where('p.opt_out_high', '=', eb.lit(1));
    parts.push(eb.not(eb.exists(high)));
  }
  if (filter.occurrenceOf) parts.push(...occurrenceConditions(eb, filter.occurrenceOf, now));
  if (filter.band) parts.push(bandCondition(eb, filter.band));
  if (filter.search?.trim()) parts.push(searchCondition(eb, filter.search.trim()));
  const channel = filter.reachableBy;
  if (channel)
    parts.push(
      eb(
        'c.id',
        'in',
        qb
          .selectFrom('contacts')
          .select('contacts.id')
          .where((e) => reachableOn(e, channel)),
      ),
    );
  return parts.length ? eb.and(parts) : eb.lit(true);
}

/** Names, e-mail or (three digits or more) phone containing the text, ignoring case. */
function searchCondition(eb: ContactScope, text: string): Expression<SqlBool> {
  const pattern = containsPattern(text);
  const digits = text.replace(/\D/g, '');
  return eb.or([
    likeInsensitive(eb.ref('c.first_name'), pattern),
    likeInsensitive(eb.ref('c.last_name'), pattern),
    likeInsensitive(eb.ref('c.email'), pattern),
    ...(digits.length >= 3 ? [likeInsensitive(eb.ref('c.phone'), containsPattern(digits))] : []),
  ]);
}

/** What an occurrence of a series adds: the recently texted left out, the date field matched, once a year. */
function occurrenceConditions(
  eb: ContactScope,
  o: NonNullable<AudienceFilter['occurrenceOf']>,
  now: Date,
): Expression<SqlBool>[] {
  const parts: Expression<SqlBool>[] = [];
  if (o.skipRecentDays !== undefined) {
    const recent = eb
      .selectFrom('outbox_messages as o')
      .innerJoin('campaigns as k', 'k.id', 'o.campaign_id')
      .select('o.id')
      .where('k.series_id', '=', o.seriesId)
      .whereRef('o.contact_id', '=', 'c.id')
      .where('o.state', '<>', 'skipped')
      .where('o.created_at', '>', isoDaysBefore(now, o.skipRecentDays));
    parts.push(eb.not(eb.exists(recent)));
  }
  if (o.dateField) {
    // Date fields are stored as YYYY-MM-DD; characters 6–10 are the month and day.
    const monthDay = eb.fn<string>('substr', [fieldValue(eb, o.dateField.key), eb.lit(6), eb.lit(5)]);
    const sentThisYear = eb
      .selectFrom('series_yearly_sends as y')
      .select('y.contact_id')
      .where('y.series_id', '=', o.seriesId)
      .whereRef('y.contact_id', '=', 'c.id')
      .where('y.year', '=', o.dateField.year);
    parts.push(eb(monthDay, 'in', o.dateField.monthDays), eb.not(eb.exists(sentThisYear)));
  }
  return parts;
}

/**
 * The audience condition as SQL text with `?` placeholders, compiled from audienceCondition: for the raw hot paths
 * (the outbox snapshot, the contact list's id sources, exports) that prepare one statement around it and stream a
 * million contacts through it.
 */
export function audienceWhere(db: Db, filter: AudienceFilter, now: Date): SqlWhere {
  const compiled = sql<SqlBool>`(${audienceCondition(db, filter, now)})`.compile(qb);
  return { sql: compiled.sql, params: [...compiled.parameters] };
}
