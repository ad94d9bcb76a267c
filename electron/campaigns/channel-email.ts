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
import type { LinkTracker } from '../abtests';
import { assignMessages } from './variants';
import { contactContext, fieldReader } from './channel-fields';
import { htmlToText } from './email-html';

/** The outbox provider of e-mails: the `email.provider` setting (the Sandbox simulates e-mail as it does texts). */
export function emailProviderId(settings: Pick<SettingsStore, 'get'>): EmailProviderId {
  return emailProviderOf(settings.get('email.provider'));
}

interface EmailSource {
  subject: string;
  markdown: string | null;
  html: string | null;
}

/** The campaign's subject and body (its own, or its e-mail template's); an e-mail A/B test's are its variants. */
function emailSources(core: EmailCore, c: CampaignRecord): EmailSource[] {
  if (c.ab?.channel === 'email')
    return c.ab.variants.map((v) => ({ subject: v.subject?.trim() ?? '', markdown: v.body, html: null }));
  const email = c.email;
  if (!email) throw new AppError('invalid_input', `Campaign "${c.name}" has no e-mail: give it a subject and a body.`);
  const template = email.templateId !== undefined ? emailTemplate(core.db, email.templateId) : undefined;
  if (email.templateId !== undefined && !template)
    throw new AppError('not_found', `The e-mail template ${email.templateId} of "${c.name}" no longer exists.`);
  const subject = email.subject?.trim() || template?.subject?.trim() || '';
  if (!subject) throw new AppError('invalid_input', `The e-mail of "${c.name}" has no subject.`);
  return [{ subject, markdown: email.body ?? template?.body ?? null, html: email.html ?? null }];
}

/** The Markdown bodies of a campaign's e-mails (what link tracking looks for links in). */
export function emailBodies(core: EmailCore, c: CampaignRecord): string[] {
  return emailSources(core, c).flatMap((s) => [s.markdown ?? '', s.html ?? '']);
}

/** What the e-mails of a campaign are written with: its database, settings and the unsubscribe links' secret. */
type EmailCore = Pick<DeskCore, 'db' | 'settings' | 'secrets'>;

const HELD: Omit<ChannelMessage, 'toEmail'> = {
  body: '',
  subject: null,
  html: null,
  voiceJson: null,
  variant: null,
  links: [],
  held: true,
};

type EmailRender = (contact: ContactValues, unsubscribeUrl: string) => Omit<ChannelMessage, 'variant' | 'links'>;

/** One source's e-mail for each contact; problems in its subject or body are found before any row is written. */
function sourceRenderer(core: EmailCore, source: EmailSource): EmailRender {
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
  return (r, unsubscribeUrl) => {
    const contact = contactContext(r, fields(r.id));
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

/**
 * Each contact's e-mail, rendered by the e-mail templates' renderer (Markdown, variables and fallbacks, the layout
 * and the footer with the postal address) with the recipient's own signed unsubscribe link, which names the
 * outbox row. A ready HTML body (sanitised when saved) gets the same layout and footer; its text is not filled in.
 * An e-mail A/B test gives each contact the variant the campaign's split assigns them (as texts are assigned).
 * With link tracking, every web link of both parts becomes the recipient's tracked link — never the unsubscribe one.
 */
export function emailContent(
  core: EmailCore,
  c: CampaignRecord,
  links?: LinkTracker,
  opts: { variant?: number } = {},
): (contact: ContactValues, outboxId: number) => ChannelMessage {
  const link = marketingEmailContext(core.settings, core.secrets); // says which setting is missing, before any row
  const renders = emailSources(core, c).map((source) => sourceRenderer(core, source));
  const plan = c.ab?.channel === 'email' ? assignMessages(c, []) : null;
  // The chosen variant for everyone: the held-back rest of a "test, then send the winner" e-mail test (abtests/winner.ts).
  const fixed =
    opts.variant === undefined
      ? null
      : { bodyIndex: opts.variant, variant: c.ab?.variants[opts.variant]?.name ?? null };
  return (r, outboxId) => {
    const pick = fixed ?? plan?.pick(r.id) ?? { bodyIndex: 0, variant: null };
    // Held back until the test has a winner: rendered, with its own unsubscribe link and tracked links, when it goes.
    if ('state' in pick && pick.state === 'held') return { ...HELD, toEmail: r.email };
    const unsubscribeUrl = unsubscribeLink(link, r.id, outboxId);
    const m = renders[pick.bodyIndex](r, unsubscribeUrl);
    if (!links?.enabled) return { ...m, variant: pick.variant, links: [] };
    const tracked = links.shortenEmail({ html: m.html, text: m.body }, (url) => url === unsubscribeUrl);
    return { ...m, html: tracked.html, body: tracked.text, variant: pick.variant, links: tracked.links };
  };
}
