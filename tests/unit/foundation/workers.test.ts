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
    expect(workerUrl('contacts-reader-worker', 'file:///app/electron/contacts/import/run.ts').pathname).toBe('/app/electron/contacts/import/contacts-reader-worker.boot.mjs');
    expect(workerUrl('contacts-reader-worker', 'file:///app/out/main/index.js').pathname).toBe('/app/out/main/contacts-reader-worker.js');
  });
});
