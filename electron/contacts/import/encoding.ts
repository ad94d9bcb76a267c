import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { TextEncodingName } from './types';

interface Decoder {
  write(buf: Buffer): string;
  end(): string | undefined;
}

function bomOf(head: Buffer): { encoding: TextEncodingName; length: number } | null {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', length: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 written without a BOM still shows itself: Latin text has a zero byte in every other position. */
function utf16WithoutBom(head: Buffer): TextEncodingName | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) zeroEven++;
    if (head[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Length of `buf` without a UTF-8 sequence cut off at its end (it continues in the next chunk). */
function completeUtf8Length(buf: Buffer): number {
  const len = buf.length;
  for (let i = len - 1; i >= 0 && i >= len - 4; i--) {
    const b = buf[i];
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return len;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return len - i < needed ? i : len;
  }
  return len;
}

/**
 * Turns the bytes of an import file into text as they stream in, detecting the encoding on the way:
 * a BOM decides (UTF-8, UTF-16 LE/BE); UTF-16 without BOM is recognised by its zero bytes; otherwise the file is
 * read as ASCII until the first non-ASCII byte, and that chunk decides between UTF-8 (valid UTF-8) and
 * Windows-1252 (what Excel on Windows writes). The decision is made once; a later invalid UTF-8 byte in a
 * file that started as valid UTF-8 becomes U+FFFD rather than re-reading the file.
 */
export class FileTextDecoder {
  private decoder: Decoder | null = null;
  private head: Buffer | null = Buffer.alloc(0);
  private chosen: TextEncodingName | null;
  private hadBom = false;
  private tail = Buffer.alloc(0);

  constructor(forced?: TextEncodingName) {
    this.chosen = forced ?? null;
  }

  /** The encoding decided so far; a file that was all ASCII reports UTF-8. */
  get encoding(): TextEncodingName {
    return this.chosen ?? 'utf-8';
  }

  get bom(): boolean {
    return this.hadBom;
  }

  write(chunk: Buffer): string {
    if (this.head) {
      // Wait for enough bytes to see a BOM, unless the whole file is shorter.
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < 4) return '';
      chunk = this.takeHead();
    }
    return this.decode(chunk);
  }

  end(): string {
    let text = '';
    if (this.head) text = this.decode(this.takeHead(), true);
    if (!this.decoder && this.tail.length) text += this.decode(Buffer.alloc(0), true);
    return text + (this.decoder?.end() ?? '');
  }

  private takeHead(): Buffer {
    let buf = this.head!;
    this.head = null;
    const bom = bomOf(buf);
    if (bom) {
      this.hadBom = true;
      buf = buf.subarray(bom.length);
      this.chosen ??= bom.encoding;
    } else {
      this.chosen ??= utf16WithoutBom(buf);
    }
    if (this.chosen) this.decoder = iconv.getDecoder(this.chosen, { stripBOM: false });
    return buf;
  }

  private decode(buf: Buffer, final = false): string {
    if (this.decoder) return this.decoder.write(buf);
    if (this.tail.length) {
      buf = Buffer.concat([this.tail, buf]);
      this.tail = Buffer.alloc(0);
    }
    if (isAscii(buf)) return buf.toString('latin1');
    const complete = final ? buf.length : completeUtf8Length(buf);
    const body = buf.subarray(0, complete);
    if (isAscii(body)) {
      // The only non-ASCII bytes are a possibly cut sequence at the end: decide when the next chunk completes it.
      this.tail = Buffer.from(buf.subarray(complete));
      return body.toString('latin1');
    }
    this.chosen = isUtf8(body) ? 'utf-8' : 'windows-1252';
    this.decoder = iconv.getDecoder(this.chosen, { stripBOM: false });
    return this.decoder.write(buf);
  }
}

/** Decodes a whole (small) buffer; used for previews and tests. */
export function decodeBytes(
  bytes: Uint8Array,
  forced?: TextEncodingName,
): { text: string; encoding: TextEncodingName; bom: boolean } {
  const d = new FileTextDecoder(forced);
  const text = d.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) + d.end();
  return { text, encoding: d.encoding, bom: d.bom };
}
