/** The contact import: the API the IPC handlers, the CLI and the tests call. */
export { runImport, previewImport, undoImportInWorker, type ImportControl, type ImportPreview } from './run';
export { inspectImport, type ImportInspection, type SampleRow } from './inspect';
export { undoImport, recoverInterruptedImports, type UndoReport } from './undo';
// The import history reads through the query builder; the import itself does not, so a process that only previews or
// imports a file (a worker's parent, the hostile-files benchmark) loads without it: import it from './history'.
export type { ImportSummary } from './history';
export { importOptionsSchema } from './options';
export type * from './types';
