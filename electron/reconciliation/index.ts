// The public face of electron/reconciliation/: what other domains may import from it, each name from the module that defines it.
// Other domains import only this file (eslint.config.js); it is kept by the boundaries codemod, so edit it by hand
// only to forward a name a domain is about to use.
export { createReconciler } from './reconciler';
export type { Reconciler, ReconcilerOptions } from './reconciler';
export { lastFinishedRun } from './runs';
