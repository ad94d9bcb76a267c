/** Secrets are stored apart from settings (keychain or 0600 file) and never printed. */
export const secretDefs = {
  'quo.apiKey': 'Quo (OpenPhone) API key.',
  'quo.signingSecret': 'Quo legacy webhook signing secret (base64), for openphone-signature.',
  'quo.webhookSecret': 'Quo webhook secret (whsec_…), for Standard Webhooks signatures.',
  'twilio.authToken': 'Twilio Auth Token (also signs Twilio webhooks).',
  'numverify.apiKey': 'NumVerify (APILayer) access key.',
  'gemini.apiKey': 'Google Gemini API key (from Google AI Studio), for writing help.',
  'quickbooks.clientId': 'QuickBooks: your Intuit app’s Client ID (developer.intuit.com → Keys & credentials).',
  'quickbooks.clientSecret': 'QuickBooks: your Intuit app’s Client Secret.',
  'quickbooks.refreshToken':
    'QuickBooks: the OAuth refresh token (kept up to date by Connect and every sync; set by hand only without the browser step).',
  'quickbooks.accessToken':
    'QuickBooks: the current OAuth access token and its expiry (kept by the app; lasts an hour).',
} as const;

export type SecretName = keyof typeof secretDefs;
export const secretNames = Object.keys(secretDefs) as SecretName[];
export function isSecretName(name: string): name is SecretName {
  return Object.prototype.hasOwnProperty.call(secretDefs, name);
}
