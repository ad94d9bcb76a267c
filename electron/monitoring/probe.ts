import { callHttp, type FetchLike } from '../http/client';

export type ProbeResult =
  | { kind: 'ok'; echoed: string | null; ms: number }
  | { kind: 'http'; status: number }
  | { kind: 'not_json' }
  | { kind: 'unreachable'; detail: string };

/**
 * GET `<base>/healthz?probe=<token>`: our relay echoes the token, so an answer carrying it proves the request reached
 * this app's relay (and not another program, or an old tunnel pointing elsewhere).
 */
export async function probeHealthz(
  base: string,
  token: string,
  options: { fetch: FetchLike; timeoutMs: number; clock?: () => number },
): Promise<ProbeResult> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const url = `${base.replace(/\/+$/, '')}/healthz?probe=${encodeURIComponent(token)}`;
  const result = await callHttp(
    url,
    { method: 'GET', headers: { Accept: 'application/json' } },
    { fetch: options.fetch, timeoutMs: options.timeoutMs },
  );
  if (result.kind !== 'answered') {
    const detail =
      result.kind === 'not_sent'
        ? `nothing answers there: ${result.detail.split(':')[0]}`
        : result.code === 'timeout'
          ? `no answer within ${options.timeoutMs / 1000} s`
          : `the connection failed: ${result.detail}`;
    return { kind: 'unreachable', detail };
  }
  if (result.status !== 200) return { kind: 'http', status: result.status };
  try {
    const body = JSON.parse(result.text) as { probe?: unknown };
    return {
      kind: 'ok',
      echoed: typeof body.probe === 'string' ? body.probe : null,
      ms: Math.round(clock() - started),
    };
  } catch {
    return { kind: 'not_json' };
  }
}

/** A probe token from the app's randomness (tests control it). */
export function probeToken(random: () => number): string {
  let token = '';
  while (token.length < 16)
    token += Math.floor(random() * 36 ** 4)
      .toString(36)
      .padStart(4, '0');
  return token.slice(0, 16);
}
