import { Resolver } from 'node:dns/promises';
import { AppError } from '../../shared/errors';

/**
 * What a TXT lookup found: each record's strings joined (none when the name has no TXT record; `nxdomain` when the
 * name does not exist at all), or that the lookup failed.
 */
export type TxtAnswer = { records: string[]; nxdomain?: boolean } | { failed: string };

/** Looks up TXT records. Separate from the checks so they read as rules, not networking. */
export type TxtLookup = (name: string) => Promise<TxtAnswer>;

/** Why a lookup failed, in words: most often there is no network, or the DNS server set in Settings is wrong. */
const FAILURE_WORDS: Record<string, string> = {
  ETIMEOUT: 'no answer in time: no network, or the DNS server is not reachable',
  ECONNREFUSED: 'the DNS server refused the connection: no network, or a wrong DNS server in Settings',
  ESERVFAIL: 'the DNS server failed to answer (SERVFAIL)',
  EREFUSED: 'the DNS server refused the question',
};

const NO_NAME = new Set(['ENOTFOUND', 'NXDOMAIN']);

/**
 * TXT lookups through node:dns, on the system's resolver or on `server` ("1.1.1.1", "127.0.0.1:5353"), the
 * `deliverability.dnsServer` setting. Bounded: 3 s per try, two tries.
 */
export function txtLookup(server: string, options: { timeoutMs?: number } = {}): TxtLookup {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 3000, tries: 2 });
  if (server.trim() !== '') {
    try {
      resolver.setServers([server.trim()]);
    } catch {
      throw new AppError(
        'invalid_input',
        `"${server}" is not a DNS server address. Write an IP address, optionally with a port (e.g. 1.1.1.1 or 127.0.0.1:5353), or leave it empty for your computer's own.`,
      );
    }
  }
  return async (name) => {
    try {
      const chunks = await resolver.resolveTxt(name);
      // A long record comes in strings of at most 255 characters, read as one.
      return { records: chunks.map((parts) => parts.join('')) };
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (code === 'ENODATA') return { records: [] };
      if (NO_NAME.has(code)) return { records: [], nxdomain: true };
      return { failed: `${FAILURE_WORDS[code] ?? 'the DNS server did not answer'} (${code || 'error'})` };
    }
  };
}
