import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest runs one file at a time on a 2-core machine (available CPUs − 1): CI uses both cores.
    maxWorkers: process.env.CI ? 2 : undefined,
    // Test files share a worker's module cache: every file builds its own app on its own temp database (nothing of
    // ours keeps state in a module between apps), and re-importing the app's few hundred modules per file was 300 s
    // of the 526 s suite; without it the suite takes about 250 s (2 workers).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    // electron-store imports electron itself: inline it so electron/main's tests give it the platform stand-in too.
    server: { deps: { inline: ['electron-store'] } },
  },
});
