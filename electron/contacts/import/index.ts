/** The contact import: the API the IPC handlers, the CLI and the tests call. */
export { runImport, previewImport, undoImportInWorker, type ImportControl, type ImportPreview } from './run';
export { inspectImport, type ImportInspection, type SampleRow } from './inspect';
export { undoImport, recoverInterruptedImports, type UndoReport } from './undo';
export { listImports, getImport, rejectsCsv, type ImportSummary } from './history';
export { importOptionsSchema } from './options';
export type * from './types';
