import { isBlankRecord, parseCsv } from './csv-parser';
import { openImportFile, readImportFile } from './file-reader';
import { checkFieldSizes } from './limits';
import type { Delimiter, DetectedFile, ImportSource, TextEncodingName } from './types';

/**
 * Any CSV import (contacts, orders…) read the way the contacts import reads it, one record at a time: the encoding,
 * delimiter and line endings detected, Excel's `sep=` line understood, and every size limit of limits.ts enforced
 * (a cell over 64 KB, a row over 1 MB or more than 1,000 columns stop the reading with an AppError naming the row
 * and the limit), so memory stays bounded whatever the file. A quote that never closes makes a `broken` item for
 * its line, and reading goes on with the next line.
 */
export type CsvFileItem =
  | { kind: 'header'; headers: string[]; detected: DetectedFile }
  /** `row` counts data rows from 1 (the header is not a row); blank rows are skipped but counted */
  | { kind: 'record'; row: number; fields: string[] }
  | { kind: 'broken'; row: number; raw: string };

export interface CsvReadOptions {
  /** the name errors give the file (default: the path's base name) */
  fileName?: string;
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
}

/** Reads a CSV file (a path or its bytes): first its header, then its records in order. */
export async function* readCsvFileCapped(
  source: ImportSource,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvFileItem> {
  const file = await openImportFile(source, options.fileName);
  const reader = readImportFile(file, {
    format: 'csv',
    encoding: options.encoding,
    delimiter: options.delimiter,
    batchRows: 1000,
  });
  let delimiter = ',';
  let terminator: '\n' | '\r' = '\n';
  try {
    for await (const item of reader) {
      if (item.kind === 'start') {
        delimiter = item.detected.delimiter ?? ',';
        terminator = item.terminator;
        yield { kind: 'header', headers: item.headers, detected: item.detected };
      } else if (item.kind === 'broken') {
        yield { kind: 'broken', row: item.row, raw: item.raw };
      } else if (item.kind === 'rows' && item.batch.text !== undefined) {
        const records: { row: number; fields: string[] }[] = [];
        let row = item.batch.firstRow;
        parseCsv(item.batch.text, delimiter, terminator, (fields) => {
          checkFieldSizes(fields, file.fileName, { row });
          if (!isBlankRecord(fields)) records.push({ row, fields });
          row++;
        });
        for (const r of records) yield { kind: 'record', ...r };
      }
    }
  } finally {
    await reader.return(undefined);
  }
}
