import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/index';
import { checkDomain, txtLookup } from '../../../electron/deliverability';
import { tempDir } from '../../helpers/db';
import { startFakeDns, type FakeDns } from '../../fakes/dns';

const LONG_KEY = `v=DKIM1; k=rsa; p=${'A'.repeat(400)}`;

let dns: FakeDns;
let dir: { dir: string; cleanup: () => void };
let db: string;

beforeEach(async () => {
  dns = await startFakeDns();
  dir = tempDir();
  db = join(dir.dir, 'desk.sqlite');
});
afterEach(async () => {
  await dns.close();
  dir.cleanup();
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => '',
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function setUp(records: Record<string, string[]>) {
  for (const [name, txt] of Object.entries(records)) dns.records.set(name, txt);
}

describe('email check-domain (a real DNS server on 127.0.0.1)', () => {
  it('prints exactly { spf, dkim, dmarc, problems } and finds nothing wrong with a domain set up well', async () => {
    setUp({
      'bloom.example': ['v=spf1 include:_spf.google.com ~all', 'google-site-verification=abc'],
      'google._domainkey.bloom.example': [LONG_KEY],
      '_dmarc.bloom.example': ['v=DMARC1; p=none; rua=mailto:dmarc@bloom.example'],
    });
    expect((await cli('settings', 'set', 'deliverability.dnsServer', dns.server)).code).toBe(0);
    const run = await cli('--json', 'email', 'check-domain', 'bloom.example', '--dkim-selector', 'google');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result: unknown = JSON.parse(run.stdout);
    expect(Object.keys(result as object)).toEqual(['spf', 'dkim', 'dmarc', 'problems']);
    expect(result).toEqual({
      spf: 'v=spf1 include:_spf.google.com ~all',
      dkim: LONG_KEY,
      dmarc: 'v=DMARC1; p=none; rua=mailto:dmarc@bloom.example',
      problems: [],
    });
  });

  it('says in words what is missing: no SPF, no DKIM at the selector, no DMARC', async () => {
    setUp({ 'empty.example': [] }); // the domain exists, without a TXT record
    await cli('settings', 'set', 'deliverability.dnsServer', dns.server);
    const run = await cli('--json', 'email', 'check-domain', 'empty.example', '--dkim-selector', 's1');
    const result = JSON.parse(run.stdout) as { spf: null; dkim: null; dmarc: null; problems: string[] };
    expect([result.spf, result.dkim, result.dmarc]).toEqual([null, null, null]);
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]).toMatch(/^No SPF record on empty\.example/);
    expect(result.problems[1]).toMatch(/^No DKIM key at s1\._domainkey\.empty\.example/);
    expect(result.problems[2]).toMatch(/^No DMARC record at _dmarc\.empty\.example.*p=none/);
    const text = await cli('email', 'check-domain', 'empty.example', '--dkim-selector', 's1');
    expect(text.stdout).toContain('SPF    (none)');
    expect(text.stdout).toContain('- No SPF record on empty.example');
  });

  it('finds SPF with +all, a DMARC record without a policy, and no selector named', async () => {
    setUp({
      'loose.example': ['v=spf1 +all'],
      '_dmarc.loose.example': ['v=DMARC1; rua=mailto:x@loose.example'],
    });
    const result = await checkDomain(txtLookup(dns.server), 'loose.example');
    expect(result.spf).toBe('v=spf1 +all');
    expect(result.problems).toEqual([
      expect.stringMatching(/"\+all", which lets any server in the world send as you/),
      expect.stringMatching(/^No DKIM selector was given/),
      expect.stringMatching(/no valid policy \(p=missing\); it needs at least "p=none"/),
    ]);
  });

  it('on a subdomain, uses the parent’s DMARC and says when strict alignment does not match the From domain', async () => {
    setUp({
      'news.shop.example': ['v=spf1 include:spf.mailer.example -all'],
      'pm._domainkey.shop.example': ['v=DKIM1; k=rsa; p=MIIB'],
      '_dmarc.shop.example': ['v=DMARC1; p=quarantine; adkim=s'],
    });
    const result = await checkDomain(txtLookup(dns.server), 'news.shop.example', 'pm');
    expect(result.dkim).toBe('v=DKIM1; k=rsa; p=MIIB');
    expect(result.dmarc).toBe('v=DMARC1; p=quarantine; adkim=s');
    expect(result.problems).toEqual([expect.stringMatching(/^DKIM is not aligned with your From address/)]);
    expect(dns.asked).toContain('_dmarc.news.shop.example');
  });

  it('says when the DNS server does not answer instead of claiming records are missing', async () => {
    dns.silent.add('quiet.example');
    const lookup = txtLookup(dns.server, { timeoutMs: 200 });
    const answer = await lookup('quiet.example');
    expect(answer).toEqual({ failed: expect.stringMatching(/^no answer in time: no network/) });
    const check = await checkDomain(lookup, 'quiet.example', 's1');
    expect(check.problems[0]).toMatch(/^Could not check quiet\.example: no answer in time: no network/);
  });

  it('names a domain that does not exist (NXDOMAIN) instead of listing every record as missing', async () => {
    const result = await checkDomain(txtLookup(dns.server), 'no-such-shop.example', 's1');
    expect(result).toEqual({
      spf: null,
      dkim: null,
      dmarc: null,
      problems: [expect.stringMatching(/^no-such-shop\.example does not exist in DNS \(NXDOMAIN\)/)],
    });
  });

  it('refuses what is not a domain, and a DNS server setting that is not an address', async () => {
    const bad = await cli('email', 'check-domain', 'not a domain');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/"not a domain" is not a domain name/);
    const setting = await cli('settings', 'set', 'deliverability.dnsServer', 'dns.google');
    expect(setting.code).not.toBe(0);
    expect(setting.stderr).toMatch(/enter an IP address/);
  });
});
