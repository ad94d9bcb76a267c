import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench -- <name> [options]`: runs tests/bench/<name>.ts, which prints its figures as one JSON line.
 * Without a name, runs every benchmark with its default (small) options. Benchmarks measure; they never fail on a slow machine.
 */
const here = 'tests/bench';
const names = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
const [name, ...rest] = process.argv.slice(2);
if (name && !existsSync(join(here, `${name}.ts`))) {
  console.error(`error: unknown benchmark "${name}". Known: ${names.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const n of name ? [name] : names) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${n}.ts`), ...rest], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
