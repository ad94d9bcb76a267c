import type { SettingsStore } from '../settings/store';

/** Intuit's documented addresses (shared/docs/integrations.md); the two settings may point elsewhere (tests: a fake). */
export const AUTHORIZE_URL = 'https://appcenter.intuit.com/connect/oauth2';
export const DEFAULT_TOKEN_URL = 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer';
export const API_BASE_URL = {
  sandbox: 'https://sandbox-quickbooks.api.intuit.com',
  production: 'https://quickbooks.api.intuit.com',
} as const;
export const SCOPE = 'com.intuit.quickbooks.accounting';
export const CALLBACK_PATH = '/oauth/quickbooks/callback';

export interface QuickBooksEndpoints {
  environment: 'sandbox' | 'production';
  apiBaseUrl: string;
  tokenUrl: string;
  realmId: string;
}

export function quickBooksEndpoints(settings: Pick<SettingsStore, 'get'>): QuickBooksEndpoints {
  const environment = settings.get('quickbooks.environment');
  return {
    environment,
    apiBaseUrl: (settings.get('quickbooks.apiBaseUrl') || API_BASE_URL[environment]).replace(/\/+$/, ''),
    tokenUrl: settings.get('quickbooks.tokenUrl') || DEFAULT_TOKEN_URL,
    realmId: settings.get('quickbooks.realmId'),
  };
}

/** The redirect URI registered with Intuit: the relay's public https origin plus the callback path, or null. */
export function redirectUri(publicUrl: string): string | null {
  if (!publicUrl) return null;
  try {
    return `${new URL(publicUrl).origin}${CALLBACK_PATH}`;
  } catch {
    return null;
  }
}
