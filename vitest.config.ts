import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest runs one file at a time on a 2-core machine (available CPUs − 1): CI uses both cores.
    maxWorkers: process.env.CI ? 2 : undefined,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    // electron-store imports electron itself: inline it so electron/main's tests give it the platform stand-in too.
    server: { deps: { inline: ['electron-store'] } },
  },
});
