import iconv from 'iconv-lite';
import { labelSaysMobile } from '../phone-labels';
import { READ_LIMITS, rowTooLong, type ReadLimits } from './limits';

/**
 * vCard 2.1 / 3.0 / 4.0 (iPhone, Android, Outlook, Google exports) read as a stream of cards.
 * Each card becomes a record with fixed columns, so vCard contacts go through the same mapping,
 * normalisation and de-duplication as CSV rows.
 */
export const VCARD_HEADERS = [
  'First Name',
  'Last Name',
  'Full Name',
  'Mobile Phone',
  'Other Phone',
  'E-mail Address',
  'Categories',
  'Organization',
  'Title',
  'Note',
  'Birthday',
] as const;

const COL = Object.fromEntries(VCARD_HEADERS.map((h, i) => [h, i])) as Record<(typeof VCARD_HEADERS)[number], number>;
const MULTI = ' ::: ';

interface Property {
  group: string;
  name: string;
  params: Map<string, string[]>;
  value: string;
}

interface CardState {
  props: Property[];
}

/** Splits on a separator that is not escaped with a backslash. */
function splitUnescaped(value: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && i + 1 < value.length) {
      cur += ch + value[i + 1];
      i++;
    } else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function unescapeText(value: string): string {
  return value.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c)).trim();
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch === '=' && i === value.length - 1) {
      // a soft line break left at the very end
    } else {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
    }
  }
  const cs = iconv.encodingExists(charset) ? charset : 'utf-8';
  return iconv.decode(Buffer.from(bytes), cs);
}

