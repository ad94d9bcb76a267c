import { Resolver } from 'node:dns/promises';
import { AppError } from '../../shared/errors';

/** What a TXT lookup found: each record's strings joined, or that the name has none. */
export type TxtAnswer = { records: string[] } | { failed: string };

/** Looks up TXT records. Separate from the checks so they read as rules, not networking. */
export type TxtLookup = (name: string) => Promise<TxtAnswer>;

const NO_RECORD = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);

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
      if (NO_RECORD.has(code)) return { records: [] };
      return { failed: `the DNS server did not answer for ${name} (${code || 'error'})` };
    }
  };
}
