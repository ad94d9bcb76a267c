/**
 * Where the import's worker threads live.
 *
 * Under plain Node with TypeScript sources (vitest, tsx, the CLI) each worker starts from a small `.boot.mjs`
 * beside its source that registers tsx and then imports the `.ts` entry. In the built Electron app there are no
 * `.ts` files: the bundler must emit each entry of `importWorkerEntries` as `<name>.js` in the same folder as
 * the bundle that imports this module (for electron-vite: add them to `main.build.rollupOptions.input`).
 */
export const importWorkerEntries = {
  'contacts-import-worker': 'electron/contacts/import/import-worker.ts',
  'contacts-rows-worker': 'electron/contacts/import/rows-worker.ts',
} as const;

export type ImportWorkerName = keyof typeof importWorkerEntries;

export function importWorkerUrl(name: ImportWorkerName, base: string = import.meta.url): URL {
  return /\.[cm]?ts$/.test(new URL(base).pathname) ? new URL(`./${name}.boot.mjs`, base) : new URL(`./${name}.js`, base);
}
