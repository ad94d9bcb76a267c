import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { APP_VERSION } from '../../../electron/version';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|mts|mjs)$/.test(name) ? [p] : [];
  });
}

const importsOf = (src: string) =>
  [...src.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('code boundaries', () => {
  it('only electron/main and electron/preload import electron', () => {
    const offenders = ['electron', 'shared', 'renderer', 'migrations', 'tests']
      .flatMap((d) => files(d))
      .map((f) => relative('.', f))
      .filter(
        (f) =>
          !f.startsWith('electron/main/') && !f.startsWith('electron/preload/') && f !== 'tests/e2e/electron.spec.ts',
      )
      .filter((f) => importsOf(readFileSync(f, 'utf8')).some((i) => i === 'electron' || i.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  it('shared/ and renderer/ never import Node built-ins', () => {
    const offenders = [...files('shared'), ...files('renderer/src')].filter((f) =>
      importsOf(readFileSync(f, 'utf8')).some(
        (i) => i.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'crypto', 'http'].includes(i),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('the app version matches package.json', () => {
    expect(APP_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
