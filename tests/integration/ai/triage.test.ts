import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { triageNextReply } from '../../../electron/ai/triage-job';
import { cli } from '../../helpers/cli';
import { ANA } from '../compliance/desk';
import { deskWithGemini, type GeminiDesk } from './desk';

let d: GeminiDesk;
afterEach(async () => {
  await d.close();
});

const BEN = '+14155550177';

function addBen(): number {
  const at = d.now().toISOString();
  return Number(
    d.app.db
      .prepare(`INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES (?, 'Ben', ?, ?)`)
      .run(BEN, at, at).lastInsertRowid,
  );
}

function inboundId(body: string): number {
  return (d.app.db.prepare('SELECT id FROM inbound_messages WHERE body = ?').get(body) as { id: number }).id;
}

/** Runs the background job's steps until nothing waits (each step labels at most one reply). */
async function triageAll(): Promise<number> {
  let labelled = 0;
  for (let i = 0; i < 20; i++) {
    const step = await triageNextReply(d.app);
    if (step.labelled === 0) break;
    labelled += step.labelled;
  }
  return labelled;
}

describe('reply triage', () => {
  it('labels replies in the background, never on the inbound path; STOP and opt-out phrases stay with the compliance rules', async () => {
    d = await deskWithGemini();
    const benId = addBen();
    d.inbound('Are you open on Sunday?');
    d.inbound("I'd rather not get these anymore", { from: BEN });
    d.inbound('STOP');
    d.inbound('Please stop texting me', { from: '+14155550188' });
    // The webhook path stored and processed everything without asking Gemini; the keyword rules acted on their own.
    expect(d.gemini.calls).toHaveLength(0);
    expect(d.optedOut(ANA)).toBe(true);
    expect(d.audit().map((a) => [a.phone, a.newState, a.source])).toEqual([
      [ANA, 'opted_out', 'keyword'],
      ['+14155550188', 'opted_out', 'keyword'],
    ]);

    expect(await triageAll()).toBe(2);
    expect(d.gemini.calls).toHaveLength(2);
    // Keywords and phrases the compliance code handled never went to Gemini.
    expect(d.gemini.calls.map((c) => c.prompt)).toEqual([
      'Reply: """Are you open on Sunday?"""',
      'Reply: """I\'d rather not get these anymore"""',
    ]);

    const anaLabels = await d.call('ai:replyLabels', { contactId: d.anaId });
    expect(anaLabels).toEqual([
      expect.objectContaining({
        inboundId: inboundId('Are you open on Sunday?'),
        label: 'question',
        confidence: 0.92,
        flagged: false,
        problem: null,
      }),
    ]);
    const benLabels = await d.call('ai:replyLabels', { contactId: benId });
    expect(benLabels).toEqual([
      expect.objectContaining({ label: 'possible_opt_out', flagged: true, reviewedAt: null }),
    ]);

    // Flagged for the owner, and nothing more: Ben stays opted in, no audit entry, no confirmation queued.
    expect(d.optedOut(BEN)).toBe(false);
    expect(d.audit().filter((a) => a.phone === BEN)).toEqual([]);
    expect(d.outbox().filter((m) => m.toPhone === BEN)).toEqual([]);
    expect(await d.call('ai:status', {})).toMatchObject({ connected: true, waitingReview: 1, lastProblem: null });

    expect(await d.call('ai:markReviewed', { inboundId: benLabels[0].inboundId })).toEqual({ reviewed: true });
    expect(await d.call('ai:markReviewed', { inboundId: benLabels[0].inboundId })).toEqual({ reviewed: false });
    expect(await d.call('ai:status', {})).toMatchObject({ waitingReview: 0 });
    expect(d.optedOut(BEN)).toBe(false);
  });

  it('labels one reply from the CLI, and refuses a keyword', async () => {
    d = await deskWithGemini();
    d.inbound('Yes please, book me for Friday');
    d.inbound('HELP');
    const dbPath = join(d.app.paths.dataDir, 'desk.sqlite');
    const r = await cli([
      '--db',
      dbPath,
      '--json',
      'ai',
      'triage',
      String(inboundId('Yes please, book me for Friday')),
    ]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ label: 'interested', confidence: 0.88, flagged: false });
    const help = await cli(['--db', dbPath, '--json', 'ai', 'triage', String(inboundId('HELP'))]);
    expect(help.code).toBe(1);
    expect(help.stderr).toContain('keywords are never sent to Gemini');
    expect(d.gemini.calls).toHaveLength(1);
  });

  it('keeps the reason when Gemini will not label a reply, and does not ask again', async () => {
    d = await deskWithGemini();
    d.inbound('something Gemini blocks');
    d.inbound('Thanks!');
    d.gemini.next({ kind: 'blocked', reason: 'SAFETY' });
    expect(await triageAll()).toBe(2);
    const labels = await d.call('ai:replyLabels', { contactId: d.anaId });
    expect(labels.map((l) => [l.label, l.problem])).toEqual([
      [null, expect.stringContaining('safety rules blocked the request')],
      ['other', null],
    ]);
    expect(d.gemini.calls).toHaveLength(2);
  });

  it('backs off on a connection problem: nothing stored, the problem shown, a long pause before the next try', async () => {
    d = await deskWithGemini();
    d.inbound('Is the shop open late?');
    d.gemini.faults.next({ kind: 'rate_limited', retryAfter: '0.01' }, 3);
    const step = await triageNextReply(d.app);
    expect(step).toEqual({ labelled: 0, waitMs: 300_000 });
    expect(d.gemini.log.map((l) => l.status)).toEqual([429, 429, 429]);
    expect(await d.call('ai:replyLabels', { contactId: d.anaId })).toEqual([]);
    expect((await d.call('ai:status', {})).lastProblem).toContain('request limit is reached (429 RESOURCE_EXHAUSTED)');

    expect(await triageNextReply(d.app)).toEqual({ labelled: 1, waitMs: 6000 });
    expect((await d.call('ai:status', {})).lastProblem).toBeNull();
  });

  it('does nothing while triage is turned off or Gemini is not connected', async () => {
    d = await deskWithGemini();
    d.inbound('Are you open on Sunday?');
    d.app.settings.set('gemini.triageReplies', false);
    expect(await triageNextReply(d.app)).toEqual({ labelled: 0, waitMs: 10_000 });
    d.app.settings.set('gemini.triageReplies', true);
    d.app.secrets.delete('gemini.apiKey');
    expect(await triageNextReply(d.app)).toEqual({ labelled: 0, waitMs: 10_000 });
    expect(d.gemini.calls).toHaveLength(0);
  });
});
