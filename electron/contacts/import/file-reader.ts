import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import { detectTerminator, isBlankRecord, parseCsv, type LineTerminator } from './csv-parser';
import { CsvRecordScanner, type ScanItem } from './csv-scanner';
import { FileTextDecoder } from './encoding';
import type { RowBatch } from './batch';
import { detectDelimiter, detectFormat, sepLine } from './sniff';
import type { Delimiter, DetectedFile, FileFormat, ImportSource, TextEncodingName } from './types';
import { VCARD_HEADERS, VcardReader } from './vcard';
import { checkFieldSizes, READ_LIMITS, rowTooLong, tooManyColumns } from './limits';

const READ_CHUNK = 1 << 20;
const HEAD_CHARS = 64 * 1024;
/** text of the vCard cards in one batch, at most (about) */
const BATCH_CHARS = 4 * 1024 * 1024;

function charsOf(cards: string[][]): number {
  let n = 0;
  for (const card of cards) for (const v of card) n += v.length;
  return n;
}

export interface OpenedFile {
  fileName: string;
  size: number;
  chunks(): AsyncIterable<Buffer>;
}

/** A path is read as a stream; bytes (drag and drop) are handed out in the same sized pieces. */
export async function openImportFile(source: ImportSource, fileName?: string): Promise<OpenedFile> {
  if (typeof source === 'string') {
    const name = fileName ?? basename(source);
    let size: number;
    try {
      const st = await stat(source);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch (e) {
      throw new AppError(
        'not_found',
        `The file "${name}" could not be opened (${(e as Error).message}). Check that it still exists.`,
      );
    }
    return { fileName: name, size, chunks: () => createReadStream(source, { highWaterMark: READ_CHUNK }) };
  }
  const bytes = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  return {
    fileName: fileName ?? 'import.csv',
    size: bytes.length,
    async *chunks() {
      for (let i = 0; i < bytes.length; i += READ_CHUNK) yield bytes.subarray(i, i + READ_CHUNK);
    },
  };
}

export type FileItem =
  | { kind: 'start'; detected: DetectedFile; headers: string[]; terminator: LineTerminator }
  | { kind: 'rows'; batch: RowBatch; count: number; bytesRead: number }
  | { kind: 'broken'; row: number; raw: string; bytesRead: number }
  | { kind: 'end'; encoding: TextEncodingName; bytesRead: number };

export interface ReadOptions {
  format?: FileFormat;
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  /** records per batch */
  batchRows?: number;
}

/**
 * Streams an import file as: its shape (format, encoding, delimiter, headers), then batches of records for the
 * row workers, then the final encoding. Never holds more than about one read chunk of text at a time.
 */
export async function* readImportFile(file: OpenedFile, options: ReadOptions = {}): AsyncGenerator<FileItem> {
  const decoder = new FileTextDecoder(options.encoding);
  const batchRows = options.batchRows ?? 5000;
  const source = file.chunks()[Symbol.asyncIterator]();
  let bytesRead = 0;
  let eof = false;
  const more = async (): Promise<string> => {
    const r = await source.next();
    if (r.done) {
      eof = true;
      return decoder.end();
    }
    bytesRead += r.value.length;
    return decoder.write(r.value);
  };

  try {
    let text = '';
    while (!eof && text.length < HEAD_CHARS) text += await more();
    const format = options.format ?? detectFormat(text, file.fileName);

    if (format === 'vcard') {
      yield {
        kind: 'start',
        detected: { format, encoding: decoder.encoding, bom: decoder.bom, delimiter: null },
        headers: [...VCARD_HEADERS],
        terminator: '\n',
      };
      const reader = new VcardReader(file.fileName);
      let nextRow = 1;
      let cards: string[][] = [];
      // A batch is handed on at batchRows cards, or sooner when its cards hold much text (each may hold up to a megabyte).
      const flush = (all: boolean): FileItem[] => {
        const items: FileItem[] = [];
        while (cards.length >= batchRows || ((all || charsOf(cards) > BATCH_CHARS) && cards.length)) {
          const records = cards.slice(0, batchRows);
          cards = cards.slice(records.length);
          items.push({ kind: 'rows', batch: { firstRow: nextRow, records }, count: records.length, bytesRead });
          nextRow += records.length;
        }
        return items;
      };
      for (;;) {
        reader.push(text, cards);
        yield* flush(false);
        if (eof) break;
        text = await more();
      }
      reader.finish(cards);
      yield* flush(true);
      yield { kind: 'end', encoding: decoder.encoding, bytesRead };
      return;
    }

    const sep = sepLine(text);
    if (sep) text = text.slice(sep.length);
    const delimiter = options.delimiter ?? sep?.delimiter ?? detectDelimiter(text);
    const terminator = detectTerminator(text);
    let headers: string[] | null = null;
    let headerEnd = 0;
    for (;;) {
      parseCsv(text, delimiter, terminator, (fields, _start, end) => {
        // A record running to the end of the text so far may continue in the next chunk.
        if (!eof && end >= text.length) return false;
        if (isBlankRecord(fields)) return;
        headers = fields.map((h) => h.trim());
        headerEnd = end;
        return false;
      });
      if (headers || eof) break;
      // The header is searched for in the text read so far: a file that is one huge line must not be read whole.
      if (text.length > READ_LIMITS.maxRecordChars) throw rowTooLong(file.fileName, { header: true });
      text += await more();
    }
    if (!headers) throw new AppError('invalid_input', `"${file.fileName}" has no rows: the file is empty.`);
    const headerFields: string[] = headers;
    if (headerEnd > READ_LIMITS.maxRecordChars) throw rowTooLong(file.fileName, { header: true });
    if (headerFields.length > READ_LIMITS.maxColumns) throw tooManyColumns(file.fileName, headerFields.length);
    checkFieldSizes(headerFields, file.fileName, { header: true });
    yield {
      kind: 'start',
      detected: { format, encoding: decoder.encoding, bom: decoder.bom, delimiter },
      headers,
      terminator,
    };

    const scanner = new CsvRecordScanner(delimiter, terminator, 1, batchRows, undefined, file.fileName);
    const items: ScanItem[] = [];
    const drain = function* (): Generator<FileItem> {
      for (const it of items) {
        if (it.kind === 'records')
          yield { kind: 'rows', batch: { firstRow: it.firstRow, text: it.text }, count: it.count, bytesRead };
        else yield { kind: 'broken', row: it.row, raw: it.raw, bytesRead };
      }
      items.length = 0;
    };
    text = text.slice(headerEnd);
    for (;;) {
      scanner.push(text, items);
      yield* drain();
      if (eof) break;
      text = await more();
    }
    scanner.finish(items);
    yield* drain();
    yield { kind: 'end', encoding: decoder.encoding, bytesRead };
  } finally {
    await source.return?.();
  }
}
