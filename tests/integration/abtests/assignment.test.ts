import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resumeSnapshots } from '../../../electron/campaigns/snapshot';
import { seedContacts } from '../../helpers/seed';
import { abHarness, type AbHarness } from './helpers';
import type { InputOf } from '../../../shared/ipc/contract';

let h: AbHarness;
beforeEach(async () => {
  h = await abHarness();
});
afterEach(async () => {
  await h.close();
});

const snapshot = (campaignId: number) =>
  h.app.db
    .prepare(
      `SELECT contact_id AS contactId, variant, state, body FROM outbox_messages WHERE campaign_id = ? ORDER BY contact_id`,
    )
    .all(campaignId) as Array<{
    contactId: number;
    variant: string | null;
    state: string;
    body: string;
  }>;

async function abCampaign(ab: InputOf<'campaigns:create'>['ab']): Promise<number> {
  const c = await h.ok('campaigns:create', { name: 'Spring', audience: { tags: ['all'] }, ab });
  const { eligible } = await h.ok('campaigns:launchCheck', { id: c.id });
  await h.ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture', confirmCount: eligible });
  return c.id;
}

/** Within four standard deviations of the expected count: a deterministic hash that missed by more is broken. */
function expectShare(count: number, total: number, share: number): void {
  const sd = Math.sqrt(total * share * (1 - share));
  expect(Math.abs(count - total * share), `${count} of ${total} for a ${share * 100}% share`).toBeLessThan(4 * sd);
}

describe('A/B assignment', () => {
  it('gives every contact the same variant and test-sample place when the snapshot is run again, interrupted or from scratch', async () => {
    seedContacts(h.app.db, 600, { tag: 'all' });
    const id = await abCampaign({
      variants: [
        { name: 'A', body: 'A: hi {{first_name}}. Reply STOP to opt out' },
        { name: 'B', body: 'B: hello {{first_name}}. Reply STOP to opt out' },
        { name: 'C', body: 'C: hey {{first_name}}. Reply STOP to opt out' },
      ],
      split: [20, 30, 50],
      testPercent: 40,
    });
    const first = snapshot(id);
    expect(first).toHaveLength(600);
    expect(new Set(first.map((r) => r.state))).toEqual(new Set(['queued', 'held']));

    // As if the app died after the first 250 contacts: the snapshot resumes from its cursor.
    const cut = first[249].contactId;
    h.app.db.prepare('DELETE FROM outbox_messages WHERE campaign_id = ? AND contact_id > ?').run(id, cut);
    h.app.db.prepare(`UPDATE campaigns SET snapshot_state = 'running', snapshot_cursor = ? WHERE id = ?`).run(cut, id);
    await resumeSnapshots(h.app);
    expect(snapshot(id)).toEqual(first);

    // And from scratch.
    h.app.db.prepare('DELETE FROM outbox_messages WHERE campaign_id = ?').run(id);
    h.app.db.prepare(`UPDATE campaigns SET snapshot_state = 'running', snapshot_cursor = 0 WHERE id = ?`).run(id);
    await resumeSnapshots(h.app);
    expect(snapshot(id)).toEqual(first);
  });

  it('splits a real 5,000-contact snapshot in the configured ratios, and the test sample at its percentage', async () => {
    seedContacts(h.app.db, 5000, { tag: 'all' });
    const body = (v: string) => `${v}: spring sale. Reply STOP to opt out`;
    const split = await abCampaign({
      variants: [
        { name: 'A', body: body('A') },
        { name: 'B', body: body('B') },
      ],
      split: [30, 70],
    });
    const rows = snapshot(split);
    expect(rows).toHaveLength(5000);
    expectShare(rows.filter((r) => r.variant === 'A').length, 5000, 0.3);
    expect(rows.filter((r) => r.variant === 'B').length).toBe(5000 - rows.filter((r) => r.variant === 'A').length);

    const sampled = await abCampaign({
      variants: ['A', 'B', 'C'].map((v) => ({ name: v, body: body(v) })),
      split: [20, 30, 50],
      testPercent: 20,
    });
    const sample = snapshot(sampled);
    const test = sample.filter((r) => r.state === 'queued');
    expectShare(test.length, 5000, 0.2);
    expect(sample.filter((r) => r.state === 'held').every((r) => r.variant === null && r.body === '')).toBe(true);
    expectShare(test.filter((r) => r.variant === 'A').length, test.length, 0.2);
    expectShare(test.filter((r) => r.variant === 'B').length, test.length, 0.3);
    expectShare(test.filter((r) => r.variant === 'C').length, test.length, 0.5);
    // Each campaign draws its own split: the same contacts are not always the "A" group.
    const inA = new Set(rows.filter((r) => r.variant === 'A').map((r) => r.contactId));
    const overlap = test.filter((r) => r.variant === 'A' && inA.has(r.contactId)).length;
    expectShare(overlap, test.filter((r) => r.variant === 'A').length, 0.3);
  });
});
