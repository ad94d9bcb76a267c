import type { AudienceFilter } from '../../shared/audience';
import { AppError } from '../../shared/errors';
import type { SegmentRow } from '../../shared/ipc/channels/contacts';
import type { SqliteDb } from '../db/connection';
import { audienceWhere } from './filter';

interface SegmentSql {
  id: number;
  name: string;
  filter_json: string;
  created_at: string;
  updated_at: string;
}

const toRow = (r: SegmentSql): SegmentRow => ({
  id: r.id,
  name: r.name,
  filter: JSON.parse(r.filter_json) as AudienceFilter,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Saved segments by name. */
export function listSegments(db: SqliteDb): SegmentRow[] {
  return (db.prepare('SELECT * FROM segments ORDER BY name COLLATE NOCASE, id').all() as SegmentSql[]).map(toRow);
}

export function getSegment(db: SqliteDb, id: number): SegmentRow {
  const row = db.prepare('SELECT * FROM segments WHERE id = ?').get(id) as SegmentSql | undefined;
  if (!row) throw new AppError('not_found', `There is no saved segment with id ${id} (it may have been deleted).`);
  return toRow(row);
}

function refuseTakenName(db: SqliteDb, name: string, exceptId?: number): void {
  const other = db.prepare('SELECT id FROM segments WHERE name = ? COLLATE NOCASE').pluck().get(name) as number | undefined;
  if (other !== undefined && other !== exceptId) throw new AppError('conflict', `name: a segment called "${name}" already exists; choose another name.`);
}

/** A filter that names a missing segment, or segments that refer to each other in a loop, is refused. */
function checkFilter(db: SqliteDb, filter: AudienceFilter, now: Date): void {
  try {
    audienceWhere(db, filter, now);
  } catch (err) {
    if (err instanceof AppError) throw new AppError('invalid_input', `filter: ${err.message}`);
    throw err;
  }
}

export function createSegment(db: SqliteDb, input: { name: string; filter: AudienceFilter }, now: Date): SegmentRow {
  const at = now.toISOString();
  return db
    .transaction(() => {
      refuseTakenName(db, input.name);
      checkFilter(db, input.filter, now);
      const id = Number(db.prepare('INSERT INTO segments (name, filter_json, created_at, updated_at) VALUES (?, ?, ?, ?)').run(input.name, JSON.stringify(input.filter), at, at).lastInsertRowid);
      return getSegment(db, id);
    })
    .immediate();
}

export function updateSegment(db: SqliteDb, input: { id: number; name?: string; filter?: AudienceFilter }, now: Date): SegmentRow {
  return db
    .transaction(() => {
      const current = getSegment(db, input.id);
      if (input.name !== undefined) refuseTakenName(db, input.name, input.id);
      db.prepare('UPDATE segments SET name = ?, filter_json = ?, updated_at = ? WHERE id = ?').run(
        input.name ?? current.name,
        JSON.stringify(input.filter ?? current.filter),
        now.toISOString(),
        input.id,
      );
      // Checked after saving, inside the transaction, so a filter that now refers back to this segment is caught.
      if (input.filter) checkFilter(db, { segmentId: input.id, tagMode: 'any' }, now);
      return getSegment(db, input.id);
    })
    .immediate();
}

/** Refused while an unfinished campaign or another segment uses it: their audience would silently change. */
export function deleteSegment(db: SqliteDb, id: number): void {
  db.transaction(() => {
    const seg = getSegment(db, id);
    const campaign = db
      .prepare(
        `SELECT name FROM campaigns WHERE json_extract(audience_json, '$.segmentId') = ? AND status NOT IN ('completed', 'cancelled') AND archived_at IS NULL LIMIT 1`,
      )
      .pluck()
      .get(id) as string | undefined;
    if (campaign !== undefined) throw new AppError('conflict', `The segment "${seg.name}" is the audience of the campaign "${campaign}"; change that campaign's audience first.`);
    const segment = db.prepare(`SELECT name FROM segments WHERE json_extract(filter_json, '$.segmentId') = ? LIMIT 1`).pluck().get(id) as string | undefined;
    if (segment !== undefined) throw new AppError('conflict', `The segment "${seg.name}" is used by the segment "${segment}"; change that one first.`);
    db.prepare('DELETE FROM segments WHERE id = ?').run(id);
  }).immediate();
}
