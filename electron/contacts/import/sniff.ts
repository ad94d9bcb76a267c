import type { Delimiter, FileFormat } from './types';

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];
const QUOTE = 34;

/** A vCard file starts with BEGIN:VCARD (after blank lines); everything else is treated as a table. */
export function detectFormat(headText: string, fileName?: string): FileFormat {
  const start = headText.trimStart().slice(0, 11).toUpperCase();
  if (start === 'BEGIN:VCARD') return 'vcard';
  if (fileName && /\.(vcf|vcard)$/i.test(fileName) && !headText.trim()) return 'vcard';
  return 'csv';
}

/** Excel writes `sep=;` as the first line when asked to; it names the delimiter and is not the header. */
export function sepLine(headText: string): { delimiter: Delimiter; length: number } | null {
  const m = /^sep=(.)\r?\n/i.exec(headText);
  if (!m) return null;
  const d = m[1] as Delimiter;
  return CANDIDATES.includes(d) ? { delimiter: d, length: m[0].length } : null;
}

/**
 * Counts each candidate delimiter per record outside quotes, for the first records of the file.
 * A quote opens a quoted field only at the start of a field — the same rule the parser follows.
 */
function countsPerRecord(text: string, maxRecords: number): Map<Delimiter, number[]> {
  const counts = new Map<Delimiter, number[]>(CANDIDATES.map((d) => [d, []]));
  const current = new Map<Delimiter, number>(CANDIDATES.map((d) => [d, 0]));
  let inQuotes = false;
  let fieldStart = true;
  let recordHasContent = false;
  let records = 0;
  const endRecord = () => {
    if (recordHasContent) {
      for (const d of CANDIDATES) counts.get(d)!.push(current.get(d)!);
      records++;
    }
    for (const d of CANDIDATES) current.set(d, 0);
    recordHasContent = false;
    fieldStart = true;
  };
  for (let i = 0; i < text.length && records < maxRecords; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else inQuotes = false;
      }
      continue;
    }
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      continue;
    }
    recordHasContent = true;
    if (c === QUOTE && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      continue;
    }
    if (current.has(ch as Delimiter)) {
      current.set(ch as Delimiter, current.get(ch as Delimiter)! + 1);
      fieldStart = true;
    } else {
      // Any of the candidates could be the real delimiter, so a quote right after one of them also opens a field.
      fieldStart = false;
    }
  }
  // A last record without a line ending only counts when it was not cut by the end of the sample.
  if (records < maxRecords && !inQuotes && text.length < 65_536) endRecord();
  return counts;
}

/**
 * Picks the column separator from the first lines: the candidate that appears in the header and the same number
 * of times in most records wins (a semicolon file with decimal commas has an unsteady comma count).
 * A file with a single column has no delimiter to see; comma is assumed.
 */
export function detectDelimiter(headText: string): Delimiter {
  const sep = sepLine(headText);
  if (sep) return sep.delimiter;
  const counts = countsPerRecord(headText.slice(0, 65_536), 50);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const perRecord = counts.get(d)!;
    const header = perRecord[0] ?? 0;
    if (header === 0) continue;
    const steady = perRecord.filter((n) => n === header).length / perRecord.length;
    // Steadiness first; among equally steady candidates, the one splitting into more columns.
    const score = steady * 1000 + Math.min(header, 999);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
