import type { Db } from '../db/db';
import { jsonNumber, noCase } from '../db/sql-fns';
import { allRows, firstRow, insertedId, qb, runQuery } from '../db/sync-query';

/** Saved segments: a named audience filter, stored as JSON. */

export function segmentRows(db: Db) {
  return allRows(db, qb.selectFrom('segments').selectAll().orderBy(noCase('name')).orderBy('id'));
}

export function segmentRow(db: Db, id: number) {
  return firstRow(db, qb.selectFrom('segments').selectAll().where('id', '=', id));
}

/** The segment with this name, compared case-insensitively. */
export function segmentIdByName(db: Db, name: string): number | undefined {
  return firstRow(db, qb.selectFrom('segments').select('id').where(noCase('name'), '=', name))?.id;
}

export function insertSegment(db: Db, segment: { name: string; filterJson: string; at: string }): number {
  return insertedId(
    db,
    qb
      .insertInto('segments')
      .values({ name: segment.name, filter_json: segment.filterJson, created_at: segment.at, updated_at: segment.at })
      .returning('id'),
  );
}

export function updateSegmentRow(db: Db, id: number, segment: { name: string; filterJson: string; at: string }): void {
  runQuery(
    db,
    qb
      .updateTable('segments')
      .set({ name: segment.name, filter_json: segment.filterJson, updated_at: segment.at })
      .where('id', '=', id),
  );
}

export function deleteSegmentRow(db: Db, id: number): void {
  runQuery(db, qb.deleteFrom('segments').where('id', '=', id));
}

/** The name of an unfinished campaign whose audience is this segment, if any. */
export function campaignUsingSegment(db: Db, id: number): string | undefined {
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
export function segmentUsingSegment(db: Db, id: number): string | undefined {
  return firstRow(
    db,
    qb.selectFrom('segments').select('name').where(jsonNumber('filter_json', 'segmentId'), '=', id).limit(1),
  )?.name;
}

/** The stored filter of a segment (JSON), or undefined when there is no such segment. */
export function segmentFilterJson(db: Db, id: number): string | undefined {
  return firstRow(db, qb.selectFrom('segments').select('filter_json').where('id', '=', id))?.filter_json;
}
