import type { z } from 'zod';
import type { contactChannels, importOptionsInput, ImportPreviewView } from '../../shared/ipc/channels/contacts';
import type { DeskCore } from '../core';
import type { Handler } from '../ipc/dispatch';
import { inspectImport, previewImport, undoImportInWorker, type ImportOptions } from './import';
import { listImports, rejectsCsv } from './import/history';
import type { ContactServices } from './services';
import { importRejectCount } from './queries-import';
import { findUpload, storeUpload } from './uploads';

type ImportChannel =
  | 'contacts:importUpload'
  | 'contacts:importPreview'
  | 'contacts:importRun'
  | 'contacts:importCancel'
  | 'contacts:importStatus'
  | 'imports:list'
  | 'imports:undo'
  | 'imports:rejectsCsv';

/** The user's choices as the import engine takes them, with the uploaded file's own name for the history. */
export function engineOptions(options: z.output<typeof importOptionsInput>, fileName: string): ImportOptions {
  return {
    ...options,
    mapping: options.mapping as ImportOptions['mapping'],
    defaultCountry: options.defaultCountry.toUpperCase(),
    fileName,
  };
}

export function createImportHandlers(
  core: DeskCore,
  services: ContactServices,
): { [C in ImportChannel & keyof typeof contactChannels]: Handler<C> } {
  const { db } = core;
  const dataDir = core.paths.dataDir;
  return {
    'contacts:importUpload': (input) => {
      const { fileId, size, name } = storeUpload(dataDir, input, core.now());
      return { fileId, size, name };
    },
    'contacts:importPreview': async ({ fileId, options, counts }): Promise<ImportPreviewView> => {
      const upload = findUpload(dataDir, fileId);
      const opts = engineOptions(options, upload.name);
      if (!counts) return { ...(await inspectImport(upload.path, opts)), counts: null, rejects: [] };
      return previewImport(core.paths.dbPath, upload.path, opts, {
        now: core.now,
        nativeBinding: services.nativeBinding,
      });
    },
    'contacts:importRun': ({ fileId, options, dryRun }) => {
      const upload = findUpload(dataDir, fileId);
      const importId = services.imports.start(
        { path: upload.path, fileName: upload.name },
        engineOptions(options, upload.name),
        dryRun,
      );
      services.uploadOf.set(importId, fileId);
      // A dry run writes nothing, not even to the audit log.
      if (!dryRun) core.audit('import.start', importId, { fileName: upload.name });
      return { importId };
    },
    'contacts:importCancel': ({ importId }) => ({ cancelled: services.imports.cancel(importId) }),
    'contacts:importStatus': ({ importId }) => services.imports.status(importId),
    'imports:list': ({ limit }) => listImports(db, limit),
    'imports:undo': async ({ importId }) => {
      const report = await undoImportInWorker(core.paths.dbPath, importId, {
        now: core.now,
        nativeBinding: services.nativeBinding,
      });
      core.audit('import.undo', importId, { removed: report.removed, restored: report.restored });
      services.search.catchUp();
      core.events.emit('app:dataChanged', { area: 'contacts' });
      return report;
    },
    'imports:rejectsCsv': ({ importId }) => {
      const csv = rejectsCsv(db, importId, { bom: true });
      const rows = importRejectCount(db, importId);
      return { csv, rows, fileName: `rejected-rows-${importId}.csv` };
    },
  };
}
