import { isAppError } from '../../../shared/errors';
import { ownRecord } from '../../../shared/own-keys';
import { openImportFile, readImportFile, type FileItem } from './file-reader';
import { buildMapping } from './mapping';
import { validateImportOptions } from './options';
import { ACCEPTED_FIELDS, SEP, TAG_SEP, type BatchResult } from './batch';
import { emailStateView } from './contact-rows';
import { RowNormaliser } from './rows';
import type { ImportSampleRow } from '../../../shared/contacts/imports';
import {
  rejectReasons,
  type ColumnMapping,
  type CustomFieldColumn,
  type DetectedFile,
  type ImportOptions,
  type ImportSource,
} from './types';

/** One row as it will be imported (the shape the preview shows; shared with the renderer). */
export type SampleRow = ImportSampleRow;

export interface ImportInspection {
  fileName: string;
  fileSize: number;
  headers: string[];
  detected: DetectedFile;
  mapping: ColumnMapping[];
  customFields: CustomFieldColumn[];
  /** the first data rows as they would be imported */
  sampleRows: SampleRow[];
  /** rejects among the sampled rows */
  sampleRejects: { row: number; reason: string }[];
  /** why nothing could be imported with this mapping (e.g. no phone column), or null */
  problem: string | null;
}

const SAMPLE_ROWS = 20;

/**
 * A quick look at the start of a file, cheap enough for the main thread: what it is, how its columns map, and
 * how its first rows come out. Reads about one megabyte whatever the file's size.
 */
export async function inspectImport(source: ImportSource, input: ImportOptions): Promise<ImportInspection> {
  const options = validateImportOptions(input);
  const file = await openImportFile(source, options.fileName);
  const reader = readImportFile(file, {
    format: options.format,
    encoding: options.encoding,
    delimiter: options.delimiter,
    batchRows: SAMPLE_ROWS,
  });
  try {
    const start = (await reader.next()).value as Extract<FileItem, { kind: 'start' }>;
    let problem: string | null = null;
    let plan;
    try {
      plan = buildMapping(start.headers, options.mapping);
    } catch (e) {
      if (!isAppError(e)) throw e;
      problem = e.message;
      plan = buildMapping(start.headers, options.mapping, false);
    }
    const rows = new RowNormaliser({
      plan,
      defaultCountry: options.defaultCountry,
      delimiter: start.detected.delimiter ?? ',',
      terminator: start.terminator,
      fileName: file.fileName,
    });
    const sampleRows: SampleRow[] = [];
    const sampleRejects: { row: number; reason: string }[] = [];
    let detected = start.detected;
    for await (const item of reader) {
      if (item.kind === 'end') detected = { ...detected, encoding: item.encoding };
      if (item.kind === 'broken') sampleRejects.push({ row: item.row, reason: rejectReasons.unclosedQuote });
      if (item.kind === 'rows' && !problem) collect(rows.run(item.batch), plan.customFields, sampleRows, sampleRejects);
      if (sampleRows.length + sampleRejects.length >= SAMPLE_ROWS) break;
    }
    return {
      fileName: file.fileName,
      fileSize: file.size,
      headers: start.headers,
      detected,
      mapping: plan.columns,
      customFields: plan.customFields,
      sampleRows: sampleRows.slice(0, SAMPLE_ROWS),
      sampleRejects: sampleRejects.slice(0, SAMPLE_ROWS),
      problem,
    };
  } finally {
    await reader.return(undefined);
  }
}

function collect(
  r: BatchResult,
  customFields: CustomFieldColumn[],
  rows: SampleRow[],
  rejects: { row: number; reason: string }[],
) {
  const stride = ACCEPTED_FIELDS + customFields.length;
  const v = r.accepted ? r.accepted.split(SEP) : [];
  for (let i = 0; i < r.acceptedCount; i++) {
    const o = i * stride;
    const custom = ownRecord<string>();
    customFields.forEach((f, k) => {
      if (v[o + ACCEPTED_FIELDS + k]) custom[f.key] = v[o + ACCEPTED_FIELDS + k];
    });
    rows.push({
      row: Number(v[o]),
      phone: v[o + 1],
      firstName: v[o + 3],
      lastName: v[o + 4],
      email: v[o + 5],
      consent: v[o + 6] === '1' ? 'yes' : v[o + 6] === '0' ? 'no' : null,
      emailConsent: emailStateView(v[o + 9]),
      tags: v[o + 7] ? v[o + 7].split(TAG_SEP) : [],
      otherPhones: v[o + 8] ? v[o + 8].split(' ') : [],
      custom,
    });
  }
  const rj = r.rejected ? r.rejected.split(SEP) : [];
  for (let i = 0; i < rj.length; i += 3) rejects.push({ row: Number(rj[i]), reason: rj[i + 1] });
  rows.sort((a, b) => a.row - b.row);
}
