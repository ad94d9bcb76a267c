import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp, type DeskApp } from '../../electron/app';
import { startHarness, type Harness } from '../../electron/harness/server';

export interface HarnessFixture {
  app: DeskApp;
  harness: Harness;
  /** Opens the app at a page and fails the test on any console error. */
  open(page: Page, hash?: string): Promise<string[]>;
}

/** Each test gets a fresh data folder, the real core and the built renderer on 127.0.0.1. */
export const test = base.extend<{ desk: HarnessFixture }>({
  desk: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'smsdesk-e2e-'));
    const app = await createApp({ dbPath: join(dir, 'desk.sqlite'), log: () => undefined });
    app.startJobs(100);
    const harness = await startHarness(app, { staticDir: resolve('out/renderer') });
    await use({
      app,
      harness,
      async open(page, hash = '') {
        const errors: string[] = [];
        page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
        page.on('pageerror', (err) => errors.push(err.message));
        await page.goto(`${harness.url}${hash ? `#/${hash}` : ''}`);
        return errors;
      },
    });
    await harness.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };
