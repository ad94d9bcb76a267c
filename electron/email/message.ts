import { AppError } from '../../shared/errors';
import type { SecretStore } from '../settings/secrets';
import type { SettingsStore } from '../settings/store';
import type { SendRequest } from '../providers';
import { listUnsubscribeHeaders, unsubscribeKey, unsubscribeLink, type UnsubscribeLinkContext } from './unsubscribe';

/** One e-mail as every e-mail provider hands it over: addresses, content and the headers we add. */
export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

type Settings = Pick<SettingsStore, 'get'>;

/**
 * What every marketing e-mail needs before one may leave: a sender, the postal address (CAN-SPAM) and the public
 * address the unsubscribe link points to. Refuses with the setting to fill in, so a campaign pauses with that reason.
 */
export function marketingEmailContext(settings: Settings, secrets: SecretStore): UnsubscribeLinkContext {
  const from = settings.get('email.from');
  if (!from)
    throw new AppError(
      'invalid_input',
      'Set email.from (the sender of your e-mails) in Settings before sending e-mail.',
    );
  if (!settings.get('email.postalAddress').trim())
    throw new AppError(
      'invalid_input',
      'Set email.postalAddress (your business’s postal address) in Settings: the law requires it in every marketing e-mail, so none is sent without it.',
    );
  const publicUrl = settings.get('webhooks.publicUrl');
  if (!publicUrl)
    throw new AppError(
      'invalid_input',
      'Set webhooks.publicUrl (your tunnel’s https address) in Settings: every marketing e-mail carries an unsubscribe link to it.',
    );
  return { publicUrl, key: unsubscribeKey(secrets), mailbox: from };
}

/** The footer link for one recipient of one e-mail: what e-mail content puts after "Unsubscribe". */
export function unsubscribeUrl(settings: Settings, secrets: SecretStore, contactId: number, outboxId: number): string {
  return unsubscribeLink(marketingEmailContext(settings, secrets), contactId, outboxId);
}

/** Builds the e-mail of an outbox row: the unsubscribe headers name its contact and outbox id. */
export function outgoingEmail(ctx: UnsubscribeLinkContext, req: SendRequest): OutgoingEmail {
  if (!req.toEmail) throw new AppError('invalid_input', `Outbox message ${req.outboxId ?? '?'} has no e-mail address.`);
  const headers =
    req.contactId != null && req.outboxId != null ? listUnsubscribeHeaders(ctx, req.contactId, req.outboxId) : {};
  return {
    from: ctx.mailbox,
    to: req.toEmail,
    subject: req.subject ?? '',
    text: req.body,
    html: req.html ?? null,
    headers,
  };
}
