import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { basename, join } from 'node:path';
import type { AudienceFilter } from '../../shared/audience';
import { AppError } from '../../shared/errors';
import { CONTACT_EXPORT_INLINE_BYTES, type ContactExportResult } from '../../shared/ipc/channels/contacts';
import type { Db } from '../db/db';
import { audienceCondition } from './filter';
import { exportChunk } from './queries-export';
import { customFieldKeys, fieldValuesBetween } from './queries-tags';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../security/private-files';

/**
 * Headers of the contacts CSV. Custom fields follow the fixed columns, headed by their key, so that importing the
 * file again puts each value back in the same field; the phone, name, email and tag columns use names the import
 * recognises.
 */
const HEAD = ['Phone', 'First Name', 'Last Name', 'Email', 'Tags'];
const TAIL = [
  'Opted Out',
  'Opted Out At',
  'Textable',
  'Not Textable Reason',
  'Line Type',
  'Carrier',
  'Created At',
  'Last Contacted At',
];

/**
 * One CSV cell. A cell a spreadsheet would run as a formula (=, +, -, @ …) gets a leading apostrophe, unless it is
 * made of phone-number characters only (the phone, "other phones"): those cannot call a function, and an
 * apostrophe would stick to the number when the file is imported again.
 */
export function contactCsvCell(value: string | null): string {
  if (value === null) return '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text) && !/^[+\d][\d\s+().-]*$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows read per query: the database is free for the app's other work between chunks. */
const CHUNK = 5_000;

/**
 * Writes every contact the filter matches (oldest first) to `path` as UTF-8 CSV with a byte-order mark (so Excel
 * shows accents), streamed chunk by chunk so a million contacts need no more memory than a thousand.
 * Cells that would start a spreadsheet formula get a leading apostrophe.
 */
export async function writeContactsCsv(
  db: Db,
  filter: AudienceFilter,
  path: string,
  now: Date,
): Promise<{ rows: number; bytes: number }> {
  const audience = audienceCondition(db, filter, now);
  const fields = customFieldKeys(db);
  let out;
  try {
    out = createWriteStream(path, { mode: PRIVATE_FILE_MODE });
    await once(out, 'open');
  } catch (err) {
    throw new AppError(
      'internal',
      `Could not write ${path}: ${(err as Error).message}. Choose another file or folder.`,
    );
  }
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  let rows = 0;
  try {
    await write(`\uFEFF${[...HEAD, ...fields.map((f) => f.key), ...TAIL].map(contactCsvCell).join(',')}\r\n`);
    for (let after = 0; ;) {
      const chunk = exportChunk(db, audience, after, CHUNK);
      if (!chunk.length) break;
      const first = chunk[0].id;
      after = chunk[chunk.length - 1].id;
      const custom = new Map<string, string>();
      for (const v of fieldValuesBetween(db, first, after)) custom.set(`${v.contact_id}:${v.field_id}`, v.value);
      let text = '';
      for (const r of chunk) {
        const cells = [
          r.phone,
          r.first_name,
          r.last_name,
          r.email,
          r.tags,
          ...fields.map((f) => custom.get(`${r.id}:${f.id}`) ?? null),
          r.opted_out ? 'yes' : 'no',
          r.opted_out_at,
          r.textable ? 'yes' : 'no',
          r.not_textable_reason,
          r.line_type,
          r.carrier,
          r.created_at,
          r.last_contacted_at,
        ];
        text += `${cells.map(contactCsvCell).join(',')}\r\n`;
      }
      rows += chunk.length;
      await write(text);
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { rows, bytes };
}

/** Exports to a new file in the data folder's exports/ folder; the text comes back too when it is small. */
export async function exportContacts(
  db: Db,
  filter: AudienceFilter,
  dataDir: string,
  now: Date,
): Promise<ContactExportResult> {
  const dir = join(dataDir, 'exports');
  ensurePrivateDir(dir);
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  let path = join(dir, `contacts-${stamp}.csv`);
  for (let n = 2; existsSync(path); n++) path = join(dir, `contacts-${stamp}-${n}.csv`);
  const { rows, bytes } = await writeContactsCsv(db, filter, path, now);
  return {
    path,
    fileName: basename(path),
    rows,
    bytes,
    csv: bytes <= CONTACT_EXPORT_INLINE_BYTES ? readFileSync(path, 'utf8') : null,
  };
}
