import { z } from 'zod';
import { channel } from '../define';

/** Spreadsheet-safe CSV exports (formula characters escaped, UTF-8 with BOM, CRLF). */
export const EXPORT_KINDS = ['messages', 'results', 'conversions', 'inbox'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportFile {
  fileName: string;
  csv: string;
  rows: number;
}

const campaign = z.object({ campaignId: z.number().int().positive().optional() }).strict();

export const exportChannels = {
  /** Every campaign message with its state, outcomes and cost. */
  'export:messages': channel<ExportFile>()(campaign),
  /** One row per campaign with its results (the `campaigns results` figures). */
  'export:results': channel<ExportFile>()(campaign),
  'export:conversions': channel<ExportFile>()(campaign),
  'export:inbox': channel<ExportFile>()(campaign),
};
