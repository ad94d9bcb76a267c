import type { LineTerminator } from './csv-parser';
import { READ_LIMITS, rowTooLong } from './limits';

/** A run of whole records for a parser, or one record whose quote never closes. */
export type ScanItem =
  { kind: 'records'; text: string; firstRow: number; count: number } | { kind: 'broken'; row: number; raw: string };

const QUOTE = 34;
/** A quoted field longer than this is taken to be a stray quote, not a real value. */
const MAX_QUOTED_CHARS = 1 << 20;

/**
 * Cuts streamed CSV text into runs of whole records without parsing the fields, so the parsing can happen in
 * worker threads. It only tracks whether it is inside a quoted field, following the rules of csv-parser.ts:
 * a quote opens a field only right after a delimiter or at the start of a record.
 *
 * A quote that never closes would swallow the rest of the file; instead, once the quoted text passes 1 MB or
 * the file ends, that record is cut at the end of the line holding the quote and reported as broken, and
 * reading resumes on the next line. A record that grows past `maxRecordChars` without ending (a file that is one
 * huge line) stops the reading with an error naming its row, so the text held stays bounded.
 */
export class CsvRecordScanner {
  private buf = '';
  private pos = 0;
  private inQuotes = false;
  private skippingLine = false;
  private quoteAt = -1;
  private recordStart = 0;
  /** ends of complete runs of records in buf, with how many records each run holds */
  private cuts: { end: number; count: number }[] = [];
  private recordsSinceCut = 0;
  private rowsBeforeBuf: number;
  private readonly delimCode: number;
  private nextQuote = -1;
  private nextTerm = -1;

  constructor(
    private readonly delimiter: string,
    private readonly terminator: LineTerminator,
    firstRow = 1,
    private readonly chunkRows = 5000,
    private readonly maxQuoted = MAX_QUOTED_CHARS,
    private readonly fileName = 'the file',
    private readonly maxRecordChars = READ_LIMITS.maxRecordChars,
  ) {
    this.delimCode = delimiter.charCodeAt(0);
    this.rowsBeforeBuf = firstRow - 1;
  }

  push(text: string, out: ScanItem[]): void {
    this.buf = this.buf.length ? this.buf + text : text;
    // Cached "not found" positions were relative to the shorter text.
    this.nextQuote = -1;
    this.nextTerm = -1;
    this.scan(false, out);
  }

  finish(out: ScanItem[]): void {
    this.scan(true, out);
    if (this.recordStart < this.buf.length) this.closeRecord(this.buf.length);
    this.emitComplete(out);
  }

  private scan(final: boolean, out: ScanItem[]): void {
    if (this.skippingLine) {
      // The rest of a broken line arrives in this chunk (or a later one): drop it.
      const end = this.buf.indexOf(this.terminator);
      if (end === -1) {
        this.buf = '';
        this.pos = 0;
        return;
      }
      this.skippingLine = false;
      this.rebase(end + 1);
      this.pos = 0;
      this.recordStart = 0;
    }
    const buf = this.buf;
    const len = buf.length;
    let pos = this.pos;
    while (pos < len) {
      if (this.inQuotes) {
        const q = buf.indexOf('"', pos);
        if (q === -1 || (q + 1 >= len && !final)) {
          // Need more text to see whether the quote closes (or is doubled).
          pos = q === -1 ? len : q;
          break;
        }
        if (buf.charCodeAt(q + 1) === QUOTE) {
          pos = q + 2;
          continue;
        }
        this.inQuotes = false;
        pos = q + 1;
        continue;
      }
      if (this.nextTerm < pos) this.nextTerm = indexOrEnd(buf, this.terminator, pos);
      if (this.nextQuote < pos) this.nextQuote = indexOrEnd(buf, '"', pos);
      if (this.nextTerm < this.nextQuote) {
        if (this.nextTerm === len) {
          pos = len;
          break;
        }
        pos = this.nextTerm + 1;
        this.closeRecord(pos);
        continue;
      }
      if (this.nextQuote === len) {
        pos = len;
        break;
      }
      const q = this.nextQuote;
      if (q === this.recordStart || buf.charCodeAt(q - 1) === this.delimCode) {
        this.inQuotes = true;
        this.quoteAt = q;
      }
      pos = q + 1;
    }
    this.pos = pos;
    if (this.inQuotes && (final || len - this.quoteAt > this.maxQuoted)) {
      this.breakRecord(out, final);
      this.scan(final, out);
      return;
    }
    if (len - this.recordStart > this.maxRecordChars)
      throw rowTooLong(
        this.fileName,
        { row: this.currentRow() },
        { ...READ_LIMITS, maxRecordChars: this.maxRecordChars },
      );
    this.emitComplete(out);
  }

  /** The row number of the record not yet ended. */
  private currentRow(): number {
    let row = this.rowsBeforeBuf + this.recordsSinceCut + 1;
    for (const cut of this.cuts) row += cut.count;
    return row;
  }

  private closeRecord(end: number): void {
    this.recordStart = end;
    if (++this.recordsSinceCut >= this.chunkRows) {
      this.cuts.push({ end, count: this.recordsSinceCut });
      this.recordsSinceCut = 0;
    }
  }

  /** Emits every complete record, in runs of chunkRows, and keeps the unfinished one. */
  private emitComplete(out: ScanItem[]): void {
    if (this.recordsSinceCut > 0) {
      this.cuts.push({ end: this.recordStart, count: this.recordsSinceCut });
      this.recordsSinceCut = 0;
    }
    if (!this.cuts.length) return;
    let from = 0;
    for (const cut of this.cuts) {
      out.push({
        kind: 'records',
        text: this.buf.slice(from, cut.end),
        firstRow: this.rowsBeforeBuf + 1,
        count: cut.count,
      });
      this.rowsBeforeBuf += cut.count;
      from = cut.end;
    }
    this.cuts = [];
    this.rebase(from);
  }

  /** The record holding the unclosed quote ends with the line the quote is on; the next line starts afresh. */
  private breakRecord(out: ScanItem[], final: boolean): void {
    this.emitComplete(out);
    const buf = this.buf;
    const lineEnd = buf.indexOf(this.terminator, this.quoteAt);
    const end = lineEnd === -1 ? buf.length : lineEnd;
    let raw = buf.slice(0, end);
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    out.push({ kind: 'broken', row: this.rowsBeforeBuf + 1, raw: raw.slice(0, 2000) });
    this.rowsBeforeBuf += 1;
    this.inQuotes = false;
    // Cut by the size limit before its line ended: the rest of that line is dropped when it arrives.
    if (lineEnd === -1 && !final) this.skippingLine = true;
    this.rebase(lineEnd === -1 ? buf.length : lineEnd + 1);
    this.pos = 0;
    this.recordStart = 0;
  }

  private rebase(from: number): void {
    if (from === 0) return;
    this.buf = this.buf.slice(from);
    this.pos -= from;
    if (this.pos < 0) this.pos = 0;
    this.recordStart -= from;
    this.quoteAt -= from;
    this.nextQuote = -1;
    this.nextTerm = -1;
  }
}

function indexOrEnd(s: string, needle: string, from: number): number {
  const i = s.indexOf(needle, from);
  return i === -1 ? s.length : i;
}
