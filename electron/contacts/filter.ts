import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AudienceFilter } from '../../shared/audience';
import { AppError } from '../../shared/errors';
import type { SqliteDb } from '../db/connection';
import { bandWhere } from '../analytics';
import { e164CheckSql } from '../db/sql-fns';
import { segmentFilterJson } from './queries-segments';
import { tagIdsByNames } from './queries-tags';

export interface SqlWhere {
  sql: string;
  params: unknown[];
}

const DAY_MS = 86_400_000;
/** What a textable E.164 number looks like; short codes and junk from inbound messages are "invalid". */
export const E164_SQL = e164CheckSql('c.phone');

/** An audience condition as a Kysely expression over `contacts c`, for queries built with Kysely. */
export function whereCondition(where: SqlWhere): RawBuilder<SqlBool> {
  const pieces = where.sql.split('?');
  let out = sql<SqlBool>`(${sql.raw(pieces[0])}`;
  pieces.slice(1).forEach((piece, i) => {
    out = sql<SqlBool>`${out}${where.params[i]}${sql.raw(piece)}`;
  });
  return sql<SqlBool>`${out})`;
}

/**
 * Turns an audience filter into a WHERE clause over `contacts c`. Plain SQL with bound parameters so that a
 * million-contact audience can be streamed with one prepared statement.
 */
