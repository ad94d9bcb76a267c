import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli as runCli } from '../../helpers/cli';
import { openDatabase } from '../../../electron/db/connection';
import { audienceWhere } from '../../../electron/contacts';
import { tempDir } from '../../helpers/db';

/**
 * The audience filter "can be reached by" (reachableBy) selects exactly whom a campaign on that channel reaches:
 * it agrees with `contacts count --channel … --textable` (both read compliance's reachableOn), on the contact list,
 * and in a saved segment.
 */

let dir: { dir: string; cleanup: () => void };
let db: string;
beforeEach(() => {
  dir = tempDir();
  db = join(dir.dir, 'desk.sqlite');
});
afterEach(() => dir.cleanup());

const cli = (args: string[]) => runCli(['--db', db, ...args]);
const json = async (args: string[]) => {
  const r = await cli(['--json', ...args]);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
function run(sql: string) {
  const d = openDatabase(db);
  try {
    d.prepare(sql).run();
  } finally {
    d.close();
  }
}

const SHOPIFY = [
  'First Name,Email,Accepts Email Marketing,Phone,Accepts SMS Marketing,Tags',
  'Ann,ann@example.com,yes,2125550101,yes,VIP',
  'Bob,bob@example.com,no,2125550102,yes,VIP',
  'Cy,cy@example.com,yes,2125550103,no,',
  'Di,,yes,2125550104,yes,VIP',
  'Ed,ed@example.com,yes,2125550105,,',
].join('\n');

describe('audience filter: can be reached by', () => {
  it('agrees with contacts count --channel on every channel, on the list and in a saved segment', async () => {
    const file = join(dir.dir, 'customers_export.csv');
    writeFileSync(file, SHOPIFY);
    await json(['import', file]);
    await json(['contacts', 'opt-out', '2125550101']);
    await json(['contacts', 'email-opt-out', 'ed@example.com']);
    run(`UPDATE contacts SET voice_consent_at = '2026-01-01T00:00:00Z', voice_consent_source = 'form'`);
    await json(['contacts', 'dnc', '2125550103']);

    const expected = { sms: ['+12125550102', '+12125550104', '+12125550105'], email: ['+12125550101', '+12125550103'] };
    for (const channel of ['sms', 'email', 'voice'] as const) {
      const byChannel = await json(['contacts', 'count', '--channel', channel, '--textable']);
      const filtered = await json(['contacts', 'count', '--reachable-by', channel]);
      expect(filtered.count).toBe(byChannel.count);
      const list = await json(['contacts', 'list', '--reachable-by', channel]);
      expect(list.total).toBe(byChannel.count);
      if (channel !== 'voice')
        expect(list.rows.map((r: { phone: string }) => r.phone).sort()).toEqual(expected[channel]);
    }
    expect((await json(['contacts', 'count', '--reachable-by', 'voice'])).count).toBe(4);
    // With a tag, on e-mail: Ann (VIP, e-mail consent) only; her SMS opt-out does not cross.
    expect(await json(['contacts', 'count', '--tag', 'VIP', '--reachable-by', 'email'])).toEqual({ count: 1 });
    expect((await cli(['contacts', 'count', '--tag', 'VIP', '--reachable-by', 'email'])).stdout).toBe(
      '1 contact tagged "VIP", reachable by e-mail.',
    );

    const seg = await json(['segments', 'create', '--name', 'E-mail list', '--reachable-by', 'email']);
    const d = openDatabase(db);
    try {
      const stored = d.prepare('SELECT filter_json FROM segments WHERE id = ?').pluck().get(seg.id) as string;
      expect(JSON.parse(stored)).toMatchObject({ reachableBy: 'email' });
      const where = audienceWhere(d, { segmentId: seg.id, tagMode: 'any' }, new Date());
      const phones = d
        .prepare(`SELECT c.phone FROM contacts c WHERE ${where.sql} ORDER BY c.phone`)
        .pluck()
        .all(...where.params);
      expect(phones).toEqual(expected.email);
    } finally {
      d.close();
    }

    const bad = await cli(['contacts', 'count', '--reachable-by', 'fax']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--reachable-by must be one of sms, email or voice (got "fax")');
  });
});
