import { LAST_TEXTED_SORT_SQL, NAME_SORT_SQL } from '../../migrations/0018_contact_bulk_actions';
import { AppError } from '../../shared/errors';
import type { ContactSortColumn } from '../../shared/ipc/channels/contacts';

// hot path: the sort keys of list-sorted.ts's raw page query, spelled exactly as the indexes' expressions.
/**
 * The SQL each column sorts by, over `contacts c`. Each is exactly an index's expression (migration 0018's, the
 * phone's unique index, the id), so a page in any order is an index seek, not a sort of the whole list.
 */
export const SORT_KEYS: Record<ContactSortColumn, string> = {
  name: `${NAME_SORT_SQL.replace(/\b(first_name|last_name)\b/g, 'c.$1')} COLLATE NOCASE`,
  phone: 'c.phone',
  added: 'c.id',
  lastTexted: LAST_TEXTED_SORT_SQL.replace('last_contacted_at', 'c.last_contacted_at'),
  replyChance: 'p.reply_probability',
  optOutRisk: 'p.opt_out_risk',
};

/**
 * The prediction sorts read `contact_predictions p` joined to the contacts, walking its partial index on the
 * probability (migration 0015): only the contacts the model scored are listed (one with no history has no score).
 */
export function predictionSort(by: ContactSortColumn): string | null {
  return by === 'replyChance' || by === 'optOutRisk' ? SORT_KEYS[by] : null;
}

/** Where a page ended: the sort value and id of its last row. */
export interface Cursor {
  key: string | number;
  id: number;
}

export function cursorOf(key: string | number, id: number): string {
  return JSON.stringify([key, id]);
}

export function readCursor(text: string): Cursor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !['string', 'number'].includes(typeof value[0]) ||
    !Number.isSafeInteger(value[1])
  ) {
    throw new AppError('invalid_input', 'after: expected the nextCursor of an earlier page.');
  }
  return { key: value[0] as string | number, id: value[1] as number };
}
