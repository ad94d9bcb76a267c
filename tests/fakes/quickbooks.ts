import { randomBytes } from 'node:crypto';
import { basicCredentials, startFakeServer, type Answer, type FakeRequest, type RequestLogEntry } from './fake-server';
import { createFaultPlan, type FaultPlan } from './faults';

/**
 * A fake QuickBooks Online on 127.0.0.1, after shared/docs/integrations.md: Intuit's OAuth token endpoint
 * (authorization code and refresh token, Basic client credentials, refresh tokens rotated on use and the old one
 * refused), the query API (`SELECT * FROM X STARTPOSITION n MAXRESULTS m`, at most 1,000 rows), Change Data Capture
 * (changed and `status: "Deleted"` objects since `changedSince`), 401 for an unknown or expired access token, 429 with
 * a ThrottleExceeded Fault (through the shared fault plan: `faults.next({ kind: 'rate_limited' })`), and a Fault
 * inside an HTTP 200 on demand.
 */

export type FakeEntity = 'Customer' | 'SalesReceipt' | 'Invoice' | 'Payment';
type Obj = Record<string, unknown>;

export interface FakeQuickBooks {
  url: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  realmId: string;
  faults: FaultPlan;
  readonly requests: readonly RequestLogEntry[];
  /** Query strings received by /query, in order. */
  readonly queries: readonly string[];
  /** Grants received by the token endpoint, in order ('authorization_code' | 'refresh_token'). */
  readonly grants: readonly string[];
  /** What Intuit's sign-in page would do once the owner allows access: the redirect back, with code, state and realmId. */
  authorize(authorizeUrl: string): string;
  /** The refresh token the fake would accept now (the newest one issued). */
  currentRefreshToken(): string | null;
  /** Issues a refresh token as if the owner connected elsewhere (headless set-up). */
  issueRefreshToken(): string;
  /** Every access token issued so far stops working (as after an hour, or a revocation). */
  expireAccessTokens(): void;
  /** Every refresh token is refused with invalid_grant from now on (revoked by the owner, or 100 days unused). */
  revokeRefreshTokens(): void;
  /** The next company API request answers HTTP 200 with a Fault body. */
  faultIn200Next(): void;
  /** Adds or changes an entity (Id as given); its LastUpdatedTime is the fake's clock. */
  put(entity: FakeEntity, body: Obj): void;
  remove(entity: FakeEntity, id: string): void;
  /** The fake's clock for MetaData.LastUpdatedTime (ISO). */
  setTime(iso: string): void;
  close(): Promise<void>;
}

const PAGE_MAX = 1000;

function fault(status: number, type: string, message: string, detail: string, code: string): Answer {
  return {
    status,
    body: {
      Fault: { Error: [{ Message: message, Detail: detail, code, element: '' }], type },
      time: new Date().toISOString(),
    },
  };
}

