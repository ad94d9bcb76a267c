import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { ANA, deskWithQuo, type Desk } from './desk';

let d: Desk;
const BEN = '+12125550123';
const CAL = '+13125550144';

/** Four changes over three days through each path: keyword, manual, provider, keyword opt-in. */
beforeEach(async () => {
  d = await deskWithQuo({ start: '2026-11-26T15:00:00Z' });
  const iso = d.now().toISOString();
  d.app.db
    .prepare(
      `INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at) VALUES (?, 'Ben', 'Okafor', ?, ?), (?, 'Cal', NULL, ?, ?)`,
    )
    .run(BEN, iso, iso, CAL, iso, iso);
  d.inbound('=HYPERLINK("http://evil.example","stop")'); // Ana, 26 Nov: a phrase with "stop" in it, flagged and opted out
  d.advance(86_400_000);
  const ben = (d.app.db.prepare('SELECT id FROM contacts WHERE phone = ?').get(BEN) as { id: number }).id;
  await d.app.dispatch('optouts:setConsent', {
    contactId: ben,
    optedOut: true,
    note: 'Asked at the counter, "no texts"',
  }); // 27 Nov
  d.advance(86_400_000);
  d.app.ingest({
    kind: 'provider_opt_out',
    provider: 'twilio',
    eventId: 'SM9:opt_out',
    phone: CAL,
    detail: 'Twilio error 21610: the recipient has opted out at Twilio',
    at: d.now().toISOString(),
  });
  d.app.tick(); // 28 Nov
  d.advance(3_600_000);
  d.inbound('START'); // Ana back in, 28 Nov
});
afterEach(async () => {
  await d.close();
});

async function report(filter: Record<string, unknown> = {}) {
  const r = await d.app.dispatch('optouts:report', filter);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('opt-out report', () => {
  it('lists every consent change newest first with who, when, how and the message', async () => {
    const { rows, total } = await report();
    expect(total).toBe(4);
    expect(rows.map((r) => [r.phone, r.name, r.at.slice(0, 10), r.newState, r.source, r.actor, r.message])).toEqual([
      [ANA, 'Ana Reyes', '2026-11-28', 'opted_in', 'keyword', 'reply:quo', 'START'],
      [
        CAL,
        'Cal',
        '2026-11-28',
        'opted_out',
        'provider',
        'provider:twilio',
        'Twilio error 21610: the recipient has opted out at Twilio',
      ],
      [BEN, 'Ben Okafor', '2026-11-27', 'opted_out', 'manual', 'user', 'Asked at the counter, "no texts"'],
      [ANA, 'Ana Reyes', '2026-11-26', 'opted_out', 'keyword', 'reply:quo', '=HYPERLINK("http://evil.example","stop")'],
    ]);
    expect(rows[3].inboundMessageId).toEqual(expect.any(Number));
  });

  it('filters by date range (a date-only end includes that day), source, state and text or phone digits', async () => {
    const phones = async (f: Record<string, unknown>) => (await report(f)).rows.map((r) => `${r.phone}:${r.newState}`);
    expect(await phones({ since: '2026-11-27', until: '2026-11-27' })).toEqual([`${BEN}:opted_out`]);
    expect(await phones({ since: '2026-11-27T00:00:00Z' })).toEqual([
      `${ANA}:opted_in`,
      `${CAL}:opted_out`,
      `${BEN}:opted_out`,
    ]);
    expect(await phones({ until: '2026-11-27T00:00:00Z' })).toEqual([`${ANA}:opted_out`]);
    expect(await phones({ source: 'provider' })).toEqual([`${CAL}:opted_out`]);
    expect(await phones({ state: 'opted_out', source: 'keyword' })).toEqual([`${ANA}:opted_out`]);
    expect(await phones({ search: '(212) 555' })).toEqual([`${BEN}:opted_out`]);
    expect(await phones({ search: 'counter' })).toEqual([`${BEN}:opted_out`]);
    expect(await phones({ search: 'okafor' })).toEqual([`${BEN}:opted_out`]);
    expect(await phones({ search: '100%' })).toEqual([]);
    expect((await report({ limit: 2, offset: 1 })).rows.map((r) => r.phone)).toEqual([CAL, BEN]);
    expect(await d.app.dispatch('optouts:report', { since: 'last tuesday' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('since') },
    });
  });

  it('exports the filtered report as CSV that a spreadsheet reads back intact, with customer formulas defused', async () => {
    const r = await d.app.dispatch('optouts:exportCsv', { state: 'opted_out' });
    if (!r.ok) throw new Error(r.error.message);
    const { csv, rows, fileName } = r.value;
    expect(rows).toBe(3);
    expect(fileName).toBe('opt-outs-2026-11-28.csv');
    const records = parse<Record<string, string>>(csv, { columns: true });
    expect(Object.keys(records[0])).toEqual([
      'at',
      'phone',
      'name',
      'change',
      'previous_state',
      'how',
      'source',
      'actor',
      'message',
      'inbound_message_id',
      'channel',
      'email',
    ]);
    expect(records.map((x) => [x.phone, x.change, x.how, x.message])).toEqual([
      [CAL, 'opted out', 'Reported by provider', 'Twilio error 21610: the recipient has opted out at Twilio'],
      [BEN, 'opted out', 'Changed by you', 'Asked at the counter, "no texts"'],
      [ANA, 'opted out', 'Replied with a keyword', `'=HYPERLINK("http://evil.example","stop")`],
    ]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(d.app.db.prepare(`SELECT action FROM audit_log WHERE action = 'optouts.export'`).all()).toHaveLength(1);
  });

  it('the audit it reads from cannot be edited or deleted', () => {
    expect(() => d.app.db.prepare(`UPDATE optout_audit SET source = 'import'`).run()).toThrow(/append-only/);
    expect(() => d.app.db.prepare(`DELETE FROM optout_audit`).run()).toThrow(/append-only/);
  });
});
