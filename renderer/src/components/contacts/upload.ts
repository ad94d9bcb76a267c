import { IMPORT_MAX_BYTES } from '../../../../shared/ipc/channels/contacts';
import { api } from '../../api/client';
import { formatBytes } from './format';
import { readAsBase64 } from './files';

/** Bytes per request: a piece stays well under what one IPC message or harness request carries. */
const PIECE_BYTES = 3 * 1024 * 1024;

export interface UploadedFile {
  fileId: string;
  name: string;
  size: number;
}

/** Why a chosen file cannot be imported before anything is sent, or null. */
export function refuseFile(file: File): string | null {
  if (file.size === 0) return `"${file.name}" is empty.`;
  if (file.size > IMPORT_MAX_BYTES) {
    return `"${file.name}" is ${formatBytes(file.size)}; an import takes files up to ${formatBytes(IMPORT_MAX_BYTES)}. Split it into smaller files and import them one after another.`;
  }
  return null;
}

type UploadPiece = (input: { name: string; dataBase64: string; fileId?: string }) => Promise<{ fileId: string }>;

/**
 * Sends a file's bytes to main in pieces (the first one names the file, the rest add to it), through the contacts
 * import's upload or another import's (`orders.importUpload`).
 */
export async function uploadFile(
  file: File,
  onProgress: (sent: number) => void,
  upload: UploadPiece = (i) => api.contacts.importUpload(i),
): Promise<UploadedFile> {
  let fileId: string | undefined;
  let result: { fileId: string } | null = null;
  for (let start = 0; start < file.size; start += PIECE_BYTES) {
    const dataBase64 = await readAsBase64(file.slice(start, start + PIECE_BYTES), file.name);
    result = await upload({ name: file.name, dataBase64, ...(fileId ? { fileId } : {}) });
    fileId = result.fileId;
    onProgress(Math.min(file.size, start + PIECE_BYTES));
  }
  if (!result) throw new Error(`"${file.name}" is empty.`);
  return { fileId: result.fileId, name: file.name, size: file.size };
}
