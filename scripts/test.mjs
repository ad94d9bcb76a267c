// `npm test`: unit + integration (vitest, under Node) and browser e2e (Playwright in Debian's Chromium against the
// browser harness). Runs every suite even when one fails, then prints one line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
mkdirSync('test-results', { recursive: true });
for (const f of ['test-results/vitest.json', 'test-results/e2e-results.json']) rmSync(f, { force: true });

const steps = [];
steps.push([
  'vitest',
  run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']),
]);
const built = run('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
steps.push(['renderer build', built]);
if (built === 0) steps.push(['playwright', run('npx', ['playwright', 'test'])]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (existsSync('test-results/e2e-results.json')) {
  const p = JSON.parse(readFileSync('test-results/e2e-results.json', 'utf8')).stats;
  passed += p.expected + (p.flaky ?? 0);
  failed += p.unexpected;
  skipped += p.skipped;
}
const broken = steps.filter(([, code]) => code !== 0).map(([name]) => name);
// A suite that crashed before reporting still fails the run.
if (broken.length && failed === 0) failed = 1;
if (broken.length) console.error(`Failed steps: ${broken.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(broken.length ? 1 : 0);
