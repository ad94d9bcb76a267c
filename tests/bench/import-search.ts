/**
 * The CLI's import of a big file, search index included, against a bare `sqlite3 .import` of the same file into a
 * fresh table (issue 16 point 18: target ratio ≤ 10). Also times the first `contacts list --search` afterwards.
 *
 *   npx tsx tests/bench/import-search.ts [--rows 1000000] [--repeat 1] [--json]
 *
 * Prints one JSON line per repetition: bareImportMs (sqlite3 CLI), cliImportMs (the whole `import` command, in its
 * own process, index included), indexMs (the search index step alone, from the command's own timing on stderr),
 * searchMs (the whole `contacts list --search` command right after), ratio = cliImportMs / bareImportMs, and the CPU
 * time (user + system, all threads) of each command as *CpuMs with cpuRatio = cliImportCpuMs / bareImportCpuMs: on
 * a shared machine the wall-clock figures follow the load, the CPU figures much less.
 * Needs the sqlite3 command-line shell (`apt-get install -y sqlite3`) and GNU time (/usr/bin/time, for the CPU figures).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}
const rows = Number(arg('--rows') ?? 1_000_000);
const repeat = Number(arg('--repeat') ?? 1);
const jsonOnly = process.argv.includes('--json');
const log = (...a: unknown[]) => {
  if (!jsonOnly) console.error(...a);
};

const FIRST = [
  'José',
  'Zoë',
  'Renée',
  'Björn',
  'Ana',
  'Liam',
  'Søren',
  'Chloé',
  'Mateo',
  'Ünal',
  'Noah',
  'Maëlle',
  'Emma',
  'Olivia',
];
const LAST = [
  'García',
  'Müller',
  'Smith',
  'Núñez',
  "O'Brien",
  'Dubois',
  'Kowalski',
  'Johnson',
  'Schröder',
  'Brown',
  'Martin',
];
const AREAS = ['212', '646', '718', '917', '415', '510', '305', '312', '213', '617'];

/** A realistic contacts file: distinct valid US numbers, accented names, emails, a tag on some rows. */
async function generate(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  let buf = 'First Name,Last Name,Phone,Email,Tags\n';
  for (let i = 0; i < n; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    const phone = `${AREAS[i % AREAS.length]}${200 + (Math.floor(i / 10) % 800)}${String(Math.floor(i / 8000)).padStart(4, '0')}`;
    buf += `${first},${last},${phone},${first.toLowerCase()}.${i}@example.com,${i % 4 ? '' : 'VIP'}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

const cpuFile = () => join(dir, 'cpu.txt');

/** Runs a command to its end: wall-clock ms, and CPU ms (user + system) as GNU time counts them. */
function timed(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { ms: number; cpuMs: number; stdout: string; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', cpuFile(), cmd, ...args], {
    encoding: 'utf8',
    env,
    maxBuffer: 1 << 26,
  });
  const ms = Math.round(performance.now() - t0);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
  const [user, sys] = readFileSync(cpuFile(), 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { ms, cpuMs: Math.round((user + sys) * 1000), stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'smsdesk-import-search-'));
try {
  const csv = join(dir, 'contacts.csv');
  log(`generating ${rows} rows…`);
  await generate(csv, rows);
  for (let run = 1; run <= repeat; run++) {
    const bareDb = join(dir, `bare-${run}.db`);
    const bare = timed('sqlite3', [bareDb, '.mode csv', `.import ${csv} contacts`]);
    log(`  bare sqlite3 .import: ${bare.ms} ms (CPU ${bare.cpuMs} ms)`);
    const deskDb = join(dir, `desk-${run}.db`);
    // As `npm run cli` runs it (scripts/cli.mjs: a pre-built bundle, built here first if stale).
    const cli = ['scripts/cli.mjs', '--db', deskDb];
    // Creating the database (migrations) is not part of the import: done first, as the app would have.
    timed(process.execPath, [...cli, 'db', 'check']);
    const imported = timed(process.execPath, [...cli, 'import', csv], { ...process.env, SMS_DESK_TIMINGS: '1' });
    const indexTiming = /search index: (\d+) ms(?: \(CPU (\d+) ms\))?/.exec(imported.stderr);
    const indexMs = Number(indexTiming?.[1] ?? NaN);
    const indexCpuMs = Number(indexTiming?.[2] ?? NaN);
    log(`  CLI import: ${imported.ms} ms (CPU ${imported.cpuMs} ms; search index ${indexMs} ms, CPU ${indexCpuMs} ms)`);
    const search = timed(process.execPath, [...cli, '--json', 'contacts', 'list', '--search', 'ana', '--limit', '20']);
    const found = (JSON.parse(search.stdout) as { rows: unknown[] }).rows.length;
    log(`  contacts list --search ana: ${search.ms} ms (CPU ${search.cpuMs} ms; ${found} rows)`);
    console.log(
      JSON.stringify({
        bench: 'import-search',
        rows,
        run,
        bareImportMs: bare.ms,
        cliImportMs: imported.ms,
        indexMs,
        searchMs: search.ms,
        ratio: Math.round((imported.ms / bare.ms) * 10) / 10,
        bareImportCpuMs: bare.cpuMs,
        cliImportCpuMs: imported.cpuMs,
        indexCpuMs,
        searchCpuMs: search.cpuMs,
        cpuRatio: Math.round((imported.cpuMs / bare.cpuMs) * 10) / 10,
      }),
    );
    rmSync(bareDb, { force: true });
    rmSync(deskDb, { force: true });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
