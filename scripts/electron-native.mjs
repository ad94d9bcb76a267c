// Builds better-sqlite3 for Electron's ABI into .electron-native/, leaving node_modules built for Node,
// so `npm start` and `npm test` never break each other. Runs before `npm start` / `npm run dev`.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const outDir = join(root, '.electron-native');
const target = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'stamp.json');

const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const sqliteVersion = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
const want = { electronVersion, sqliteVersion, platform: process.platform, arch: process.arch };

if (
  existsSync(target) &&
  existsSync(stamp) &&
  JSON.stringify(JSON.parse(readFileSync(stamp, 'utf8'))) === JSON.stringify(want)
) {
  process.exit(0);
}

const staging = join(outDir, 'staging', 'better-sqlite3');
rmSync(join(outDir, 'staging'), { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
cpSync(join(root, 'node_modules/better-sqlite3'), staging, {
  recursive: true,
  filter: (src) => !src.includes(`${'better-sqlite3'}/build`),
});
console.log(
  `Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch})…`,
);

const run = (bin, args) => execFileSync(process.execPath, [bin, ...args], { cwd: staging, stdio: 'inherit' });
try {
  // A prebuilt binary for Electron's ABI when one is published; compiling is the fallback.
  run(require.resolve('prebuild-install/bin.js'), [
    '--runtime',
    'electron',
    '--target',
    electronVersion,
    '--arch',
    process.arch,
  ]);
} catch {
  console.log('No prebuilt binary; compiling with node-gyp against Electron headers (needs a C++ toolchain).');
  run(require.resolve('node-gyp/bin/node-gyp.js'), [
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
    '--runtime=electron',
  ]);
}
copyFileSync(join(staging, 'build/Release/better_sqlite3.node'), target);
writeFileSync(stamp, JSON.stringify(want));
rmSync(join(outDir, 'staging'), { recursive: true, force: true });
console.log(`Electron build of better-sqlite3 ready: ${target}`);
