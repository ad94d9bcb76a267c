import type { TxtAnswer, TxtLookup } from './dns';

/** `email check-domain --json`: each record found (or null) and what is missing or wrong, in plain sentences. */
export interface DomainCheck {
  spf: string | null;
  dkim: string | null;
  dmarc: string | null;
  problems: string[];
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const SELECTOR = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/i;

export function isDomainName(domain: string): boolean {
  return DOMAIN.test(domain);
}

export function isDkimSelector(selector: string): boolean {
  return SELECTOR.test(selector);
}

/**
 * The domain a subdomain belongs to, by its last two labels ("mail.shop.com" → "shop.com"). Not the Public
 * Suffix List: for "shop.co.uk" it answers "co.uk", where no DMARC record is found and the subdomain's own counts.
 */
function parentDomain(domain: string): string | null {
  const labels = domain.split('.');
  return labels.length > 2 ? labels.slice(-2).join('.') : null;
}

/**
 * Checks the sending domain against what Gmail and Yahoo ask of bulk senders (docs/channels.md): an SPF record
 * that does not allow everyone, a DKIM key at the selector the owner names, and a DMARC policy of at least
 * p=none that applies to the From domain.
 */
export async function checkDomain(lookup: TxtLookup, domainInput: string, selector?: string): Promise<DomainCheck> {
  const domain = domainInput.trim().toLowerCase().replace(/\.$/, '');
  const problems: string[] = [];
  const parent = parentDomain(domain);

  const own = await lookup(domain);
  if (!('failed' in own) && own.nxdomain) {
    problems.push(
      `${domain} does not exist in DNS (NXDOMAIN): check the spelling of the domain in your From address, or register it before sending from it.`,
    );
    return { spf: null, dkim: null, dmarc: null, problems };
  }
  const spf = await spfRecord(async () => own, domain, problems);

  let dkim: string | null = null;
  let dkimOnParent = false;
  if (selector === undefined || selector.trim() === '') {
    problems.push(
      'No DKIM selector was given, so DKIM was not checked. Your e-mail provider names it in its DNS setup (for example "google", "s1" or "pm").',
    );
  } else {
    dkim = await dkimRecord(lookup, `${selector}._domainkey.${domain}`, problems);
    if (dkim === null && parent) {
      dkim = await dkimRecord(lookup, `${selector}._domainkey.${parent}`, []);
      dkimOnParent = dkim !== null;
    }
    if (dkim === null) {
      problems.push(
        `No DKIM key at ${selector}._domainkey.${domain}: messages are not signed for your domain. Add the DKIM record your e-mail provider gives you, or check the selector name.`,
      );
    } else if (/(^|;)\s*p=\s*(;|$)/i.test(dkim)) {
      problems.push(
        `The DKIM key at ${selector}._domainkey is empty (p=), which means it was revoked: signatures with it fail.`,
      );
    }
  }

  let dmarc = await dmarcRecord(lookup, `_dmarc.${domain}`, problems);
  let dmarcOnParent = false;
  if (dmarc === null && parent) {
    dmarc = await dmarcRecord(lookup, `_dmarc.${parent}`, problems);
    dmarcOnParent = dmarc !== null;
  }
  if (dmarc === null) {
    problems.push(
      `No DMARC record at _dmarc.${domain}. Gmail and Yahoo require one from bulk senders: add a TXT record "v=DMARC1; p=none; rua=mailto:you@${domain}" to start.`,
    );
  } else {
    problems.push(...dmarcProblems(dmarc, { dmarcOnParent, dkimOnParent, domain, parent }));
  }
  return { spf, dkim, dmarc, problems };
}

async function records(lookup: TxtLookup, name: string, problems: string[]): Promise<string[]> {
  const answer: TxtAnswer = await lookup(name);
  if ('failed' in answer) {
    problems.push(`Could not check ${name}: ${answer.failed}. Try again, or set another DNS server in Settings.`);
    return [];
  }
  return answer.records;
}

async function spfRecord(lookup: TxtLookup, domain: string, problems: string[]): Promise<string | null> {
  const found = (await records(lookup, domain, problems)).filter((r) => /^v=spf1(\s|$)/i.test(r.trim()));
  if (found.length === 0) {
    problems.push(
      `No SPF record on ${domain}: receivers cannot tell which servers may send for it. Add the "v=spf1 …" TXT record your e-mail provider gives you.`,
    );
    return null;
  }
  if (found.length > 1) {
    problems.push(
      `${domain} has ${found.length} SPF records; there must be exactly one, or receivers treat SPF as broken. Merge them into one.`,
    );
  }
  const spf = found[0] ?? null;
  if (spf && /(^|\s)\+?all(\s|$)/i.test(spf) && !/(^|\s)[-~?]all(\s|$)/i.test(spf)) {
    problems.push(
      'The SPF record ends in "+all", which lets any server in the world send as you. Use "~all" or "-all".',
    );
  } else if (spf && /(^|\s)\?all(\s|$)/i.test(spf)) {
    problems.push('The SPF record ends in "?all", which says nothing about other servers. Use "~all" or "-all".');
  }
  return spf;
}

async function dkimRecord(lookup: TxtLookup, name: string, problems: string[]): Promise<string | null> {
  const found = (await records(lookup, name, problems)).filter((r) => /(^|;)\s*(v=DKIM1|p=)/i.test(r));
  return found[0] ?? null;
}

async function dmarcRecord(lookup: TxtLookup, name: string, problems: string[]): Promise<string | null> {
  const found = (await records(lookup, name, problems)).filter((r) => /^v=DMARC1\s*(;|$)/i.test(r.trim()));
  return found[0] ?? null;
}

/** The tag=value pairs of a DMARC record, names in lowercase. */
function dmarcTags(record: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0)
      tags.set(
        part.slice(0, eq).trim().toLowerCase(),
        part
          .slice(eq + 1)
          .trim()
          .toLowerCase(),
      );
  }
  return tags;
}

function dmarcProblems(
  record: string,
  where: { dmarcOnParent: boolean; dkimOnParent: boolean; domain: string; parent: string | null },
): string[] {
  const problems: string[] = [];
  const tags = dmarcTags(record);
  // On the parent domain, a subdomain follows sp= when it is there.
  const policy = (where.dmarcOnParent ? (tags.get('sp') ?? tags.get('p')) : tags.get('p')) ?? '';
  if (!['none', 'quarantine', 'reject'].includes(policy)) {
    problems.push(
      `The DMARC record has no valid policy (p=${policy || 'missing'}); it needs at least "p=none" (then "quarantine" or "reject" once reports look right).`,
    );
  }
  if (where.dkimOnParent && tags.get('adkim') === 's') {
    problems.push(
      `DKIM is not aligned with your From address: the key is on ${where.parent ?? 'the parent domain'} but DMARC asks for strict alignment (adkim=s) with ${where.domain}. Add the key for ${where.domain}, or use adkim=r.`,
    );
  }
  if (where.dmarcOnParent && tags.get('aspf') === 's' && tags.get('adkim') === 's') {
    problems.push(
      `DMARC on ${where.parent ?? 'the parent domain'} asks for strict alignment (aspf=s, adkim=s), so mail from ${where.domain} only passes if it is signed and sent for exactly ${where.domain}.`,
    );
  }
  return problems;
}
