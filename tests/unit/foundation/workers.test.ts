import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerEntries, workerUrl, type WorkerName } from '../../../electron/workers';

describe('worker threads', () => {
  it('each have an entry the app bundler builds and a boot file that starts that entry from the sources', () => {
    for (const [name, entry] of Object.entries(workerEntries) as [WorkerName, string][]) {
      expect(existsSync(entry), entry).toBe(true);
      const boot = join(dirname(entry), `${name}.boot.mjs`);
      expect(existsSync(boot), boot).toBe(true);
      const text = readFileSync(boot, 'utf8');
      expect(text).toContain(`new URL('./${entry.split('/').pop()}', import.meta.url)`);
      expect(text).toContain(`'${name}'`);
    }
  });

  it('are found beside the starting module: boot files from TypeScript sources, bundles in the built app', () => {
    expect(workerUrl('contacts-reader-worker', 'file:///app/electron/contacts/import/run.ts').pathname).toBe(
      '/app/electron/contacts/import/contacts-reader-worker.boot.mjs',
    );
    expect(workerUrl('contacts-reader-worker', 'file:///app/out/main/index.js').pathname).toBe(
      '/app/out/main/contacts-reader-worker.js',
    );
  });
});

describe('the contact import threads', () => {
  /** The source files and packages a worker's bundle takes in, as the app's bundler would. */
  async function bundled(entry: string): Promise<{ files: string[]; packages: string[] }> {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const files = Object.keys(result.metafile.inputs);
    const packages = [
      ...new Set(
        result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].imports
          .filter((i) => i.external)
          .map((i) => i.path),
      ),
    ];
    return { files, packages };
  }

  it('load only what each needs: the writer no file reading, no parsing, no validation', async () => {
    const writer = await bundled(workerEntries['contacts-import-worker']);
    expect(writer.packages.filter((p) => !p.startsWith('node:'))).toEqual(['better-sqlite3']);
    for (const file of ['file-reader.ts', 'encoding.ts', 'vcard.ts', 'csv-scanner.ts', 'rows.ts', 'read-rows.ts']) {
      expect(
        writer.files.some((f) => f.endsWith(`/import/${file}`)),
        file,
      ).toBe(false);
    }
    const reader = await bundled(workerEntries['contacts-reader-worker']);
    expect(reader.files.some((f) => f.endsWith('/import/file-reader.ts'))).toBe(true);
    expect(reader.packages.filter((p) => !p.startsWith('node:'))).toEqual(['iconv-lite']);
  });
});

describe('the analytics reader thread', () => {
  /** The packages a worker loads at its start, split as the app's bundler splits it (import() is a later chunk). */
  async function loadedAtStart(entry: string): Promise<string[]> {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      outdir: 'out-test',
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    const start = Object.keys(outputs).find((o) => outputs[o].entryPoint === entry)!;
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (out: string) => {
      if (seen.has(out)) return;
      seen.add(out);
      for (const i of outputs[out].imports) {
        if (i.kind !== 'import-statement') continue;
        if (i.external) packages.add(i.path);
        else visit(i.path);
      }
    };
    visit(start);
    return [...packages].filter((p) => !p.startsWith('node:')).sort();
  }

  it('starts without validation, phone numbers or file encodings: the dashboard, the app home, waits for its start', async () => {
    expect(await loadedAtStart(workerEntries['analytics-read-worker'])).toEqual([
      'better-sqlite3',
      'jstat',
      'kysely',
      'luxon',
    ]);
  });
});
