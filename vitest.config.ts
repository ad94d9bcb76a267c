import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    // electron-store imports electron itself: inline it so electron/main's tests give it the platform stand-in too.
    server: { deps: { inline: ['electron-store'] } },
  },
});
