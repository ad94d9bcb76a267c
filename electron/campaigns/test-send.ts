import { AppError } from '../../shared/errors';
import type { TestSendResult } from '../../shared/ipc/channels/campaign-launch';
import { segmentsOf } from '../../shared/templates';
import type { DeskCore } from '../core';
import type { AudienceFilter } from '../../shared/audience';
import { audienceCondition } from '../contacts';
import { contactByPhone, previewForContact } from '../templates';
import { campaignMessages, testPhones } from './launch-guard';
import { getCampaign } from './model';
import { firstEligibleContactId } from './queries-audience';
import { sendingNumber } from './snapshot';

type TestCore = Pick<DeskCore, 'db' | 'kdb' | 'settings' | 'now' | 'audit' | 'events' | 'provider'>;

/** The first contact the campaign would text, for rendering a test when the owner names none. */
function firstRecipient(core: TestCore, audience: AudienceFilter): number | undefined {
  return firstEligibleContactId(core.db, audienceCondition(core.db, audience, core.now()));
}

/**
 * Texts the campaign's message (each variant of an A/B test) to the owner's own number(s) from
 * `business.testPhones`, rendered for one contact, through the normal outbox and provider. A test row carries
 * `test_of_campaign_id` and no campaign_id, so it is never counted in the campaign's results; the owner's inbox
 * shows it as "Test".
 */
export async function sendTest(core: TestCore, id: number, opts: { contactPhone?: string }): Promise<TestSendResult> {
  const c = getCampaign(core.db, id);
  const phones = testPhones(core);
  if (phones.length === 0) {
    throw new AppError(
      'invalid_input',
      'No test number is set. Add your own phone number in Settings (business.testPhones), e.g. +14155550100.',
    );
  }
  // Refuse now, with the setting to fix, rather than queue a test that cannot leave (no API key for that provider).
  core.provider(c.provider);
  const contactId = opts.contactPhone === undefined ? firstRecipient(core, c.audience) : undefined;
  const from = sendingNumber(core, c);
  const nowIso = core.now().toISOString();
  const target =
    opts.contactPhone !== undefined ? { phone: opts.contactPhone } : contactId !== undefined ? { contactId } : {};
  const previews = campaignMessages(core, c).map((m) => ({
    variant: m.variant,
    preview: previewForContact(core, { body: m.body, ...target }),
  }));
  const renderedFor = previews[0]?.preview.contact ?? null;
  const messages: TestSendResult['messages'] = [];
  // Everything that can be refused was checked above; what is left are a few single-row inserts.
  for (const toPhone of phones) {
    const owner = contactByPhone(core.db, toPhone);
    for (const { variant, preview } of previews) {
      const row = await core.kdb
        .insertInto('outbox_messages')
        .values({
          campaign_id: null,
          test_of_campaign_id: id,
          contact_id: owner?.id ?? null,
          kind: 'reply',
          variant,
          to_phone: toPhone,
          from_number: from,
          body: preview.text,
          segments: segmentsOf(preview.text).segments,
          provider: c.provider,
          state: 'queued',
          created_at: nowIso,
          updated_at: nowIso,
          next_attempt_at: nowIso,
          expires_at: null,
          provider_message_id: null,
          error_code: null,
          error_message: null,
          sending_at: null,
          sent_at: null,
          delivered_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      messages.push({ outboxId: row.id, toPhone, variant, body: preview.text });
    }
  }
  core.audit('campaign.test', String(id), {
    to: phones,
    renderedFor: renderedFor?.phone ?? null,
    messages: messages.length,
  });
  core.events.emit('app:dataChanged', { area: 'inbox' });
  return { campaignId: id, renderedFor, messages };
}
