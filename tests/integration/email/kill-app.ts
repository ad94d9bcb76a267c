import { createApp } from '../../../electron/app';
import { daytimeClock } from '../../helpers/seed';

/**
 * The app as the e-mail kill tests' children open it: daytime clock, no log, a short provider timeout and an
 * unlimited SMTP rate with eight sends in flight, so a SIGKILL lands while many e-mails are on their way.
 */
export function openKillTestApp(dbPath: string) {
  return createApp({
    dbPath,
    now: daytimeClock(),
    log: () => undefined,
    providerTimeoutMs: 2_000,
    dispatch: { rates: { smtp: Number.POSITIVE_INFINITY }, concurrency: 8, pollMs: 10 },
  });
}
