import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { qboHarness, customer, type QboHarness } from './helpers';

let h: QboHarness;
let relayUrl: string;

beforeEach(async () => {
  h = await qboHarness();
  const relay = await h.app.startRelay({ host: '127.0.0.1', port: 0 });
  relayUrl = relay.url;
  h.app.settings.set('webhooks.publicUrl', relayUrl);
});
afterEach(async () => {
  await h.close();
});

const connect = () => h.ok('quickbooks:connect', {});
/** The browser following Intuit's redirect back to the relay. */
async function returnTo(url: string): Promise<{ status: number; page: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, page: await res.text() };
}

describe('QuickBooks connect (OAuth authorization code through the relay)', () => {
  it('opens Intuit’s sign-in page in the browser and keeps the tokens and company id the callback brings', async () => {
    const start = await connect();
    expect(h.opened).toEqual([start.authorizeUrl]);
    const u = new URL(start.authorizeUrl);
    expect(u.origin + u.pathname).toBe('https://appcenter.intuit.com/connect/oauth2');
    expect(Object.fromEntries(u.searchParams)).toMatchObject({
      client_id: h.fake.clientId,
      response_type: 'code',
      scope: 'com.intuit.quickbooks.accounting',
      redirect_uri: `${relayUrl}/oauth/quickbooks/callback`,
    });
    expect(u.searchParams.get('state')).toMatch(/^[\w-]{32}$/);

    const back = await returnTo(h.fake.authorize(start.authorizeUrl));
    expect(back.status).toBe(200);
    expect(back.page).toContain('QuickBooks is connected');
    const s = await h.status();
    expect(s).toMatchObject({
      state: 'connected',
      label: 'Connected',
      realmId: h.fake.realmId,
      credentials: { clientId: true, clientSecret: true, refreshToken: true },
    });
    expect(h.app.secrets.get('quickbooks.refreshToken')).toBe(h.fake.currentRefreshToken());
    expect(h.fake.grants).toContain('authorization_code');
  });

  it('refuses a state it never issued, stores nothing and says to press Connect again', async () => {
    const start = await connect();
    const forged = new URL(h.fake.authorize(start.authorizeUrl));
    forged.searchParams.set('state', 'not-a-state-we-issued');
    const back = await returnTo(forged.toString());
    expect(back.status).toBe(400);
    expect(back.page).toContain('not one this app started');
    expect(h.app.secrets.get('quickbooks.refreshToken')).toBeUndefined();
    expect((await h.status()).state).toBe('not_connected');
  });

  it('uses a state once: the same redirect a second time is refused', async () => {
    const start = await connect();
    const url = h.fake.authorize(start.authorizeUrl);
    expect((await returnTo(url)).status).toBe(200);
    const again = await returnTo(url);
    expect(again.status).toBe(400);
    expect(again.page).toContain('already used');
    expect(h.fake.grants.filter((g) => g === 'authorization_code')).toHaveLength(1);
  });

  it('refuses a state older than 10 minutes', async () => {
    const start = await connect();
    h.advance(10 * 60_000 + 1000);
    const back = await returnTo(h.fake.authorize(start.authorizeUrl));
    expect(back.status).toBe(400);
    expect(back.page).toContain('expired');
    expect(h.app.secrets.get('quickbooks.refreshToken')).toBeUndefined();
  });

  it('needs the public tunnel URL for the redirect, and says so', async () => {
    h.app.settings.set('webhooks.publicUrl', '');
    const r = await h.app.dispatch('quickbooks:connect', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('public tunnel URL');
    expect(h.opened).toEqual([]);
  });
});

describe('QuickBooks tokens', () => {
  beforeEach(async () => {
    const start = await connect();
    expect((await returnTo(h.fake.authorize(start.authorizeUrl))).status).toBe(200);
    await h.app.quickbooks.settled(); // the first sync the callback started
    h.fake.put('Customer', customer('1', 'Ana Lima', { mobile: '(415) 200-0001' }));
  });

  it('after a 401 refreshes once, retries, and keeps the newest refresh token', async () => {
    const before = h.app.secrets.get('quickbooks.refreshToken');
    h.fake.expireAccessTokens();
    const r = await h.sync(true);
    expect(r.customers).toBe(1);
    expect(h.fake.requests.some((q) => q.status === 401)).toBe(true);
    expect(h.fake.grants.filter((g) => g === 'refresh_token')).toHaveLength(1);
    const after = h.app.secrets.get('quickbooks.refreshToken');
    expect(after).not.toBe(before);
    expect(after).toBe(h.fake.currentRefreshToken());
  });

  it('refreshes an access token five minutes before it expires, without waiting for a 401', async () => {
    h.advance(56 * 60_000);
    await h.sync(true);
    expect(h.fake.grants.filter((g) => g === 'refresh_token')).toHaveLength(1);
    expect(h.fake.requests.some((q) => q.status === 401)).toBe(false);
  });

  it('a revoked refresh token shows "Reconnect QuickBooks" and the background sync stops asking (no crash loop)', async () => {
    h.fake.revokeRefreshTokens();
    const r = await h.app.dispatch('quickbooks:sync', { full: false });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('Reconnect QuickBooks');
    const s = await h.status();
    expect(s).toMatchObject({ state: 'reconnect', label: 'Reconnect QuickBooks' });
    const asked = h.fake.requests.length;
    await h.app.quickbooks.syncInBackground();
    await h.app.quickbooks.syncInBackground();
    expect(h.fake.requests.length).toBe(asked);

    // Connecting again clears it.
    const start = await connect();
    expect((await returnTo(h.fake.authorize(start.authorizeUrl))).status).toBe(200);
    expect((await h.status()).state).toBe('connected');
    expect((await h.sync()).customers).toBe(1);
  });
});
