import { AppError } from '../../shared/errors';
import { renderEmail, testSubject, TEST_UNSUBSCRIBE_TOKEN } from '../../shared/email-templates';
import type { TestEmailResult } from '../../shared/ipc/channels/templates';
import type { ContactContext } from '../../shared/templates';
import type { DeskCore } from '../core';
import { bareAddress, marketingEmailContext } from '../email';
import { emailProviderOf } from '../providers';
import { businessContext, contactById, sampleContacts } from './audience';

type TestEmailCore = Pick<DeskCore, 'db' | 'settings' | 'secrets' | 'provider' | 'audit'>;

const NAMELESS: ContactContext = { firstName: null, lastName: null, phone: null, email: null, fields: {} };

const PROVIDER_NAMES = { smtp: 'your SMTP server', postmark: 'Postmark', sandbox_email: 'the Sandbox' } as const;

/**
 * Sends one e-mail template, rendered for a contact (the one named, else the first of the audience, else a contact
 * with no values), to the owner's own address (`email.from`) through the configured e-mail provider, now and outside
 * any campaign: nothing is written to the outbox and no result counts it. Its subject starts with "[Test]" and its
 * unsubscribe link is the relay's test page. A provider that is not set up, or that refuses, is an error saying why.
 */
export async function sendTestEmail(
  core: TestEmailCore,
  input: { subject: string; body: string; contactId?: number },
): Promise<TestEmailResult> {
  const { settings } = core;
  const from = settings.get('email.from');
  if (!from)
    throw new AppError(
      'invalid_input',
      'Set your sender address (email.from) in Settings → Providers → E-mail first: the test e-mail goes to that address.',
    );
  const to = bareAddress(from);
  // The same requirements as any marketing e-mail (postal address, public address of the unsubscribe page).
  const links = marketingEmailContext(settings, core.secrets);
  const contact =
    input.contactId !== undefined
      ? contactById(core.db, input.contactId)
      : (sampleContacts(core.db, {}, { limit: 1 })[0] ?? null);
  if (input.contactId !== undefined && !contact)
    throw new AppError('not_found', `There is no contact #${input.contactId} to render the test for.`);
  const rendered = renderEmail({
    subject: input.subject,
    markdown: input.body,
    contact: contact?.context ?? NAMELESS,
    business: { ...businessContext(settings), postalAddress: settings.get('email.postalAddress') },
    unsubscribeUrl: `${links.publicUrl.replace(/\/+$/, '')}/u/${TEST_UNSUBSCRIBE_TOKEN}`,
  });
  if (rendered.subject === '') throw new AppError('invalid_input', 'Write a subject before sending a test.');
  const providerId = emailProviderOf(settings.get('email.provider'));
  let provider;
  try {
    provider = core.provider(providerId);
  } catch (err) {
    // A provider that is not set up says which setting is missing (e.g. smtp.host, postmark.serverToken).
    throw new AppError('invalid_input', `The test e-mail was not sent: ${(err as Error).message}`);
  }
  const subject = testSubject(rendered.subject);
  const outcome = await provider.send({
    channel: 'email',
    to,
    from: to,
    toEmail: to,
    subject,
    body: rendered.text,
    html: rendered.html,
    test: true,
  });
  if (!outcome.ok)
    throw new AppError(
      'provider_error',
      `The test e-mail to ${to} was not sent: ${PROVIDER_NAMES[providerId]} answered "${outcome.message}"`,
    );
  core.audit('template.testEmail', undefined, { to, provider: providerId, subject });
  return {
    to,
    provider: providerId,
    subject,
    providerMessageId: outcome.providerMessageId,
    renderedFor: contact ? { id: contact.id, phone: contact.phone, label: contact.label } : null,
    missing: rendered.missing,
  };
}
