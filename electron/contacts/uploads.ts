import { appendFileSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { ensurePrivateDir } from '../security/private-files';
import { IMPORT_MAX_BYTES } from '../../shared/ipc/channels/contacts';

/**
 * Files sent for an import (drag and drop in the app, a file picker in the browser harness) wait in the data
 * folder's uploads/ folder, one folder per upload holding the file under its own name, until they are imported
 * or a day has passed. Bytes travel as base64 over IPC, whole or in pieces appended in order.
 */

export interface StoredUpload {
  fileId: string;
  name: string;
  path: string;
  size: number;
}

const FILE_ID = /^upl_[A-Za-z0-9_-]{8,40}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DAY_MS = 86_400_000;

const uploadsDir = (dataDir: string) => join(dataDir, 'uploads');

/** A file name that is safe as a path component and still recognisable to the owner. */
function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .map((ch) => (ch.charCodeAt(0) < 32 || '<>:"|?*'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'contacts.csv';
}

function decode(dataBase64: string): Buffer {
  if (dataBase64.length % 4 !== 0 || !BASE64.test(dataBase64)) {
    throw new AppError(
      'invalid_input',
      'dataBase64: expected base64 text (a piece of a file must be a whole number of 3-byte groups, except the last).',
    );
  }
  return Buffer.from(dataBase64, 'base64');
}

function tooBig(size: number, maxBytes: number): AppError {
  const mb = (b: number) => `${Math.ceil(b / 1024 / 1024)} MB`;
  return new AppError(
    'invalid_input',
    `The file is larger than ${mb(maxBytes)} (${mb(size)} so far). Split it into smaller files and import them one after another.`,
  );
}

/** Stores a new upload, or appends a piece to the upload `fileId`. */
export function storeUpload(
  dataDir: string,
  input: { name: string; dataBase64: string; fileId?: string },
  now: Date,
  maxBytes = IMPORT_MAX_BYTES,
): StoredUpload {
  const bytes = decode(input.dataBase64);
  if (input.fileId !== undefined) {
    const existing = findUpload(dataDir, input.fileId);
    const size = existing.size + bytes.length;
    if (size > maxBytes) {
      removeUpload(dataDir, input.fileId);
      throw tooBig(size, maxBytes);
    }
    appendFileSync(existing.path, bytes);
    return { ...existing, size };
  }
  if (bytes.length > maxBytes) throw tooBig(bytes.length, maxBytes);
  sweepOldUploads(dataDir, now);
  const fileId = `upl_${randomBytes(12).toString('base64url')}`;
  ensurePrivateDir(uploadsDir(dataDir));
  const dir = join(uploadsDir(dataDir), fileId);
  ensurePrivateDir(dir);
  const name = safeName(input.name);
  const path = join(dir, name);
  writeFileSync(path, bytes, { mode: 0o600 });
  return { fileId, name, path, size: bytes.length };
}

export function findUpload(dataDir: string, fileId: string): StoredUpload {
  const dir = join(uploadsDir(dataDir), fileId);
  const name = FILE_ID.test(fileId) && existsSync(dir) ? readdirSync(dir)[0] : undefined;
  if (name === undefined) {
    throw new AppError(
      'not_found',
      'That uploaded file is no longer there (uploads are kept for a day, and removed once imported). Choose the file again.',
    );
  }
  const path = join(dir, name);
  return { fileId, name, path, size: statSync(path).size };
}

export function removeUpload(dataDir: string, fileId: string): void {
  if (FILE_ID.test(fileId)) rmSync(join(uploadsDir(dataDir), fileId), { recursive: true, force: true });
}

/** Forgets uploads older than a day: a file chosen and never imported should not stay in the data folder. */
export function sweepOldUploads(dataDir: string, now: Date, maxAgeMs = DAY_MS): void {
  const dir = uploadsDir(dataDir);
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    try {
      if (now.getTime() - statSync(join(dir, entry)).mtimeMs > maxAgeMs)
        rmSync(join(dir, entry), { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another sweep: nothing to do.
    }
  }
}
