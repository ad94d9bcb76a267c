/**
 * The ways consent changes, and the words reports use for them. Apart from the opt-outs IPC channel (which
 * re-exports them) so that readers without a validator — the analytics reader thread — need not load zod.
 */
export const CONSENT_SOURCES = ['keyword', 'manual', 'provider', 'import', 'reconciliation'] as const;
export type ConsentSourceName = (typeof CONSENT_SOURCES)[number];

/** The words the report uses for each way consent changes. */
export const CONSENT_SOURCE_LABEL: Record<ConsentSourceName, string> = {
  keyword: 'Replied with a keyword',
  manual: 'Changed by you',
  provider: 'Reported by provider',
  import: 'Import file',
  reconciliation: 'Found by reconciliation',
};
