import type { SqliteDb } from '../db/connection';
import { jsonNumber, noCase } from '../db/sql-fns';
import { allRows, firstRow, qb, runQuery } from '../db/sync-query';

/** Saved segments: a named audience filter, stored as JSON. */

export function segmentRows(db: SqliteDb) {
  return allRows(db, qb.selectFrom('segments').selectAll().orderBy(noCase('name')).orderBy('id'));
}

export function segmentRow(db: SqliteDb, id: number) {
  return firstRow(db, qb.selectFrom('segments').selectAll().where('id', '=', id));
}

/** The segment with this name, compared case-insensitively. */
export function segmentIdByName(db: SqliteDb, name: string): number | undefined {
  return firstRow(db, qb.selectFrom('segments').select('id').where(noCase('name'), '=', name))?.id;
}

export function insertSegment(db: SqliteDb, segment: { name: string; filterJson: string; at: string }): number {
  return runQuery(
    db,
    qb
      .insertInto('segments')
      .values({ name: segment.name, filter_json: segment.filterJson, created_at: segment.at, updated_at: segment.at }),
  ).lastInsertRowid;
}

export function updateSegmentRow(
  db: SqliteDb,
  id: number,
  segment: { name: string; filterJson: string; at: string },
): void {
  runQuery(
    db,
    qb
      .updateTable('segments')
      .set({ name: segment.name, filter_json: segment.filterJson, updated_at: segment.at })
      .where('id', '=', id),
  );
}

export function deleteSegmentRow(db: SqliteDb, id: number): void {
  runQuery(db, qb.deleteFrom('segments').where('id', '=', id));
}

/** The name of an unfinished campaign whose audience is this segment, if any. */
export function campaignUsingSegment(db: SqliteDb, id: number): string | undefined {
  return firstRow(
    db,
    qb
      .selectFrom('campaigns')
      .select('name')
      .where(jsonNumber('audience_json', 'segmentId'), '=', id)
      .where('status', 'not in', ['completed', 'cancelled'])
      .where('archived_at', 'is', null)
      .limit(1),
  )?.name;
}

/** The name of another segment whose filter refers to this one, if any. */
export function segmentUsingSegment(db: SqliteDb, id: number): string | undefined {
  return firstRow(
    db,
    qb.selectFrom('segments').select('name').where(jsonNumber('filter_json', 'segmentId'), '=', id).limit(1),
  )?.name;
}

/** The stored filter of a segment (JSON), or undefined when there is no such segment. */
export function segmentFilterJson(db: SqliteDb, id: number): string | undefined {
  return firstRow(db, qb.selectFrom('segments').select('filter_json').where('id', '=', id))?.filter_json;
}
