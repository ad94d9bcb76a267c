/**
 * The CSV dialect of contact exports, parsed from text that starts at a record boundary.
 *
 * Rules (the record scanner in csv-scanner.ts follows the same ones, so both agree on where records end):
 * - a record ends at the line terminator: "\n" (an "\r" right before it is dropped) or, for files written with
 *   old-Mac line endings and no "\n" at all, "\r";
 * - a field that starts with `"` is quoted: `""` inside is one quote; delimiters and line breaks inside are data;
 * - text after a closing quote up to the next delimiter is kept as it is (`"5" tall` → `5 tall`), like
 *   spreadsheet programs do, instead of failing the whole file;
 * - a quote inside an unquoted field is an ordinary character (`5" tall`);
 * - records may have any number of fields (ragged rows); blank lines are records with one empty field.
 *
 * csv-parse (with relax_quotes and relax_column_count) reads well-formed files the same way; the unit tests
 * check that on generated files. This hand-written parser exists because it is several times faster, and the
 * import of a million rows has a ten-second budget.
 */

export type LineTerminator = '\n' | '\r';

const QUOTE = 34;
const CR = 13;

export type RecordHandler = (fields: string[], start: number, end: number) => boolean | void;

/** Calls `onRecord` for each record of `text`; returning false stops. Returns the position where it stopped. */
export function parseCsv(text: string, delimiter: string, terminator: LineTerminator, onRecord: RecordHandler): number {
  const n = text.length;
  const termCode = terminator.charCodeAt(0);
  const lf = terminator === '\n';
  let pos = 0;
  let nextTerm = -1;
  let nextDelim = -1;

  // Position of the next delimiter or terminator at or after `from` (n when none).
  const stopAt = (from: number): number => {
    if (nextTerm < from) {
      nextTerm = text.indexOf(terminator, from);
      if (nextTerm === -1) nextTerm = n;
    }
    if (nextDelim < from) {
      nextDelim = text.indexOf(delimiter, from);
      if (nextDelim === -1) nextDelim = n;
    }
    return nextTerm < nextDelim ? nextTerm : nextDelim;
  };
  // Slice up to a stop, leaving out the "\r" of a "\r\n" terminator.
  const sliceTo = (from: number, stop: number): string =>
    lf &&
    stop > from &&
    stop < n + 1 &&
    text.charCodeAt(stop - 1) === CR &&
    (stop === n || text.charCodeAt(stop) === termCode)
      ? text.slice(from, stop - 1)
      : text.slice(from, stop);

  while (pos < n) {
    const start = pos;
    const fields: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        value = '';
        let p = pos + 1;
        for (;;) {
          const q = text.indexOf('"', p);
          if (q === -1) {
            // Unclosed quote: the scanner never hands such text over, but parse it to the end rather than fail.
            value += text.slice(p);
            p = n;
            break;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(p, q + 1);
            p = q + 2;
            continue;
          }
          value += text.slice(p, q);
          p = q + 1;
          break;
        }
        pos = p;
        if (pos < n) {
          const stop = stopAt(pos);
          if (stop > pos) value += sliceTo(pos, stop);
          pos = stop;
        }
      } else {
        const stop = pos < n ? stopAt(pos) : n;
        value = sliceTo(pos, stop);
        pos = stop;
      }
      fields.push(value);
      if (pos >= n) break;
      const c = text.charCodeAt(pos);
      pos++;
      if (c === termCode) break;
      // a delimiter: another field follows, possibly empty at the end of the text
      if (pos >= n) {
        fields.push('');
        break;
      }
    }
    if (onRecord(fields, start, pos) === false) return pos;
  }
  return pos;
}

/** All records of a text; for small texts (previews, tests). */
export function parseCsvRecords(text: string, delimiter: string, terminator: LineTerminator = '\n'): string[][] {
  const out: string[][] = [];
  parseCsv(text, delimiter, terminator, (fields) => {
    out.push(fields);
  });
  return out;
}

/** Files with "\n" anywhere use it as the terminator; only files with no "\n" at all use "\r". */
export function detectTerminator(headText: string): LineTerminator {
  return headText.includes('\n') || !headText.includes('\r') ? '\n' : '\r';
}

export function isBlankRecord(fields: string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

/** Writes fields back as one CSV line (for reject reports and tests). */
export function toCsvLine(fields: readonly string[], delimiter = ','): string {
  return fields
    .map((f) =>
      f.includes('"') || f.includes(delimiter) || f.includes('\n') || f.includes('\r')
        ? `"${f.replace(/"/g, '""')}"`
        : f,
    )
    .join(delimiter);
}
