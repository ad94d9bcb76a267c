// Development and tests only (the app's bundler builds the workers for the packaged app; see electron/workers.ts).
//
// A worker thread started from TypeScript sources would need tsx's loader, which costs each thread over half a
// second of CPU to start. Instead the worker entry and its TypeScript imports are bundled into one ES module
// with esbuild (installed with tsx), packages left as imports, and the bundle is reused until one of its source
// files changes. If esbuild cannot be loaded, tsx is registered instead.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Packages copied into the bundle instead of imported from node_modules: each is hundreds of small ES modules that
 * Node loads one by one (Kysely ~280 files: about 250 ms of CPU to load in a new thread, 40 ms as part of one bundle;
 * zod and luxon likewise), which every worker thread and the CLI paid at start. Pure JavaScript without files of
 * their own to read; every other package stays an import.
 */
export const INLINED_PACKAGES = ['kysely', 'zod', 'luxon'];

/** Every package an import, except INLINED_PACKAGES (esbuild's `packages: 'external'` with exceptions). */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const parts = args.path.split('/');
      const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      return INLINED_PACKAGES.includes(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/** esbuild's options for a bundle run by Node from the project's node_modules (also scripts/cli.mjs). */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [externalPackages],
  write: false,
  metafile: true,
  logLevel: 'silent',
};

export function projectRoot(from) {
  let dir = dirname(from);
  for (;;) {
    try {
      statSync(join(dir, 'package.json'));
      statSync(join(dir, 'node_modules'));
      return dir;
    } catch {
      const up = dirname(dir);
      if (up === dir) throw new Error(`no project folder above ${from}`);
      dir = up;
    }
  }
}

export function isFresh(bundle, inputsFile, root) {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return inputs.every((p) => statSync(resolve(root, p)).mtimeMs <= built);
  } catch {
    return false;
  }
}

export function writeAtomically(path, content) {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

export async function startWorker(entryUrl, name) {
  const entry = fileURLToPath(entryUrl);
  const root = projectRoot(entry);
  // Inside node_modules so that the packages the bundle imports resolve from the project.
  const dir = join(root, 'node_modules', '.cache', 'sms-desk-workers');
  const bundle = join(dir, `${name}.mjs`);
  const inputsFile = join(dir, `${name}.inputs.json`);
  if (!isFresh(bundle, inputsFile, root)) {
    let esbuild;
    try {
      esbuild = await import('esbuild');
    } catch {
      const { register } = await import('tsx/esm/api');
      register();
      await import(entryUrl);
      return;
    }
    // Split as the app's bundler splits: what a worker loads with import() (analytics insights) is a chunk of its
    // own, loaded on first use, rather than part of the thread's start.
    const result = await esbuild.build({
      entryPoints: { [name]: entry },
      absWorkingDir: root,
      outdir: dir,
      splitting: true,
      outExtension: { '.js': '.mjs' },
      chunkNames: `${name}-chunks/[name]-[hash]`,
      ...BUNDLE_OPTIONS,
    });
    // The chunks first: an entry newer than its sources means the chunks beside it are complete.
    for (const out of result.outputFiles.sort((a, b) => Number(a.path === bundle) - Number(b.path === bundle))) {
      mkdirSync(dirname(out.path), { recursive: true });
      writeAtomically(out.path, out.contents);
    }
    writeAtomically(inputsFile, JSON.stringify(Object.keys(result.metafile.inputs)));
  }
  await import(pathToFileURL(bundle).href);
}