/** `item1.TEL;type=CELL;type=pref:+1 555…` → group, name, params, raw value. */
function parseLine(line: string): Property | null {
  let colon = -1;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return null;
  const [nameWithGroup, ...paramParts] = line.slice(0, colon).split(';');
  const dot = nameWithGroup.lastIndexOf('.');
  const params = new Map<string, string[]>();
  for (const part of paramParts) {
    const eq = part.indexOf('=');
    // vCard 2.1 writes bare parameters: TEL;CELL;PREF: and EMAIL;INTERNET:
    const key =
      eq === -1
        ? /^(quoted-printable|base64|8bit|7bit)$/i.test(part)
          ? 'ENCODING'
          : 'TYPE'
        : part.slice(0, eq).toUpperCase();
    const values = (eq === -1 ? part : part.slice(eq + 1))
      .replace(/"/g, '')
      .split(',')
      .map((v) => v.trim().toLowerCase());
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return {
    group: dot === -1 ? '' : nameWithGroup.slice(0, dot).toLowerCase(),
    name: (dot === -1 ? nameWithGroup : nameWithGroup.slice(dot + 1)).toUpperCase(),
    params,
    value: line.slice(colon + 1),
  };
}

function textOf(p: Property): string {
  const enc = p.params.get('ENCODING')?.[0];
  if (enc === 'quoted-printable') return decodeQuotedPrintable(p.value, p.params.get('CHARSET')?.[0] ?? 'utf-8');
  return p.value;
}

/** Apple's item labels look like `_$!<Mobile>!$_` for built-in ones and plain text for custom ones. */
function appleLabel(value: string): string {
  const m = /^_\$!<(.*)>!\$_$/.exec(value.trim());
  return m ? m[1] : value.trim();
}

function cardToRecord(card: CardState): string[] {
  const rec: string[] = VCARD_HEADERS.map(() => '');
  const labels = new Map<string, string>();
  for (const p of card.props) if (p.name === 'X-ABLABEL' && p.group) labels.set(p.group, appleLabel(textOf(p)));
  const mobiles: string[] = [];
  const others: string[] = [];
  const emails: string[] = [];
  const tags: string[] = [];
  for (const p of card.props) {
    const raw = textOf(p);
    switch (p.name) {
      case 'N': {
        const [family = '', given = ''] = splitUnescaped(raw, ';').map(unescapeText);
        rec[COL['First Name']] ||= given;
        rec[COL['Last Name']] ||= family;
        break;
      }
      case 'FN':
        rec[COL['Full Name']] ||= unescapeText(raw);
        break;
      case 'TEL': {
        const number = unescapeText(raw).replace(/^tel:/i, '');
        if (!number) break;
        const types = p.params.get('TYPE') ?? [];
        const mobile =
          types.some((t) => t === 'cell' || t === 'iphone' || t === 'mobile' || t === 'text') ||
          labelSaysMobile(labels.get(p.group));
        (mobile ? mobiles : others).push(number);
        break;
      }
      case 'EMAIL':
        if (unescapeText(raw)) emails.push(unescapeText(raw));
        break;
      case 'CATEGORIES':
        for (const t of splitUnescaped(raw, ',')) if (unescapeText(t)) tags.push(unescapeText(t));
        break;
      case 'ORG':
        rec[COL.Organization] ||= unescapeText(splitUnescaped(raw, ';')[0]);
        break;
      case 'TITLE':
        rec[COL.Title] ||= unescapeText(raw);
        break;
      case 'NOTE':
        rec[COL.Note] ||= unescapeText(raw);
        break;
      case 'BDAY':
        rec[COL.Birthday] ||= unescapeText(raw);
        break;
    }
  }
  rec[COL['Mobile Phone']] = mobiles.join(MULTI);
  rec[COL['Other Phone']] = others.join(MULTI);
  rec[COL['E-mail Address']] = emails[0] ?? '';
  rec[COL.Categories] = tags.join(MULTI);
  return rec;
}

function isQuotedPrintable(line: string): boolean {
  const colon = line.indexOf(':');
  return colon > 0 && /QUOTED-PRINTABLE/i.test(line.slice(0, colon));
}

/** Binary values (photos, logos, sounds, keys) can be megabytes; nothing in them is a contact detail we keep. */
const BINARY = /^(?:[^:;.]*\.)?(PHOTO|LOGO|SOUND|KEY)[;:]/i;

/**
 * Streams cards out of vCard text. Lines are unfolded (RFC 6350: a line starting with a space or tab continues
 * the previous one) and vCard 2.1 quoted-printable values joined across their soft line breaks (`=` at the end).
 * Binary values are dropped as they stream by; any other line, or a whole card, longer than the limit stops the
 * reading with an error naming the card, so the text held stays bounded whatever the file.
 */
export class VcardReader {
  private pending = '';
  private logical: string | null = null;
  /** the logical line being read is a binary value, dropped */
  private droppingBinary = false;
  private card: CardState | null = null;
  private cardChars = 0;
  private cards = 0;

  constructor(
    private readonly fileName = 'the file',
    private readonly limits: ReadLimits = READ_LIMITS,
  ) {}

  push(text: string, out: string[][]): void {
    let all = this.pending + text;
    // A CR at the end may be the first half of a CRLF that the next chunk completes.
    const heldCr = all.endsWith('\r');
    if (heldCr) all = all.slice(0, -1);
    const lines = all.split(/\r\n|\n|\r/);
    this.pending = (lines.pop() ?? '') + (heldCr ? '\r' : '');
    for (const line of lines) this.line(line, out);
    if (this.pending.length > this.limits.maxRecordChars) {
      // A binary value on one unfolded line: keep only enough to know what it is; the rest is dropped anyway.
      const binary = BINARY.test(this.pending) || (this.droppingBinary && /^[ \t]/.test(this.pending));
      if (!binary) throw this.tooLong();
      this.pending = this.pending.slice(0, 64);
    }
  }

  finish(out: string[][]): void {
    for (const line of this.pending.split(/\r\n|\n|\r/)) if (line) this.line(line, out);
    this.pending = '';
    this.flushLogical(out);
  }

  private tooLong(): Error {
    return rowTooLong(this.fileName, { card: this.cards + (this.card ? 0 : 1) }, this.limits);
  }

  private line(line: string, out: string[][]): void {
    if (
      this.logical !== null &&
      !this.droppingBinary &&
      this.logical.endsWith('=') &&
      isQuotedPrintable(this.logical)
    ) {
      this.logical = this.logical.slice(0, -1) + line;
    } else if (this.logical !== null && (line.startsWith(' ') || line.startsWith('\t'))) {
      if (this.droppingBinary) return;
      this.logical += line.slice(1);
    } else {
      this.flushLogical(out);
      this.droppingBinary = BINARY.test(line);
      this.logical = this.droppingBinary ? '' : line;
    }
    if (this.logical.length > this.limits.maxRecordChars) throw this.tooLong();
  }

  private flushLogical(out: string[][]): void {
    const line = this.logical;
    this.logical = null;
    if (line === null || !line.trim()) return;
    const upper = line.trim().toUpperCase();
    if (upper === 'BEGIN:VCARD') {
      this.card = { props: [] };
      this.cardChars = 0;
      this.cards++;
      return;
    }
    if (upper === 'END:VCARD') {
      if (this.card) out.push(cardToRecord(this.card));
      this.card = null;
      return;
    }
    if (!this.card) return;
    this.cardChars += line.length;
    if (this.cardChars > this.limits.maxRecordChars) throw this.tooLong();
    const prop = parseLine(line);
    if (prop) this.card.props.push(prop);
  }
}

/** All cards of a (small) vCard text. */
export function parseVcards(text: string): string[][] {
  const out: string[][] = [];
  const r = new VcardReader();
  r.push(text, out);
  r.finish(out);
  return out;
}
