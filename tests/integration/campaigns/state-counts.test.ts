import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { seededRandom } from '../../fakes/faults';
import { invokeOk, sandboxBehaviour, useTempApp } from '../../helpers/app';
import { daytimeClock, seedContacts } from '../../helpers/seed';

let app: DeskApp;
useTempApp(
  (a) => (app = a),
  () => ({ now: daytimeClock(), random: seededRandom(7), dispatch: { pollMs: 5 } }),
);
beforeEach(() => {
  sandboxBehaviour(app, { failureRate: 0.2, replyRate: 0.1, stopRate: 0.1 });
});

const counted = () =>
  app.db.prepare('SELECT campaign_key, state, n FROM outbox_state_counts WHERE n > 0 ORDER BY 1, 2').all();
const actual = () =>
  app.db
    .prepare(
      `SELECT CASE WHEN kind = 'campaign' THEN campaign_id ELSE 0 END AS campaign_key, state, COUNT(*) AS n FROM outbox_messages GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();

describe('outbox counts by campaign and state', () => {
  it('stay equal to the outbox through sending, failures, STOP replies, confirmations and deletes', async () => {
    seedContacts(app.db, 120);
    const ids: number[] = [];
    for (const name of ['One', 'Two']) {
      const c = await invokeOk(app, 'campaigns:create', {
        name,
        body: 'Hi {{first_name|there}}! Reply STOP to opt out',
        audience: {},
      });
      ids.push(c.id);
      await invokeOk(app, 'campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
      expect(counted()).toEqual(actual());
    }
    // An A/B test that holds half its audience back, and a campaign whose links are tracked (written row by row).
    const ab = await invokeOk(app, 'campaigns:create', {
      name: 'AB',
      body: 'x',
      audience: {},
      ab: {
        variants: [
          { name: 'A', body: 'A: hi! Reply STOP to opt out' },
          { name: 'B', body: 'B: hello! Reply STOP to opt out' },
        ],
        split: [50, 50],
        metric: 'replied',
        testPercent: 50,
      },
    });
    await invokeOk(app, 'campaigns:launch', { id: ab.id, acknowledge: 'test fixture' });
    expect(counted()).toEqual(actual());
    expect(
      (actual() as { campaign_key: number; state: string }[]).some(
        (r) => r.campaign_key === ab.id && r.state === 'held',
      ),
    ).toBe(true);
    app.settings.set('webhooks.publicUrl', 'https://desk.example.com');
    const linked = await invokeOk(app, 'campaigns:create', {
      name: 'Links',
      body: 'Sale at https://shop.example.com/spring Reply STOP to opt out',
      audience: {},
      trackLinks: true,
    });
    await invokeOk(app, 'campaigns:launch', { id: linked.id, acknowledge: 'test fixture' });
    expect(counted()).toEqual(actual());
    await invokeOk(app, 'campaigns:pause', { id: ids[1] });
    for (let i = 0; i < 20; i++) {
      await app.dispatcher.runUntilIdle();
      app.tick();
    }
    await invokeOk(app, 'campaigns:cancel', { id: ids[1] });
    app.tick();
    const states = new Set((actual() as { state: string }[]).map((r) => r.state));
    // the run really went through many states, and non-campaign messages (STOP confirmations) too
    expect(states.size).toBeGreaterThanOrEqual(3);
    expect((actual() as { campaign_key: number }[]).some((r) => r.campaign_key === 0)).toBe(true);
    expect(counted()).toEqual(actual());
    app.db
      .prepare('DELETE FROM outbox_messages WHERE id IN (SELECT id FROM outbox_messages ORDER BY id LIMIT 5)')
      .run();
    expect(counted()).toEqual(actual());

    const status = await invokeOk(app, 'campaigns:status', { id: ids[0] });
    const own = (actual() as { campaign_key: number; state: string; n: number }[]).filter(
      (r) => r.campaign_key === ids[0],
    );
    for (const r of own) expect(new Map(Object.entries(status.counts)).get(r.state) ?? 0, r.state).toBe(r.n);
  });
});
