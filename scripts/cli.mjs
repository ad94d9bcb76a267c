// `npm run cli`: the command line, started from one pre-built JavaScript bundle instead of TypeScript sources.
//
// Under tsx every start compiled the CLI's few hundred TypeScript modules again: about 2.5 s of CPU before the
// first command ran (issue 16 point 18 measures an import against a bare `sqlite3 .import`). Here esbuild
// (installed with tsx) bundles electron/cli.ts and the app's worker threads (electron/workers.ts) into
// node_modules/.cache/sms-desk-cli/, packages left as imports (but INLINED_PACKAGES), laid out as electron-vite lays out the built app:
// the CLI as cli.js and each worker as <name>.js beside it (see workerUrl). The bundle is reused until one of its
// sources changes (the same check as the workers' boot files); if esbuild cannot be loaded, tsx runs the sources.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BUNDLE_OPTIONS,
  isFresh,
  projectRoot,
  writeAtomically,
} from '../electron/contacts/import/dev-worker-build.mjs';

const root = projectRoot(resolve(import.meta.dirname, 'cli.mjs'));
const dir = join(root, 'node_modules', '.cache', 'sms-desk-cli');
const bundle = join(dir, 'cli.js');
const inputsFile = join(dir, 'inputs.json');

/** The worker entries, read from electron/workers.ts (the one list of them): name → source. */
function workerEntries() {
  const source = readFileSync(join(root, 'electron', 'workers.ts'), 'utf8');
  const entries = Object.fromEntries(
    [...source.matchAll(/^\s*'([a-z-]+)': '(electron\/[^']+\.ts)',?$/gm)].map((m) => [m[1], m[2]]),
  );
  if (!Object.keys(entries).length)
    throw new Error('scripts/cli.mjs: no worker entries found in electron/workers.ts (workerEntries)');
  return entries;
}

async function build() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  const result = await esbuild.build({
    entryPoints: { cli: 'electron/cli.ts', ...workerEntries() },
    absWorkingDir: root,
    outdir: dir,
    // Code shared by the CLI and its workers, and what a worker loads with import(), in chunks beside them (in the
    // same folder: a module in a chunk finds the workers it starts beside itself, see workerUrl).
    splitting: true,
    chunkNames: '[name]-[hash]',
    ...BUNDLE_OPTIONS,
  });
  mkdirSync(dir, { recursive: true });
  // Inside node_modules a .js file is CommonJS unless a package.json beside it says otherwise.
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  // The CLI last: a bundle newer than its sources means the workers beside it are complete.
  const outputs = result.outputFiles.sort((a, b) => Number(a.path === bundle) - Number(b.path === bundle));
  for (const out of outputs) {
    mkdirSync(dirname(out.path), { recursive: true });
    writeAtomically(out.path, out.contents);
  }
  writeAtomically(inputsFile, JSON.stringify(Object.keys(result.metafile.inputs)));
  return true;
}

if (isFresh(bundle, inputsFile, root) || (await build())) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'electron', 'cli.ts')).href);
}
