import type { DeskApp } from '../../../electron/app';
import { rebuildAll } from '../../../electron/analytics/rebuild';
import { HOUR, T0, outbox, type AbHarness } from '../abtests/helpers';
import { seedContacts } from '../../helpers/seed';

export { HOUR, T0 };

/** A plain campaign to the contacts tagged `tag`, launched (messages queued, the test plays the provider). */
export async function launchCampaign(
  h: AbHarness,
  name: string,
  tag: string,
): Promise<{ id: number; messages: ReturnType<typeof outbox> }> {
  const c = await h.ok('campaigns:create', {
    name,
    body: `${name} at {{business_name}}: 20% off this week. Reply STOP to opt out`,
    audience: { tags: [tag] },
  });
  await h.ok('campaigns:launch', { id: c.id });
  return { id: c.id, messages: outbox(h.app, c.id) };
}

export function seedTagged(h: AbHarness, n: number, tag: string, start = 0): number[] {
  return seedContacts(h.app.db, n, { tag, start, nowIso: new Date(T0 - 30 * 24 * HOUR).toISOString() });
}

type Daily = Record<string, number | string>;
const nonZero = (r: Daily) =>
  Object.entries(r).some(([k, v]) => k !== 'campaign_id' && k !== 'day' && k !== 'channel' && v !== 0);

/** The roll-ups as the triggers left them, and as a full rebuild computes them (all-zero rows left out). */
export function rollupsAndRebuild(app: DeskApp): { kept: Daily[]; rebuilt: Daily[] } {
  const read = () =>
    (app.db.prepare('SELECT * FROM campaign_daily ORDER BY campaign_id, day, channel').all() as Daily[]).filter(
      nonZero,
    );
  const kept = read();
  rebuildAll(app.db);
  return { kept, rebuilt: read() };
}
