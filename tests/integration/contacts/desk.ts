import { join } from 'node:path';
import { createApp, type AppConfig, type DeskApp } from '../../../electron/app';
import type { EventName } from '../../../shared/ipc/contract';
import { tempDir } from '../../helpers/db';
import type { Channel, InputOf, OutputOf } from '../../../shared/ipc/contract';

/** A real app on a temp data folder with a settable clock, and the events it emitted. */
export async function startDesk(config: Partial<AppConfig> = {}) {
  const dir = tempDir();
  let now = Date.parse('2026-03-01T10:00:00.000Z');
  const app: DeskApp = await createApp({
    dbPath: join(dir.dir, 'desk.sqlite'),
    now: () => new Date(now),
    log: () => undefined,
    ...config,
  });
  const events: Array<{ name: EventName; payload: unknown }> = [];
  app.events.subscribe((name, payload) => events.push({ name, payload }));
  return {
    app,
    dir: dir.dir,
    events,
    /** Moves the clock on. */
    advance: (ms: number) => void (now += ms),
    iso: () => new Date(now).toISOString(),
    /** The dispatch result's value, or a thrown error with its code and message. */
    async call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
      const r = await app.dispatch(channel, input);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
      return r.value;
    },
    /** The error of a call that must fail. */
    async fails(channel: Channel, input: unknown): Promise<{ code: string; message: string }> {
      const r = await app.dispatchUntyped(channel, input);
      if (r.ok) throw new Error(`${channel} succeeded but should have failed`);
      return r.error;
    },
    count: (table: string) => app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
    async close() {
      await app.close();
      dir.cleanup();
    },
  };
}

export type Desk = Awaited<ReturnType<typeof startDesk>>;
