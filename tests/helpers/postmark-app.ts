import { afterEach } from 'vitest';
import { createApp, type DeskApp } from '../../electron/app';
import { startFakePostmark, type FakePostmark } from '../fakes/postmark';
import { tempDir } from './db';
import { emailReady } from './email-outbox';
import { daytimeClock } from './seed';

/**
 * An app on a fresh database sending e-mail through a fake Postmark on 127.0.0.1 (ready for marketing e-mail, fast
 * dispatch), both closed and removed after each test. Call once per test file; `setUp()` per test.
 */
export function usePostmarkApp(): { setUp(): Promise<{ app: DeskApp; postmark: FakePostmark }> } {
  let app: DeskApp | undefined;
  let postmark: FakePostmark | undefined;
  let cleanup: (() => void) | undefined;
  afterEach(async () => {
    await app?.close();
    await postmark?.close();
    cleanup?.();
    app = postmark = cleanup = undefined;
  });
  return {
    async setUp() {
      const t = tempDir();
      cleanup = t.cleanup;
      postmark = await startFakePostmark();
      app = await createApp({
        dbPath: `${t.dir}/desk.sqlite`,
        now: daytimeClock(),
        log: () => undefined,
        providerTimeoutMs: 3000,
        dispatch: {
          rates: { postmark: Number.POSITIVE_INFINITY, sandbox_email: Number.POSITIVE_INFINITY },
          pollMs: 5,
          backoff: { baseMs: 5, capMs: 20 },
        },
      });
      emailReady(app, 'https://desk.example.test');
      app.settings.set('email.provider', 'postmark');
      app.settings.set('postmark.baseUrl', postmark.url);
      app.secrets.set('postmark.serverToken', postmark.token);
      return { app, postmark };
    },
  };
}
