/**
 * The Contacts table's sortable columns: "added" is the order contacts were added in (their id). `replyChance` and
 * `optOutRisk` order by the predictions (issue 14) and list only the contacts the model scored.
 */
export const CONTACT_SORT_COLUMNS = ['name', 'phone', 'added', 'lastTexted', 'replyChance', 'optOutRisk'] as const;
export type ContactSortColumn = (typeof CONTACT_SORT_COLUMNS)[number];
export interface ContactSort {
  by: ContactSortColumn;
  direction: 'asc' | 'desc';
}

export type BulkAction = 'addTag' | 'removeTag' | 'optOut' | 'delete';

export interface BulkActionResult {
  /** Pass to contacts:bulkUndo. */
  actionId: number;
  action: BulkAction;
  /** Contacts selected. */
  selected: number;
  /** Contacts the action changed (a contact that already had the tag, or had opted out, is not changed). */
  changed: number;
}

export interface BulkUndoResult {
  /** Contacts put back as they were. */
  restored: number;
  /**
   * Contacts left as they are now: deleted contacts whose number was added again since, opt-outs the contact
   * changed themselves since (a STOP or START after the action), contacts deleted since.
   */
  kept: number;
}

export interface ExistingContact {
  id: number;
  /** First and last name, '' when there is none. */
  name: string;
  phone: string;
}
