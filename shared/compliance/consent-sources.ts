/**
 * The ways consent changes, and the words reports use for them. Apart from the opt-outs IPC channel (which
 * re-exports them) so that readers without a validator — the analytics reader thread — need not load zod.
 */
export const CONSENT_SOURCES = [
  'keyword',
  'manual',
  'provider',
  'import',
  'reconciliation',
  'unsubscribe_link',
  'list_unsubscribe',
  'bounce',
  'complaint',
  'keypress',
] as const;
export type ConsentSourceName = (typeof CONSENT_SOURCES)[number];

/** The words the report uses for each way consent changes. */
export const CONSENT_SOURCE_LABEL: Record<ConsentSourceName, string> = {
  keyword: 'Replied with a keyword',
  manual: 'Changed by you',
  provider: 'Reported by provider',
  import: 'Import file',
  reconciliation: 'Found by reconciliation',
  unsubscribe_link: 'Unsubscribe link in an e-mail',
  list_unsubscribe: "The mail app's unsubscribe button",
  bounce: 'E-mail address does not exist (hard bounce)',
  complaint: 'Marked an e-mail as spam',
  keypress: 'Pressed the opt-out key during a call',
};
