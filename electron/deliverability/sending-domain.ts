import { domainOfAddress } from '../../shared/email-domain';
import { AppError } from '../../shared/errors';
import type { DeskCore } from '../core';
import { checkDomain, isDkimSelector, isDomainName } from './check';
import { txtLookup } from './dns';
import { lastDomainCheck, saveDomainCheck, type StoredDomainCheck } from './queries';

export { domainOfAddress };

type CheckCore = Pick<DeskCore, 'db' | 'settings' | 'now'>;

/**
 * Checks a sending domain's SPF, DKIM (at `selector`, else the deliverability.dkimSelector setting) and DMARC records
 * and keeps the result as the domain's last check.
 */
export async function runDomainCheck(
  core: CheckCore,
  domainInput: string,
  selector?: string,
): Promise<StoredDomainCheck> {
  const domain = domainInput.trim().toLowerCase().replace(/\.$/, '');
  if (!isDomainName(domain)) {
    throw new AppError(
      'invalid_input',
      `"${domainInput}" is not a domain name. Write the part after the @ of your From address, e.g. bloomflowers.com.`,
    );
  }
  const dkimSelector = (selector ?? core.settings.get('deliverability.dkimSelector')).trim();
  if (dkimSelector !== '' && !isDkimSelector(dkimSelector)) {
    throw new AppError(
      'invalid_input',
      `"${dkimSelector}" is not a DKIM selector. Use it exactly as your e-mail provider names it, e.g. google, s1 or pm.`,
    );
  }
  const found = await checkDomain(txtLookup(core.settings.get('deliverability.dnsServer')), domain, dkimSelector);
  const stored = { ...found, domain, dkimSelector, checkedAt: core.now().toISOString() };
  saveDomainCheck(core.db, stored);
  return stored;
}

/** A last check older than this is done again before it is relied on. */
const FRESH_FOR_MS = 7 * 86_400_000;

/**
 * The From domain's check as the launch relies on it: the last one when it is recent and used the selector set now,
 * else a fresh one. Null when no From address is set.
 */
export async function sendingDomainCheck(core: CheckCore): Promise<StoredDomainCheck | null> {
  const domain = domainOfAddress(core.settings.get('email.from'));
  if (!domain || !isDomainName(domain)) return null;
  const last = lastDomainCheck(core.db, domain);
  const selector = core.settings.get('deliverability.dkimSelector').trim();
  if (last && last.dkimSelector === selector && core.now().getTime() - Date.parse(last.checkedAt) < FRESH_FOR_MS)
    return last;
  return runDomainCheck(core, domain, selector);
}