export async function startFakeQuickBooks(
  options: { realmId?: string; clientId?: string; clientSecret?: string } = {},
): Promise<FakeQuickBooks> {
  const realmId = options.realmId ?? '9130357766661234';
  const clientId = options.clientId ?? 'ABfakeClientId';
  const clientSecret = options.clientSecret ?? 'fake-client-secret';
  const faults = createFaultPlan();
  const codes = new Map<string, { redirectUri: string; used: boolean }>();
  const accessTokens = new Set<string>();
  let refreshToken: string | null = null;
  let faultNext = false;
  let clock = new Date().toISOString();
  const data = new Map<FakeEntity, Map<string, Obj>>([
    ['Customer', new Map()],
    ['SalesReceipt', new Map()],
    ['Invoice', new Map()],
    ['Payment', new Map()],
  ]);
  const deleted: Array<{ entity: FakeEntity; id: string; at: string }> = [];
  const queries: string[] = [];
  const grants: string[] = [];

  const token = () => randomBytes(12).toString('hex');
  const issue = (): Answer => {
    const access = `at-${token()}`;
    accessTokens.add(access);
    refreshToken = `rt-${token()}`;
    return {
      status: 200,
      body: {
        access_token: access,
        token_type: 'bearer',
        expires_in: 3600,
        refresh_token: refreshToken,
        x_refresh_token_expires_in: 8_726_400,
      },
    };
  };

  function tokenEndpoint(req: FakeRequest): Answer {
    const creds = basicCredentials(req.headers.authorization);
    if (!creds || creds.user !== clientId || creds.password !== clientSecret)
      return { status: 401, body: { error: 'invalid_client' } };
    const form = new URLSearchParams(req.body);
    const grant = form.get('grant_type') ?? '';
    grants.push(grant);
    if (grant === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      if (!code || code.used || code.redirectUri !== form.get('redirect_uri'))
        return { status: 400, body: { error: 'invalid_grant' } };
      code.used = true;
      return issue();
    }
    if (grant === 'refresh_token') {
      if (!refreshToken || form.get('refresh_token') !== refreshToken)
        return { status: 400, body: { error: 'invalid_grant' } };
      return issue();
    }
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }

  const byId = (a: Obj, b: Obj) => Number(a.Id) - Number(b.Id);

  function query(req: FakeRequest): Answer {
    const q = req.url.searchParams.get('query') ?? '';
    queries.push(q);
    const m = /^SELECT \* FROM (\w+)(?: STARTPOSITION (\d+))?(?: MAXRESULTS (\d+))?$/i.exec(q.trim());
    const rows = m ? data.get(m[1] as FakeEntity) : undefined;
    if (!m || !rows)
      return fault(400, 'ValidationFault', 'Error parsing query', `QueryParserError: ${q.slice(0, 80)}`, '4000');
    const start = Number(m[2] ?? 1);
    const max = Number(m[3] ?? 100);
    if (max > PAGE_MAX) return fault(400, 'ValidationFault', 'Invalid query', 'MAXRESULTS cannot exceed 1000', '4001');
    const page = [...rows.values()].sort(byId).slice(start - 1, start - 1 + max);
    return {
      status: 200,
      body: {
        QueryResponse: page.length ? { startPosition: start, maxResults: page.length, [m[1]]: page } : {},
        time: clock,
      },
    };
  }

  function cdc(req: FakeRequest): Answer {
    const since = Date.parse(req.url.searchParams.get('changedSince') ?? '');
    const entities = (req.url.searchParams.get('entities') ?? '').split(',') as FakeEntity[];
    if (Number.isNaN(since))
      return fault(400, 'ValidationFault', 'Invalid changedSince', 'changedSince must be a date-time', '4001');
    if (Date.parse(clock) - since > 30 * 86_400_000)
      return fault(400, 'ValidationFault', 'Invalid changedSince', 'changedSince can be at most 30 days ago', '4001');
    const parts = entities
      .filter((e) => data.has(e))
      .map((e) => {
        const changed = [...data.get(e)!.values()].filter(
          (o) => Date.parse(String((o.MetaData as Obj).LastUpdatedTime)) > since,
        );
        const gone = deleted
          .filter((d) => d.entity === e && Date.parse(d.at) > since)
          .map((d) => ({ domain: 'QBO', status: 'Deleted', Id: d.id, MetaData: { LastUpdatedTime: d.at } }));
        const rows = [...changed, ...gone];
        return { [e]: rows, startPosition: 1, maxResults: rows.length, totalCount: rows.length };
      });
    return { status: 200, body: { CDCResponse: [{ QueryResponse: parts }], time: clock } };
  }

  const fake = await startFakeServer(
    {
      target: (req) => (req.method === 'POST' ? 'send' : 'read'),
      handle(req) {
        if (req.method === 'POST' && req.url.pathname === '/oauth2/v1/tokens/bearer') return tokenEndpoint(req);
        const m = /^\/v3\/company\/(\d+)\/(query|cdc)$/.exec(req.url.pathname);
        if (!m || req.method !== 'GET') return { status: 404, body: { message: 'not found' } };
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (!bearer || !accessTokens.has(bearer))
          return fault(
            401,
            'AUTHENTICATION',
            'message=AuthenticationFailed; errorCode=003200; statusCode=401',
            'Token expired or invalid',
            '3200',
          );
        if (m[1] !== realmId)
          return fault(403, 'AuthorizationFault', 'Unauthorized', `No access to company ${m[1]}`, '003100');
        if (faultNext) {
          faultNext = false;
          return fault(
            200,
            'SystemFault',
            'An application error has occurred while processing your request',
            'System Failure Error: something went wrong',
            '10000',
          );
        }
        return m[2] === 'query' ? query(req) : cdc(req);
      },
      faultAnswer: (status, retryAfter) =>
        status === 429
          ? {
              ...fault(
                429,
                'SERVICE',
                'message=ThrottleExceeded; errorCode=003001; statusCode=429',
                'The request limit was reached.',
                '003001',
              ),
              headers: retryAfter ? { 'retry-after': retryAfter } : {},
            }
          : fault(status, 'SERVICE', 'Service unavailable', 'Try again later', '10000'),
    },
    faults,
  );

  return {
    url: fake.url,
    tokenUrl: `${fake.url}/oauth2/v1/tokens/bearer`,
    clientId,
    clientSecret,
    realmId,
    faults,
    get requests() {
      return fake.log;
    },
    queries,
    grants,
    authorize(authorizeUrl) {
      const u = new URL(authorizeUrl);
      if (u.searchParams.get('client_id') !== clientId)
        throw new Error(`fake QuickBooks: unknown client_id ${u.searchParams.get('client_id')}`);
      const redirectUri = u.searchParams.get('redirect_uri') ?? '';
      const code = `code-${token()}`;
      codes.set(code, { redirectUri, used: false });
      const back = new URL(redirectUri);
      back.search = new URLSearchParams({ code, state: u.searchParams.get('state') ?? '', realmId }).toString();
      return back.toString();
    },
    currentRefreshToken: () => refreshToken,
    issueRefreshToken() {
      refreshToken = `rt-${token()}`;
      return refreshToken;
    },
    expireAccessTokens: () => accessTokens.clear(),
    revokeRefreshTokens() {
      refreshToken = null;
      accessTokens.clear();
    },
    faultIn200Next: () => void (faultNext = true),
    put(entity, body) {
      const id = String(body.Id);
      const prev = data.get(entity)!.get(id);
      const meta = {
        CreateTime: (prev?.MetaData as Obj | undefined)?.CreateTime ?? clock,
        ...(body.MetaData as Obj | undefined),
        LastUpdatedTime: clock,
      };
      data.get(entity)!.set(id, { domain: 'QBO', sparse: false, SyncToken: '0', ...body, Id: id, MetaData: meta });
    },
    remove(entity, id) {
      data.get(entity)!.delete(id);
      deleted.push({ entity, id, at: clock });
    },
    setTime: (iso) => void (clock = iso),
    close: () => fake.close(),
  };
}
