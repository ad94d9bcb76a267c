import type { AudienceFilter } from '../../shared/audience';
import { AppError } from '../../shared/errors';
import type { SegmentRow } from '../../shared/ipc/channels/contacts';
import type { Db } from '../db/db';
import { audienceCondition } from './filter';
import {
  campaignUsingSegment,
  deleteSegmentRow,
  insertSegment,
  segmentIdByName,
  segmentRow,
  segmentRows,
  segmentUsingSegment,
  updateSegmentRow,
} from './queries-segments';
import { transaction } from '../db/transaction';

type SegmentSql = ReturnType<typeof segmentRows>[number];

const toRow = (r: SegmentSql): SegmentRow => ({
  id: r.id,
  name: r.name,
  filter: JSON.parse(r.filter_json) as AudienceFilter,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Saved segments by name. */
export function listSegments(db: Db): SegmentRow[] {
  return segmentRows(db).map(toRow);
}

export function getSegment(db: Db, id: number): SegmentRow {
  const row = segmentRow(db, id);
  if (!row) throw new AppError('not_found', `There is no saved segment with id ${id} (it may have been deleted).`);
  return toRow(row);
}

function refuseTakenName(db: Db, name: string, exceptId?: number): void {
  const other = segmentIdByName(db, name);
  if (other !== undefined && other !== exceptId)
    throw new AppError('conflict', `name: a segment called "${name}" already exists; choose another name.`);
}

/** A filter that names a missing segment, or segments that refer to each other in a loop, is refused. */
function checkFilter(db: Db, filter: AudienceFilter, now: Date): void {
  try {
    audienceCondition(db, filter, now);
  } catch (err) {
    if (err instanceof AppError) throw new AppError('invalid_input', `filter: ${err.message}`);
    throw err;
  }
}

export function createSegment(db: Db, input: { name: string; filter: AudienceFilter }, now: Date): SegmentRow {
  const at = now.toISOString();
  return transaction(
    db,
    () => {
      refuseTakenName(db, input.name);
      checkFilter(db, input.filter, now);
      const id = insertSegment(db, { name: input.name, filterJson: JSON.stringify(input.filter), at });
      return getSegment(db, id);
    },
    { immediate: true },
  );
}

export function updateSegment(
  db: Db,
  input: { id: number; name?: string; filter?: AudienceFilter },
  now: Date,
): SegmentRow {
  return transaction(
    db,
    () => {
      const current = getSegment(db, input.id);
      if (input.name !== undefined) refuseTakenName(db, input.name, input.id);
      updateSegmentRow(db, input.id, {
        name: input.name ?? current.name,
        filterJson: JSON.stringify(input.filter ?? current.filter),
        at: now.toISOString(),
      });
      // Checked after saving, inside the transaction, so a filter that now refers back to this segment is caught.
      if (input.filter) checkFilter(db, { segmentId: input.id, tagMode: 'any' }, now);
      return getSegment(db, input.id);
    },
    { immediate: true },
  );
}

/** Refused while an unfinished campaign or another segment uses it: their audience would silently change. */
export function deleteSegment(db: Db, id: number): void {
  transaction(
    db,
    () => {
      const seg = getSegment(db, id);
      const campaign = campaignUsingSegment(db, id);
      if (campaign !== undefined)
        throw new AppError(
          'conflict',
          `The segment "${seg.name}" is the audience of the campaign "${campaign}"; change that campaign's audience first.`,
        );
      const segment = segmentUsingSegment(db, id);
      if (segment !== undefined)
        throw new AppError(
          'conflict',
          `The segment "${seg.name}" is used by the segment "${segment}"; change that one first.`,
        );
      deleteSegmentRow(db, id);
    },
    { immediate: true },
  );
}