// hot path: a campaign's audience snapshot and bulk selections stream a million contacts through this one condition
export function audienceWhere(db: SqliteDb, filter: AudienceFilter, now: Date, depth = 0): SqlWhere {
  const parts: string[] = [];
  const params: unknown[] = [];
  const tagIds = (names: string[]) => tagIdsByNames(db, names);
  if (filter.segmentId !== undefined) {
    if (depth > 3) throw new AppError('invalid_input', 'Segments refer to each other too deeply.');
    const stored = segmentFilterJson(db, filter.segmentId);
    if (stored === undefined) throw new AppError('not_found', `Segment ${filter.segmentId} does not exist.`);
    const inner = audienceWhere(db, JSON.parse(stored) as AudienceFilter, now, depth + 1);
    parts.push(`(${inner.sql})`);
    params.push(...inner.params);
  }
  if (filter.tags?.length) {
    const ids = tagIds(filter.tags);
    if (filter.tagMode === 'all') {
      // Every requested tag must exist and be on the contact.
      if (ids.length < new Set(filter.tags.map((t) => t.toLowerCase())).size) parts.push('0');
      else {
        parts.push(
          `(SELECT COUNT(*) FROM contact_tags ct WHERE ct.contact_id = c.id AND ct.tag_id IN (${ids.map(() => '?').join(',')})) = ?`,
        );
        params.push(...ids, ids.length);
      }
    } else if (!ids.length) parts.push('0');
    else {
      parts.push(
        `EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = c.id AND ct.tag_id IN (${ids.map(() => '?').join(',')}))`,
      );
      params.push(...ids);
    }
  }
  if (filter.excludeTags?.length) {
    const ids = tagIds(filter.excludeTags);
    if (ids.length) {
      parts.push(
        `NOT EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = c.id AND ct.tag_id IN (${ids.map(() => '?').join(',')}))`,
      );
      params.push(...ids);
    }
  }
  for (const f of filter.fields ?? []) {
    const value = `(SELECT v.value FROM contact_field_values v JOIN custom_fields cf ON cf.id = v.field_id WHERE v.contact_id = c.id AND cf.key = ?)`;
    if (f.op === 'empty') parts.push(`COALESCE(${value}, '') = ''`);
    else if (f.op === 'not_empty') parts.push(`COALESCE(${value}, '') <> ''`);
    else if (f.op === 'eq') parts.push(`${value} = ? COLLATE NOCASE`);
    else if (f.op === 'neq') parts.push(`COALESCE(${value}, '') <> ? COLLATE NOCASE`);
    else parts.push(`${value} LIKE ?`);
    params.push(f.key);
    if (f.op === 'eq' || f.op === 'neq') params.push(f.value ?? '');
    if (f.op === 'contains') params.push(`%${f.value ?? ''}%`);
  }
  if (filter.optedOut !== undefined) parts.push(filter.optedOut ? 'c.opted_out = 1' : 'c.opted_out = 0');
  if (filter.textable !== undefined) parts.push(filter.textable ? 'c.textable = 1' : 'c.textable = 0');
  if (filter.minDaysSinceContact !== undefined) {
    parts.push('(c.last_contacted_at IS NULL OR c.last_contacted_at <= ?)');
    params.push(new Date(now.getTime() - filter.minDaysSinceContact * DAY_MS).toISOString());
  }
  const range: Array<[string | undefined, string]> = [
    [filter.lastContactedAfter, 'c.last_contacted_at >= ?'],
    [filter.lastContactedBefore, 'c.last_contacted_at < ?'],
    [filter.createdAfter, 'c.created_at >= ?'],
    [filter.createdBefore, 'c.created_at < ?'],
  ];
  for (const [value, clause] of range) {
    if (!value) continue;
    parts.push(clause);
    params.push(value);
  }
  if (filter.notMessagedByTemplate) {
    parts.push(
      `NOT EXISTS (SELECT 1 FROM outbox_messages o JOIN campaigns k ON k.id = o.campaign_id
        WHERE o.contact_id = c.id AND k.template_id = ? AND o.sent_at >= ?)`,
    );
    params.push(
      filter.notMessagedByTemplate.templateId,
      new Date(now.getTime() - filter.notMessagedByTemplate.days * DAY_MS).toISOString(),
    );
  }
  if (filter.optOutRisk === 'exclude-high') {
    parts.push('NOT EXISTS (SELECT 1 FROM contact_predictions p WHERE p.contact_id = c.id AND p.opt_out_high = 1)');
  }
  if (filter.occurrenceOf) {
    const o = occurrenceWhere(filter.occurrenceOf, now);
    parts.push(...o.parts);
    params.push(...o.params);
  }
  if (filter.band) {
    const b = bandWhere(filter.band);
    parts.push(b.sql);
    params.push(...b.params);
  }
  if (filter.search?.trim()) {
    const s = filter.search.trim();
    const digits = s.replace(/\D/g, '');
    const like = `%${s}%`;
    parts.push(
      `(c.first_name LIKE ? OR c.last_name LIKE ? OR c.email LIKE ?${digits.length >= 3 ? ' OR c.phone LIKE ?' : ''})`,
    );
    params.push(like, like, like);
    if (digits.length >= 3) params.push(`%${digits}%`);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

/** What an occurrence of a series adds: the recently texted left out, the date field matched, once a year. */
function occurrenceWhere(
  o: NonNullable<AudienceFilter['occurrenceOf']>,
  now: Date,
): { parts: string[]; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (o.skipRecentDays !== undefined) {
    parts.push(
      `NOT EXISTS (SELECT 1 FROM outbox_messages o JOIN campaigns k ON k.id = o.campaign_id
        WHERE k.series_id = ? AND o.contact_id = c.id AND o.state <> 'skipped' AND o.created_at > ?)`,
    );
    params.push(o.seriesId, new Date(now.getTime() - o.skipRecentDays * DAY_MS).toISOString());
  }
  if (o.dateField) {
    // Date fields are stored as YYYY-MM-DD; characters 6–10 are the month and day.
    parts.push(
      `substr((SELECT v.value FROM contact_field_values v JOIN custom_fields cf ON cf.id = v.field_id WHERE v.contact_id = c.id AND cf.key = ?), 6, 5) IN (${o.dateField.monthDays.map(() => '?').join(', ')})`,
      'NOT EXISTS (SELECT 1 FROM series_yearly_sends y WHERE y.series_id = ? AND y.contact_id = c.id AND y.year = ?)',
    );
    params.push(o.dateField.key, ...o.dateField.monthDays, o.seriesId, o.dateField.year);
  }
  return { parts, params };
}

/** The compliance exclusions, in the order a reason is attributed (an opted-out landline counts as opted out). */
export const ELIGIBLE_SQL = `c.opted_out = 0 AND c.textable = 1 AND ${E164_SQL}`;
