import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { AppError } from '../../shared/errors';
import { outgoingEmail, type UnsubscribeLinkContext } from '../email';
import type { Provider, ProviderHealth, ProviderMessage, SendOutcome, SendRequest } from './types';

export interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string | undefined;
  maxConnections: number;
  rateLimit: number;
  rateDeltaMs: number;
  timeoutMs: number;
  /** Sender and unsubscribe links (see marketingEmailContext). */
  links: () => UnsubscribeLinkContext;
}

/** What nodemailer's errors carry (SMTP reply code, its own code, the socket's errno). */
interface SmtpError {
  message: string;
  code?: string;
  responseCode?: number;
  response?: string;
  errno?: string | number;
  syscall?: string;
}

const NEVER_CONNECTED = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|Greeting never received/;

/**
 * What a failed SMTP send means. The server's own answer decides when there is one: 4xx "try later", 5xx "never".
 * Without an answer, only a connection that never opened is surely unsent; a connection that dropped while the
 * message was on its way (after DATA) may have delivered it, so it is unknown and never resent automatically.
 */
export function smtpFailure(err: SmtpError, host: string): Extract<SendOutcome, { ok: false }> {
  const reply = err.response ? `: ${err.response.slice(0, 300)}` : '';
  if (err.responseCode !== undefined && err.responseCode >= 400 && err.responseCode < 500)
    return {
      ok: false,
      kind: 'retryable',
      code: `smtp_${err.responseCode}`,
      message: `The mail server asked to try again later (${err.responseCode}${reply}).`,
    };
  if (err.responseCode !== undefined && err.responseCode >= 500)
    return {
      ok: false,
      kind: 'permanent',
      code: `smtp_${err.responseCode}`,
      message: `The mail server refused this e-mail (${err.responseCode}${reply}).`,
    };
  if (err.code === 'EENVELOPE' || err.code === 'EAUTH')
    return {
      ok: false,
      kind: 'permanent',
      code: err.code === 'EAUTH' ? 'smtp_auth' : 'smtp_address',
      message:
        err.code === 'EAUTH'
          ? `The mail server at ${host} did not accept the user name and password (smtp.user, smtp.password).`
          : `The e-mail address was refused: ${err.message}`,
    };
  const detail = `${err.message} ${String(err.errno ?? '')}`;
  if (err.code === 'EDNS' || NEVER_CONNECTED.test(detail) || err.syscall === 'connect')
    return {
      ok: false,
      kind: 'retryable',
      code: 'connection_refused',
      message: `Could not connect to the mail server at ${host} (${err.message}), so the e-mail was not sent.`,
    };
  return {
    ok: false,
    kind: 'unknown',
    code: 'connection_lost',
    message: `The connection to the mail server at ${host} broke while sending (${err.message}). The e-mail may or may not have been sent, so it will not be sent again automatically.`,
  };
}

/**
 * E-mail through any SMTP server (Google Workspace, Microsoft 365, Fastmail, a transactional service's SMTP), with
 * nodemailer's connection pool and rate limit. SMTP keeps no list of sent messages: lookup and listing say so.
 */
export class SmtpProvider implements Provider {
  readonly id = 'smtp' as const;
  private readonly transport: Transporter<SMTPPool.SentMessageInfo>;

  constructor(private readonly options: SmtpOptions) {
    this.transport = createTransport({
      pool: true,
      host: options.host,
      port: options.port,
      secure: options.secure,
      auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
      maxConnections: options.maxConnections,
      rateLimit: options.rateLimit,
      rateDelta: options.rateDeltaMs,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
    });
  }

  async send(req: SendRequest): Promise<SendOutcome> {
    const mail = outgoingEmail(this.options.links(), req);
    try {
      const info = await this.transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        headers: mail.headers,
      });
      if (info.rejected.length)
        return { ok: false, kind: 'permanent', code: 'smtp_rejected', message: `The mail server refused ${mail.to}.` };
      return { ok: true, providerMessageId: info.messageId, status: 'sent' };
    } catch (err) {
      return smtpFailure(err as SmtpError, `${this.options.host}:${this.options.port}`);
    }
  }

  lookup(): Promise<ProviderMessage | null> {
    return Promise.reject(
      new AppError('provider_error', 'SMTP servers keep no list of sent e-mails: a message cannot be looked up.'),
    );
  }

  // eslint-disable-next-line require-yield
  async *list(): AsyncIterable<ProviderMessage> {
    throw new AppError(
      'provider_error',
      'SMTP servers keep no list of sent e-mails: reconciliation cannot check them.',
    );
  }

  async health(): Promise<ProviderHealth> {
    const where = `${this.options.host}:${this.options.port}`;
    try {
      await this.transport.verify();
      return {
        ok: true,
        detail: `The mail server at ${where} accepts our sign-in. SMTP keeps no list of sent e-mails, so reconciliation cannot check them.`,
      };
    } catch (err) {
      return { ok: false, detail: `The mail server at ${where} could not be used: ${(err as Error).message}` };
    }
  }

  /** Closes the pool's connections (settings changed or the app stops). */
  close(): void {
    this.transport.close();
  }
}
