/**
 * Hostile import files: CSVs of 50 MB and 199 MB that are one single line (no line break anywhere), and the same
 * sizes as a header line followed by one huge row, previewed and imported with the real worker pipeline. Prints one JSON line per file with peak RSS and time of each step and what
 * the step answered (the error shown to the owner, or the counts). Target: peak RSS ≤ 300 MB whatever the file, and
 * a clear error naming the limit instead of a silent success.
 *
 *   npx tsx tests/bench/hostile-files.ts [--sizes 50,199] [--shapes one-line,long-row] [--step-timeout 300] [--json]
 *
 * Each step runs in a child process of its own, so its peak RSS (the kernel's maxRSS) is that step's alone.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}
const jsonOnly = process.argv.includes('--json');
const log = (...a: unknown[]) => {
  if (!jsonOnly) console.error(...a);
};

type Shape = 'one-line' | 'long-row';

/**
 * one-line: the whole file is one line, fields that look like contacts separated by commas, never a line break.
 * long-row: a normal header line, then one data row of that size.
 */
async function generate(path: string, megabytes: number, shape: Shape): Promise<void> {
  const out = createWriteStream(path);
  if (shape === 'long-row') out.write('Phone,Name,Email,Tags,Notes\n');
  const piece = '2125550100,Ana García,ana@example.com,VIP,';
  const chunk = piece.repeat(Math.ceil((1 << 20) / piece.length)).slice(0, 1 << 20);
  for (let i = 0; i < megabytes; i++) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** A step still running after this long is stopped and reported as such. */
const STEP_TIMEOUT_MS = Number(arg('--step-timeout') ?? 300) * 1000;

interface StepResult {
  ms: number;
  peakRssMb: number;
  outcome: string;
}

/** Runs one step (preview or import) in this file's child mode and reads its JSON line. */
function step(kind: 'preview' | 'import', file: string, dir: string): StepResult {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--step', kind, '--file', file, '--dir', dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    timeout: STEP_TIMEOUT_MS,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as StepResult;
  } catch {
    if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT')
      return {
        ms: STEP_TIMEOUT_MS,
        peakRssMb: -1,
        outcome: `still running after ${STEP_TIMEOUT_MS / 1000} s: stopped`,
      };
    return {
      ms: -1,
      peakRssMb: -1,
      outcome: `the step died (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(-300)}`,
    };
  }
}

async function childStep(kind: string, file: string, dir: string): Promise<void> {
  const { openDatabase } = await import('../../electron/db/connection');
  const { migrate } = await import('../../electron/db/migrator');
  const { migrations } = await import('../../migrations');
  const { runImport, previewImport } = await import('../../electron/contacts/import');
  const dbPath = join(dir, `${kind}.sqlite`);
  const db = openDatabase(dbPath);
  await migrate(db, migrations, { dbPath, now: () => new Date() });
  db.close();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const options = { defaultCountry: 'US', onDuplicate: 'skip' as const };
  const t0 = performance.now();
  let outcome: string;
  try {
    if (kind === 'preview') {
      const p = await previewImport(dbPath, file, options, { now: () => new Date() });
      outcome = `preview: ${p.headers.length} columns, ${p.sampleRows.length} sample rows, problem: ${p.problem ?? 'none'}`;
    } else {
      const r = await runImport(dbPath, file, options, { now: () => new Date() });
      outcome = `imported: ${r.counts.imported} new, ${r.counts.invalid} invalid of ${r.counts.rows} rows`;
    }
  } catch (e) {
    outcome = `error: ${(e as Error).message}`;
  }
  const ms = Math.round(performance.now() - t0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
  console.log(JSON.stringify({ ms, peakRssMb: Math.round(peak / 1e6), outcome }));
}

const stepKind = arg('--step');
if (stepKind) {
  await childStep(stepKind, arg('--file')!, arg('--dir')!);
} else {
  const sizes = (arg('--sizes') ?? '50,199').split(',').map(Number);
  const shapes = (arg('--shapes') ?? 'one-line,long-row').split(',') as Shape[];
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-hostile-'));
  try {
    for (const shape of shapes) {
      for (const mb of sizes) {
        const file = join(dir, `${shape}-${mb}mb.csv`);
        log(`generating a ${mb} MB ${shape} CSV…`);
        await generate(file, mb, shape);
        log('  preview…');
        const preview = step('preview', file, dir);
        log('  import…');
        const imported = step('import', file, dir);
        console.log(JSON.stringify({ bench: 'hostile-files', shape, fileMb: mb, preview, import: imported }));
        rmSync(file, { force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
