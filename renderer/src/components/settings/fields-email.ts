import type { FieldInfo } from './fields';

/** The e-mail channel's settings on the Settings page (Providers → E-mail, SMTP, Postmark, Sandbox e-mail). */
export const EMAIL_FIELDS: ReadonlyArray<readonly [string, FieldInfo]> = [
  [
    'email.provider',
    {
      group: 'providers',
      section: 'E-mail',
      label: 'E-mail service',
      choices: { sandbox: 'Sandbox (simulated)', smtp: 'SMTP (your mailbox provider)', postmark: 'Postmark' },
    },
  ],
  [
    'email.from',
    {
      group: 'providers',
      section: 'E-mail',
      label: 'Sender',
      help: 'Shown as the sender, e.g. Corner Shop <shop@example.com>. "Send a test e-mail" goes to this address.',
    },
  ],
  [
    'deliverability.dkimSelector',
    {
      group: 'providers',
      section: 'E-mail',
      label: 'DKIM selector',
      help: 'The name your e-mail provider signs with (e.g. google, s1, pm); "Check my domain" looks for the key there.',
    },
  ],
  [
    'email.postalAddress',
    {
      group: 'providers',
      section: 'E-mail',
      label: 'Postal address',
      help: 'The law (CAN-SPAM) requires it in every marketing e-mail: no e-mail campaign is sent without it.',
    },
  ],
  ['email.ratePerSecond', { group: 'providers', section: 'E-mail', label: 'E-mails per second', unit: 'per second' }],
  [
    'deliverability.dnsServer',
    {
      group: 'providers',
      section: 'E-mail',
      label: 'DNS server for the domain check',
      help: 'Leave empty to use your computer’s own; or an IP address such as 1.1.1.1.',
    },
  ],
  ['smtp.host', { group: 'providers', section: 'SMTP', label: 'Server', help: 'e.g. smtp.gmail.com' }],
  ['smtp.port', { group: 'providers', section: 'SMTP', label: 'Port', help: '587 (usual) or 465 with TLS on.' }],
  ['smtp.secure', { group: 'providers', section: 'SMTP', label: 'TLS from the start (port 465)' }],
  ['smtp.user', { group: 'providers', section: 'SMTP', label: 'User name' }],
  ['smtp.maxConnections', { group: 'providers', section: 'SMTP', label: 'Connections at most' }],
  ['smtp.rateLimit', { group: 'providers', section: 'SMTP', label: 'E-mails per window' }],
  ['smtp.rateDeltaMs', { group: 'providers', section: 'SMTP', label: 'Window', unit: 'milliseconds' }],
  ['postmark.messageStream', { group: 'providers', section: 'Postmark', label: 'Message stream' }],
  [
    'postmark.baseUrl',
    { group: 'providers', section: 'Postmark', label: 'API address', help: 'Leave as it is unless Postmark says so.' },
  ],
  [
    'sandboxEmail.deliveryDelayMs',
    { group: 'providers', section: 'Sandbox e-mail', label: 'Delivery delay', unit: 'ms' },
  ],
  ['sandboxEmail.bounceRate', { group: 'providers', section: 'Sandbox e-mail', label: 'Share that bounces' }],
  ['sandboxEmail.complaintRate', { group: 'providers', section: 'Sandbox e-mail', label: 'Share marked as spam' }],
  ['sandboxEmail.unsubscribeRate', { group: 'providers', section: 'Sandbox e-mail', label: 'Share that unsubscribes' }],
];

export const EMAIL_SECRETS: ReadonlyArray<readonly [string, { label: string; section: string }]> = [
  ['smtp.password', { label: 'SMTP password', section: 'SMTP' }],
  ['postmark.serverToken', { label: 'Postmark server token', section: 'Postmark' }],
];
