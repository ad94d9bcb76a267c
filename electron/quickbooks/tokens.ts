import { AppError } from '../../shared/errors';
import type { SecretStore } from '../settings/secrets';
import type { SettingsStore } from '../settings/store';
import { quickBooksEndpoints } from './endpoints';
import { markReconnect } from './connection';
import { networkReason } from './network';
import type { SqliteDb } from '../db/connection';

/** What the token code needs from the app. */
export interface TokenDeps {
  db: SqliteDb;
  settings: Pick<SettingsStore, 'get'>;
  secrets: SecretStore;
  now: () => Date;
}

/** Refreshed this long before it expires, so a request never goes out with a token about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const TIMEOUT_MS = 30_000;

interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  x_refresh_token_expires_in?: number;
}

function isTokenAnswer(v: unknown): v is TokenAnswer {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.access_token === 'string' && typeof o.refresh_token === 'string' && typeof o.expires_in === 'number';
}

function clientCredentials(secrets: SecretStore): { clientId: string; clientSecret: string } {
  const clientId = secrets.get('quickbooks.clientId');
  const clientSecret = secrets.get('quickbooks.clientSecret');
  if (!clientId || !clientSecret) {
    throw new AppError(
      'secret_unavailable',
      'QuickBooks needs your Intuit app’s Client ID and Client Secret: enter them in Settings → Integrations (or `secrets set quickbooks.clientId` and `quickbooks.clientSecret`).',
    );
  }
  return { clientId, clientSecret };
}

/**
 * One call to Intuit's token endpoint (authorization code or refresh token). A refused grant (revoked or expired
 * refresh token, wrong client) marks the connection "Reconnect QuickBooks"; other failures are plain errors.
 */
async function tokenRequest(deps: TokenDeps, form: Record<string, string>): Promise<TokenAnswer> {
  const { clientId, clientSecret } = clientCredentials(deps.secrets);
  const { tokenUrl } = quickBooksEndpoints(deps.settings);
  let res: Response;
  try {
    res = await fetch(tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new AppError('provider_error', `QuickBooks could not be reached at ${tokenUrl}: ${networkReason(err)}.`);
  }
  const body: unknown = await res.json().catch(() => null);
  const error = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : null;
  if (res.status === 400 && error === 'invalid_grant') {
    const message =
      'QuickBooks no longer accepts the saved authorisation (revoked, or unused for 100 days). Reconnect QuickBooks.';
    markReconnect(deps.db, message);
    throw new AppError('forbidden', message);
  }
  if (res.status === 401 || error === 'invalid_client') {
    const message =
      'QuickBooks refused your Client ID or Client Secret. Check them in Settings → Integrations, then Reconnect QuickBooks.';
    markReconnect(deps.db, message);
    throw new AppError('forbidden', message);
  }
  if (!res.ok || !isTokenAnswer(body))
    throw new AppError(
      'provider_error',
      `QuickBooks' token endpoint answered ${res.status}${error ? ` (${error})` : ''}; try again later.`,
    );
  return body;
}

/** Keeps both tokens: the newest refresh token always replaces the old one (Intuit renews it on use). */
function keep(deps: TokenDeps, t: TokenAnswer): string {
  deps.secrets.set('quickbooks.refreshToken', t.refresh_token);
  const expiresAt = new Date(deps.now().getTime() + t.expires_in * 1000).toISOString();
  deps.secrets.set('quickbooks.accessToken', JSON.stringify({ token: t.access_token, expiresAt }));
  return t.access_token;
}

export async function exchangeCode(deps: TokenDeps, code: string, redirectUri: string): Promise<void> {
  keep(deps, await tokenRequest(deps, { grant_type: 'authorization_code', code, redirect_uri: redirectUri }));
}

export async function refreshAccessToken(deps: TokenDeps): Promise<string> {
  const refreshToken = deps.secrets.get('quickbooks.refreshToken');
  if (!refreshToken)
    throw new AppError(
      'secret_unavailable',
      'QuickBooks is not connected: press Connect in Settings → Integrations (or set the secret quickbooks.refreshToken).',
    );
  return keep(deps, await tokenRequest(deps, { grant_type: 'refresh_token', refresh_token: refreshToken }));
}

/** The saved access token while it has more than five minutes left; otherwise a fresh one. */
export async function accessToken(deps: TokenDeps): Promise<string> {
  const saved = deps.secrets.get('quickbooks.accessToken');
  if (saved) {
    try {
      const { token, expiresAt } = JSON.parse(saved) as { token?: unknown; expiresAt?: unknown };
      if (
        typeof token === 'string' &&
        typeof expiresAt === 'string' &&
        Date.parse(expiresAt) - deps.now().getTime() > REFRESH_MARGIN_MS
      )
        return token;
    } catch {
      // An unreadable saved token is simply replaced.
    }
  }
  return refreshAccessToken(deps);
}
