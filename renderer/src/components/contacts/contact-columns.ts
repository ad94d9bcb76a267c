import type { ContactSort, ContactSortColumn } from '../../../../shared/ipc/channels/contacts';

/** A row's height in the contact table, in pixels (the virtualised layout computes every position from it). */
export const ROW_HEIGHT = 40;

/** The columns, in the order the narrow layouts hide them by (3: email, 6: added, then 4: tags, 7: last texted). */
export const COLUMNS: { label: string; sort?: ContactSortColumn }[] = [
  { label: 'Name', sort: 'name' },
  { label: 'Phone', sort: 'phone' },
  { label: 'Email' },
  { label: 'Tags' },
  { label: 'Status' },
  { label: 'Added', sort: 'added' },
  { label: 'Last texted', sort: 'lastTexted' },
];
/** The direction a column sorts in first: names and numbers A→Z, dates newest first. */
export const FIRST_DIRECTION: Record<ContactSortColumn, ContactSort['direction']> = {
  name: 'asc',
  phone: 'asc',
  added: 'desc',
  lastTexted: 'desc',
  replyChance: 'desc',
  optOutRisk: 'desc',
};
