import { defineConfig } from 'vitest/config';

const ALL = ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'];
/** electron/main's tests mock the `electron` module and boot main, whose import has effects: each needs its own. */
const OWN_MODULES = ['tests/unit/electron-main/**/*.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    // Vitest runs one file at a time on a 2-core machine (available CPUs − 1): CI uses both cores.
    maxWorkers: process.env.CI ? 2 : undefined,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    // electron-store imports electron itself: inline it so electron/main's tests give it the platform stand-in too.
    server: { deps: { inline: ['electron-store'] } },
    projects: [
      {
        extends: true,
        // Test files share a worker's module cache: every file builds its own app on its own temp database (nothing
        // of ours keeps state in a module between apps), and re-importing the app's few hundred modules per file was
        // 300 s of the 526 s suite; shared, the suite takes about 250 s on 2 cores.
        test: { name: 'app', include: ALL, exclude: OWN_MODULES, isolate: false },
      },
      { extends: true, test: { name: 'electron-main', include: OWN_MODULES, isolate: true } },
    ],
  },
});
