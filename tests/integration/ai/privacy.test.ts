import { afterEach, describe, expect, it } from 'vitest';
import { triageNextReply } from '../../../electron/ai/triage-job';
import { ANA } from '../compliance/desk';
import { deskWithGemini, type GeminiDesk } from './desk';

let d: GeminiDesk;
afterEach(async () => {
  await d.close();
});

describe('what Gemini receives', () => {
  it('never a phone number, an e-mail address or a contact field: drafts, variants, triage and summaries alike', async () => {
    d = await deskWithGemini();
    const at = d.now().toISOString();
    d.app.db.prepare(`UPDATE contacts SET email = 'ana.reyes@example.com' WHERE id = ?`).run(d.anaId);
    const field = d.app.db
      .prepare(`INSERT INTO custom_fields (key, label, created_at) VALUES ('vip_code', 'VIP code', ?)`)
      .run(at).lastInsertRowid;
    d.app.db
      .prepare(`INSERT INTO contact_field_values (contact_id, field_id, value) VALUES (?, ?, 'ROSE-7731')`)
      .run(d.anaId, field);
    const campaign = Number(
      d.app.db
        .prepare(
          `INSERT INTO campaigns (name, status, provider, created_at, updated_at, body) VALUES ('Ana special', 'completed', 'quo', ?, ?, 'Hi Ana')`,
        )
        .run(at, at).lastInsertRowid,
    );

    const { drafts } = await d.call('ai:draft', { brief: 'Valentine roses preorder' });
    await d.call('ai:variants', { message: drafts[0].text, change: 'personalisation' });
    d.inbound('Call me on (415) 555-0100 or mail ana.reyes@example.com, is the 14th ok?');
    await triageNextReply(d.app);
    await d.call('ai:summary', { campaignId: campaign });
    expect(d.gemini.calls.map((c) => c.schemaKeys[0])).toEqual(['drafts', 'variants', 'label', 'summary']);

    const everything = d.gemini.bodies.join('\n');
    for (const secretish of [
      ANA,
      ANA.slice(2),
      '555-0100',
      '5550100',
      'ana.reyes@example.com',
      'Ana',
      'Reyes',
      'ROSE-7731',
      'vip_code',
      'Ana special',
      '+1555',
    ]) {
      expect(everything, `sent "${secretish}"`).not.toContain(secretish);
    }
    // The first name only ever as the placeholder the desk fills in locally.
    expect(everything).toContain('{{first_name|there}}');
    // A reply keeps its meaning without who or how to reach them.
    expect(d.gemini.calls[2].prompt).toBe('Reply: """Call me on [number] or mail [email], is the 14th ok?"""');
    // The business's own name is sent (it signs every text); Settings says so.
    expect(everything).toContain('Bloom Florist');
  });
});
