import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { SqliteDb } from '../db/connection';
import { firstRow, qb, runQuery } from '../db/sync-query';
import { AUTHORIZE_URL, SCOPE, redirectUri } from './endpoints';
import { exchangeCode, type TokenDeps } from './tokens';
import { markConnected } from './connection';
import { transaction } from '../db/transaction';

/** An authorisation must come back within this time, and its state is good for one use only. */
export const STATE_LIFETIME_MS = 10 * 60_000;

export interface AuthorizeStart {
  authorizeUrl: string;
  redirectUri: string;
  expiresAt: string;
}

/** Why a callback was refused, in the owner's words (shown on the page the browser lands on). */
export type StateProblem = 'unknown' | 'used' | 'expired';

const STATE_PROBLEM: Record<StateProblem, string> = {
  unknown: 'This sign-in link is not one this app started. Go back to the app and press Connect QuickBooks again.',
  used: 'This sign-in link was already used. Go back to the app and press Connect QuickBooks again.',
  expired: 'This sign-in link expired (they last 10 minutes). Go back to the app and press Connect QuickBooks again.',
};

/** A new single-use state and the Intuit page to open; needs the relay's public https URL as the redirect. */
export function startAuthorization(deps: TokenDeps, publicUrl: string): AuthorizeStart {
  const redirect = redirectUri(publicUrl);
  if (!redirect)
    throw new AppError(
      'invalid_input',
      'QuickBooks returns to this app through your public tunnel URL: set it in Settings → Webhooks first (e.g. https://abc.trycloudflare.com).',
    );
  const clientId = deps.secrets.get('quickbooks.clientId');
  if (!clientId || !deps.secrets.get('quickbooks.clientSecret'))
    throw new AppError('secret_unavailable', 'Enter your Intuit app’s Client ID and Client Secret first.');
  const state = randomBytes(24).toString('base64url');
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + STATE_LIFETIME_MS).toISOString();
  runQuery(
    deps.db,
    qb
      .insertInto('quickbooks_oauth_states')
      .values({ state, created_at: now.toISOString(), expires_at: expiresAt, used_at: null }),
  );
  // Old states are of no use to anyone: keep the table small.
  runQuery(
    deps.db,
    qb
      .deleteFrom('quickbooks_oauth_states')
      .where('expires_at', '<', new Date(now.getTime() - 24 * 3_600_000).toISOString()),
  );
  const params = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    scope: SCOPE,
    redirect_uri: redirect,
    state,
  });
  return { authorizeUrl: `${AUTHORIZE_URL}?${params.toString()}`, redirectUri: redirect, expiresAt };
}

/** Uses up a state: answers why it cannot be used, or null when it is good (it is then spent either way). */
export function spendState(db: SqliteDb, state: string, now: Date): StateProblem | null {
  return transaction(
    db,
    (): StateProblem | null => {
      const row = firstRow(db, qb.selectFrom('quickbooks_oauth_states').selectAll().where('state', '=', state));
      if (!row) return 'unknown';
      if (row.used_at !== null) return 'used';
      runQuery(
        db,
        qb.updateTable('quickbooks_oauth_states').set({ used_at: now.toISOString() }).where('state', '=', state),
      );
      return Date.parse(row.expires_at) <= now.getTime() ? 'expired' : null;
    },
    { immediate: true },
  );
}

export type CallbackOutcome = { ok: true; realmId: string } | { ok: false; message: string };

/**
 * The browser's return from Intuit: checks the state (known, unused, under 10 minutes), then trades the code for
 * tokens and keeps them and the company id. Intuit's own refusal (`error=access_denied`) is said plainly.
 */
export async function completeAuthorization(
  deps: TokenDeps & { setRealmId(realmId: string): void },
  publicUrl: string,
  params: URLSearchParams,
): Promise<CallbackOutcome> {
  const state = params.get('state') ?? '';
  const problem = spendState(deps.db, state, deps.now());
  if (problem) return { ok: false, message: STATE_PROBLEM[problem] };
  const denied = params.get('error');
  if (denied)
    return {
      ok: false,
      message:
        denied === 'access_denied'
          ? 'You did not allow access in QuickBooks, so nothing was connected.'
          : `QuickBooks answered: ${denied.slice(0, 100)}.`,
    };
  const code = params.get('code');
  const realmId = params.get('realmId');
  if (!code || !realmId || !/^\d+$/.test(realmId))
    return {
      ok: false,
      message: 'QuickBooks did not send back a sign-in code and company id. Press Connect QuickBooks again.',
    };
  const redirect = redirectUri(publicUrl);
  if (!redirect) return { ok: false, message: 'The public tunnel URL is no longer set in Settings → Webhooks.' };
  try {
    await exchangeCode(deps, code, redirect);
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  deps.setRealmId(realmId);
  markConnected(deps.db, deps.now().toISOString());
  return { ok: true, realmId };
}
