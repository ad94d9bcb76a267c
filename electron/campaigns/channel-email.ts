import { AppError } from '../../shared/errors';
import { renderEmail } from '../../shared/email-templates';
import { emailDocument, footerText } from '../../shared/email-templates/layout';
import { parseTemplate, renderParsed } from '../../shared/templates';
import type { DeskCore } from '../core';
import type { SettingsStore } from '../settings/store';
import { emailProviderOf, type EmailProviderId } from '../providers';
import { marketingEmailContext, unsubscribeLink } from '../email';
import type { CampaignRecord } from './model';
import { emailTemplate } from './queries';
import type { ChannelMessage, ContactValues } from './snapshot-channels';
import { contactContext, fieldReader } from './channel-fields';
import { htmlToText } from './email-html';

/** The outbox provider of e-mails: the `email.provider` setting (the Sandbox simulates e-mail as it does texts). */
export function emailProviderId(settings: Pick<SettingsStore, 'get'>): EmailProviderId {
  return emailProviderOf(settings.get('email.provider'));
}

/** The campaign's subject and body (its own, or its e-mail template's). */
function emailSource(
  core: DeskCore,
  c: CampaignRecord,
): { subject: string; markdown: string | null; html: string | null } {
  const email = c.email;
  if (!email) throw new AppError('invalid_input', `Campaign "${c.name}" has no e-mail: give it a subject and a body.`);
  const template = email.templateId !== undefined ? emailTemplate(core.db, email.templateId) : undefined;
  if (email.templateId !== undefined && !template)
    throw new AppError('not_found', `The e-mail template ${email.templateId} of "${c.name}" no longer exists.`);
  const subject = email.subject?.trim() || template?.subject?.trim() || '';
  if (!subject) throw new AppError('invalid_input', `The e-mail of "${c.name}" has no subject.`);
  return { subject, markdown: email.body ?? template?.body ?? null, html: email.html ?? null };
}

/**
 * Each contact's e-mail, rendered by the e-mail templates' renderer (Markdown, variables and fallbacks, the layout
 * and the footer with the postal address) with the recipient's own signed unsubscribe link, which names the
 * outbox row. A ready HTML body (sanitised when saved) gets the same layout and footer; its text is not filled in.
 */
export function emailContent(
  core: DeskCore,
  c: CampaignRecord,
): (contact: ContactValues, outboxId: number) => ChannelMessage {
  const source = emailSource(core, c);
  const link = marketingEmailContext(core.settings, core.secrets); // says which setting is missing, before any row
  const business = {
    name: core.settings.get('business.name'),
    contact: core.settings.get('business.contact'),
    postalAddress: core.settings.get('email.postalAddress'),
  };
  const subject = parseTemplate(source.subject);
  const body = source.markdown === null ? null : parseTemplate(source.markdown);
  for (const [p, what] of [
    [subject, 'subject'],
    [body, 'body'],
  ] as const) {
    const bad = p?.errors[0];
    if (bad) throw new AppError('invalid_input', `The e-mail ${what} has a problem: ${bad.message}`);
  }
  const fields = fieldReader(core, body ? [subject, body] : [subject]);
  return (r, outboxId) => {
    const contact = contactContext(r, fields(r.id));
    const unsubscribeUrl = unsubscribeLink(link, r.id, outboxId);
    const toEmail = r.email;
    if (source.html !== null) {
      const line = renderParsed(subject, { contact, business }).text.replace(/\s+/g, ' ').trim();
      const footer = { businessName: business.name, postalAddress: business.postalAddress, unsubscribeUrl };
      return {
        body: `${htmlToText(source.html)}\n\n${footerText(footer)}\n`,
        subject: line,
        html: emailDocument(line, source.html, footer),
        toEmail,
        voiceJson: null,
      };
    }
    const out = renderEmail({
      subject: source.subject,
      markdown: source.markdown ?? '',
      contact,
      business,
      unsubscribeUrl,
    });
    return { body: out.text, subject: out.subject, html: out.html, toEmail, voiceJson: null };
  };
}
