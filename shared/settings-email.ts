import { z } from 'zod';
import { choice, number, providerUrl, rate, text, wholeNumber } from './settings-fields';

/** An e-mail address, or empty while it is not set. */
const emailAddress = z
  .string({ error: 'enter an e-mail address, e.g. shop@example.com' })
  .trim()
  .max(254, 'keep it under 254 characters')
  .refine(
    (v) =>
      v === '' ||
      /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(v) ||
      /^[^<>]*<[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+>$/.test(v),
    'enter an e-mail address such as shop@example.com or "Corner Shop <shop@example.com>", or leave it empty',
  );

/** The e-mail channel's settings (issue 18); spread into settingDefs. Secrets are in secret-names.ts. */
export const emailSettingDefs = {
  'email.provider': {
    schema: choice(['sandbox', 'smtp', 'postmark']),
    default: 'sandbox' as 'sandbox' | 'smtp' | 'postmark',
    description:
      'Which service sends e-mail: sandbox (built-in simulator, no account), smtp (your mailbox provider) or postmark.',
  },
  'email.from': {
    schema: emailAddress,
    default: '',
    description: 'The sender of your e-mails, e.g. "Corner Shop <shop@example.com>"; also gets the test e-mail.',
  },
  'email.postalAddress': {
    schema: text(300),
    default: '',
    description: 'Your business’s postal address, required in every marketing e-mail (CAN-SPAM) before any is sent.',
  },
  'email.ratePerSecond': {
    schema: number().positive('enter a number above 0').max(100, 'enter at most 100'),
    default: 5,
    description: 'E-mails handed to the provider per second at most.',
  },
  'smtp.host': {
    schema: text(253),
    default: '',
    description: 'SMTP server name, e.g. smtp.gmail.com or smtp.office365.com.',
  },
  'smtp.port': {
    schema: wholeNumber(1, 65_535),
    default: 587,
    description: 'SMTP port: 587 (STARTTLS) or 465 (TLS from the start, with smtp.secure on).',
  },
  'smtp.secure': {
    schema: z.boolean({ error: 'choose on or off' }),
    default: false,
    description: 'SMTP: TLS from the first byte (port 465). Off means STARTTLS when the server offers it (587).',
  },
  'smtp.user': {
    schema: text(254),
    default: '',
    description: 'SMTP user name (often your e-mail address); the password is a secret (smtp.password).',
  },
  'smtp.maxConnections': {
    schema: wholeNumber(1, 20),
    default: 3,
    description: 'SMTP: connections kept open to the server at most (a pool; most mailbox providers allow a few).',
  },
  'smtp.rateLimit': {
    schema: wholeNumber(1, 10_000),
    default: 20,
    description: 'SMTP: e-mails per smtp.rateDeltaMs at most (mailbox providers cap how fast you may send).',
  },
  'smtp.rateDeltaMs': {
    schema: wholeNumber(100, 3_600_000),
    default: 1000,
    description: 'SMTP: the window (milliseconds) smtp.rateLimit counts in.',
  },
  'postmark.baseUrl': {
    schema: providerUrl,
    default: 'https://api.postmarkapp.com',
    description: 'Postmark API base URL; the server token is a secret (postmark.serverToken).',
  },
  'postmark.messageStream': {
    schema: text(100).refine((v) => v.trim() !== '', 'enter the stream id, e.g. broadcast'),
    default: 'broadcast',
    description: 'Postmark message stream for marketing e-mail (Postmark asks for a broadcast stream).',
  },
  'sandboxEmail.deliveryDelayMs': {
    schema: wholeNumber(0, 600_000),
    default: 1500,
    description: 'Sandbox e-mail: milliseconds between a send and its simulated delivery, bounce or complaint.',
  },
  'sandboxEmail.bounceRate': {
    schema: rate,
    default: 0.02,
    description: 'Sandbox e-mail: share of e-mails (0–1) that hard-bounce (the address is then suppressed).',
  },
  'sandboxEmail.complaintRate': {
    schema: rate,
    default: 0.001,
    description: 'Sandbox e-mail: share of e-mails (0–1) marked as spam (the address is then suppressed).',
  },
  'sandboxEmail.unsubscribeRate': {
    schema: rate,
    default: 0.005,
    description: 'Sandbox e-mail: share of e-mails (0–1) whose recipient unsubscribes.',
  },
} as const;
