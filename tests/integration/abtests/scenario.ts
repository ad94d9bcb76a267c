import type { DeskApp } from '../../../electron/app';
import type { AbMetric } from '../../../shared/abtests';
import { seedContacts } from '../../helpers/seed';
import { HOUR, T0, markDelivered, outbox, type AbHarness, type Delivery } from './helpers';

export const BODIES = {
  A: 'Hi {{first_name|there}}, 10% off colour this week at {{business_name}}. Reply STOP to opt out',
  B: '{{first_name|Hi}}! Book a colour by Friday and save 10%. Reply STOP to opt out',
};

export interface Scenario {
  campaignId: number;
  rows: Delivery[];
  test: { A: Delivery[]; B: Delivery[] };
  held: Delivery[];
}

/** An A/B campaign (A vs B, 50/50, optional test sample) launched on `contacts` seeded contacts. */
export async function launchAbCampaign(
  h: AbHarness,
  opts: {
    contacts: number;
    testPercent?: number;
    defaultVariant?: number;
    metric?: AbMetric;
    trackLinks?: boolean;
    bodies?: { A: string; B: string };
  },
): Promise<Scenario> {
  seedContacts(h.app.db, opts.contacts, { tag: 'regulars', nowIso: new Date(T0 - 30 * 24 * HOUR).toISOString() });
  const bodies = opts.bodies ?? BODIES;
  const c = await h.ok('campaigns:create', {
    name: 'Colour week',
    audience: { tags: ['regulars'] },
    ab: {
      variants: [
        { name: 'A', body: bodies.A },
        { name: 'B', body: bodies.B },
      ],
      split: [50, 50],
      metric: opts.metric ?? 'replied',
      ...(opts.testPercent ? { testPercent: opts.testPercent } : {}),
      ...(opts.defaultVariant !== undefined ? { defaultVariant: opts.defaultVariant } : {}),
    },
    ...(opts.trackLinks !== undefined ? { trackLinks: opts.trackLinks } : {}),
  });
  await h.ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
  return describeScenario(h.app, c.id);
}

export function describeScenario(app: DeskApp, campaignId: number): Scenario {
  const rows = outbox(app, campaignId);
  return {
    campaignId,
    rows,
    test: { A: rows.filter((r) => r.variant === 'A'), B: rows.filter((r) => r.variant === 'B') },
    held: rows.filter((r) => r.state === 'held'),
  };
}

/**
 * Replies from the first `count` recipients of a variant, stored as the webhook path stores them (attributed to the
 * campaign). Written directly because the statistics tests need hundreds; attribution itself is tested in
 * metrics.test.ts through the real event path.
 */
export function seedReplies(
  app: DeskApp,
  campaignId: number,
  recipients: readonly Delivery[],
  count: number,
  at: number,
  body = 'Yes please, Saturday?',
): void {
  const insert = app.db.prepare(
    `INSERT INTO inbound_messages (provider, provider_message_id, contact_id, from_phone, to_phone, body, received_at, campaign_id, created_at)
     VALUES ('sandbox', ?, ?, ?, '+15550100000', ?, ?, ?, ?)`,
  );
  const iso = new Date(at).toISOString();
  app.db.transaction(() =>
    recipients
      .slice(0, count)
      .forEach((r) => insert.run(`IN${campaignId}-${r.id}`, r.contactId, r.phone, body, iso, campaignId, iso)),
  )();
}

/** Every test message delivered at `sentAt`, and replies from the given share of each variant an hour later. */
export function playTest(
  h: AbHarness,
  s: Scenario,
  replyShare: { A: number; B: number },
  sentAt = T0,
): { A: number; B: number } {
  markDelivered(
    h.app,
    [...s.test.A, ...s.test.B].map((r) => r.id),
    sentAt,
  );
  const counts = { A: Math.round(s.test.A.length * replyShare.A), B: Math.round(s.test.B.length * replyShare.B) };
  seedReplies(h.app, s.campaignId, s.test.A, counts.A, sentAt + HOUR);
  seedReplies(h.app, s.campaignId, s.test.B, counts.B, sentAt + HOUR);
  return counts;
}
