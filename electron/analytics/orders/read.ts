import {
  isBlankRecord,
  parseCsv,
  type LineTerminator,
  openImportFile,
  readImportFile,
  type DetectedFile,
  type Delimiter,
  type TextEncodingName,
} from '../../contacts';

export interface OrdersFile {
  fileName: string;
  fileSize: number;
  detected: DetectedFile;
  headers: string[];
  /** Data rows, numbered from 1 (the header is not a row), blank rows left out. */
  rows: Array<{ row: number; fields: string[] }>;
  /** Rows whose quoting is broken, with their text. */
  broken: Array<{ row: number; raw: string }>;
}

/**
 * An orders file read by the contacts import's reader (encoding and BOM detection, delimiter sniffing, `sep=`
 * lines, quoted newlines, and its field and line size limits). Orders files are a few thousand rows: kept whole.
 */
export async function readOrdersFile(
  path: string,
  name: string,
  options: { encoding?: TextEncodingName; delimiter?: Delimiter } = {},
): Promise<OrdersFile> {
  const file = await openImportFile(path, name);
  let detected: DetectedFile | null = null;
  let headers: string[] = [];
  const rows: OrdersFile['rows'] = [];
  const broken: OrdersFile['broken'] = [];
  let terminator: LineTerminator = '\n';
  for await (const item of readImportFile(file, { ...options, format: 'csv' })) {
    if (item.kind === 'start') {
      detected = item.detected;
      headers = item.headers;
      terminator = item.terminator;
    } else if (item.kind === 'broken') broken.push({ row: item.row, raw: item.raw });
    else if (item.kind === 'rows') {
      let row = item.batch.firstRow;
      if (item.batch.records) for (const fields of item.batch.records) rows.push({ row: row++, fields });
      else if (item.batch.text !== undefined && detected) {
        parseCsv(item.batch.text, detected.delimiter ?? ',', terminator, (fields) => {
          if (!isBlankRecord(fields)) rows.push({ row, fields });
          row++;
        });
      }
    }
  }
  if (!detected) throw new Error(`${name}: no header found`);
  return { fileName: name, fileSize: file.size, detected, headers, rows, broken };
}
