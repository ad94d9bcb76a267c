import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workerEntries } from '../../electron/workers';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * A kill test's child process as plain JavaScript, laid out like the built app: the child as `<name>.js` and each of
 * the app's worker threads as `<name>.js` beside it (electron/workers.ts, workerUrl). The crash tests start about
 * forty children; from TypeScript sources each paid tsx's compile (about 2 s of CPU) before doing anything, from
 * the bundle a child starts in a fraction of that. Built once per test file, in a folder of its own under
 * node_modules/.cache (packages stay imports from node_modules, as in scripts/cli.mjs).
 */
export async function bundleChild(name: string, entry: string): Promise<string> {
  const dir = join(root, 'node_modules', '.cache', `sms-desk-test-${name}-${process.pid}`);
  await build({
    entryPoints: { [name]: entry, ...workerEntries },
    absWorkingDir: root,
    outdir: dir,
    bundle: true,
    splitting: true,
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  // Inside node_modules a .js file is CommonJS unless a package.json beside it says otherwise.
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  return join(dir, `${name}.js`);
}
