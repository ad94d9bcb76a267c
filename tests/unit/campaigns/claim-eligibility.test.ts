import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  eligibility,
  stateCapWaitUntil,
  WINDOW_CHECK_RETRY_MS,
  type EligibilityInputs,
  type OutboxItem,
} from '../../../electron/campaigns/dispatch/claim';

const NOW = new Date('2026-06-01T16:00:00Z');
const DAY_MS = 86_400_000;

const item = (over: Partial<OutboxItem> = {}): OutboxItem => ({
  id: 1,
  campaignId: 7,
  contactId: 3,
  kind: 'campaign',
  toPhone: '+13055550123',
  fromNumber: null,
  body: 'Spring sale',
  provider: 'sandbox',
  state: 'queued',
  attempts: 0,
  quietHoursJson: null,
  optedOut: 0,
  expiresAt: null,
  channel: 'sms',
  toEmail: null,
  subject: null,
  htmlBody: null,
  voiceJson: null,
  ...over,
});

/** Inputs whose window check and history are plain values; `calls` records what was consulted. */
function inputs(window: ReturnType<EligibilityInputs['window']> | Error, recent: string[] = []) {
  const calls = { window: 0, recent: [] as Array<{ contactId: number; sinceIso: string }> };
  const given: EligibilityInputs = {
    now: NOW,
    window: () => {
      calls.window++;
      if (window instanceof Error) throw window;
      return window;
    },
    recentMarketingSends: (contactId, sinceIso) => {
      calls.recent.push({ contactId, sinceIso });
      return recent;
    },
  };
  return { given, calls };
}

const OPEN = { allowed: true };

describe('eligibility at the moment of claiming', () => {
  it('sends a marketing text inside its window to a contact who has not opted out', () => {
    const { given } = inputs(OPEN);
    expect(eligibility(item(), given)).toEqual({ verdict: { action: 'send' }, windowCheck: { ok: true } });
  });

  it('expires a confirmation past its deadline, and sends one still within it without any window check', () => {
    const late = inputs(OPEN);
    expect(eligibility(item({ kind: 'confirmation', expiresAt: NOW.toISOString() }), late.given).verdict).toEqual({
      action: 'expire',
    });
    const inTime = inputs(new Error('never asked'));
    const r = eligibility(item({ kind: 'confirmation', expiresAt: '2026-06-01T16:05:00Z', optedOut: 1 }), inTime.given);
    expect(r).toEqual({ verdict: { action: 'send' } });
    expect(inTime.calls.window).toBe(0);
  });

  it('sends HELP answers and confirmations to opted-out contacts at any hour: only marketing obeys opt-out and quiet hours', () => {
    for (const kind of ['help', 'confirmation'] as const) {
      const { given, calls } = inputs({ allowed: false, reason: 'night' });
      expect(eligibility(item({ kind, optedOut: 1 }), given).verdict).toEqual({ action: 'send' });
      expect(calls.window).toBe(0);
    }
  });

  it('skips a marketing text (campaign or reply) to a contact who opted out, without checking the window', () => {
    for (const kind of ['campaign', 'reply'] as const) {
      const { given, calls } = inputs(OPEN);
      expect(eligibility(item({ kind, optedOut: 1 }), given).verdict).toEqual({
        action: 'skip',
        code: 'opted_out',
        message: 'Recipient opted out before sending',
      });
      expect(calls.window).toBe(0);
    }
  });

  it('makes a message wait for its window to open, or an hour when the check does not say when', () => {
    const opens = new Date('2026-06-02T12:00:00Z');
    expect(
      eligibility(item(), inputs({ allowed: false, nextAllowedAt: opens, reason: 'Quiet hours in Florida' }).given),
    ).toEqual({
      verdict: { action: 'wait', code: 'quiet_hours', until: opens.toISOString(), message: 'Quiet hours in Florida' },
      windowCheck: { ok: true },
    });
    expect(eligibility(item(), inputs({ allowed: false }).given).verdict).toEqual({
      action: 'wait',
      code: 'quiet_hours',
      until: new Date(NOW.getTime() + 3_600_000).toISOString(),
      message: 'Outside the allowed sending hours',
    });
  });

  it('makes a message wait a minute when its window cannot be checked, naming why, and reports the error', () => {
    const error = new Error('Invalid time zone "Mars/Olympus"');
    const r = eligibility(item(), inputs(error).given);
    expect(r.verdict).toEqual({
      action: 'wait',
      code: 'window_check_failed',
      until: new Date(NOW.getTime() + WINDOW_CHECK_RETRY_MS).toISOString(),
      message: 'The sending hours could not be checked (Invalid time zone "Mars/Olympus"); trying again in a minute',
    });
    expect(r.windowCheck).toEqual({ ok: false, error });
  });

  it("holds a contact's fourth marketing text in 24 hours where the state caps them at three", () => {
    const recent = ['2026-05-31T18:00:00.000Z', '2026-06-01T09:00:00.000Z', '2026-06-01T15:00:00.000Z'];
    const { given, calls } = inputs({ allowed: true, maxPer24h: 3 }, recent);
    expect(eligibility(item(), given).verdict).toEqual({
      action: 'wait',
      code: 'state_daily_cap',
      until: '2026-06-01T18:00:01.000Z',
      message: 'This state allows 3 marketing texts per 24 hours; waiting until 2026-06-01T18:00:01.000Z',
    });
    expect(calls.recent).toEqual([{ contactId: 3, sinceIso: new Date(NOW.getTime() - DAY_MS).toISOString() }]);
    expect(eligibility(item(), inputs({ allowed: true, maxPer24h: 3 }, recent.slice(1)).given).verdict).toEqual({
      action: 'send',
    });
  });

  it('looks up no history for the cap outside the window, nor for a message without a contact', () => {
    const closed = inputs({ allowed: false, maxPer24h: 3 }, ['x', 'y', 'z']);
    expect(eligibility(item(), closed.given).verdict.action).toBe('wait');
    expect(closed.calls.recent).toEqual([]);
    const noContact = inputs({ allowed: true, maxPer24h: 3 }, ['x', 'y', 'z']);
    expect(eligibility(item({ contactId: null }), noContact.given).verdict).toEqual({ action: 'send' });
    expect(noContact.calls.recent).toEqual([]);
  });
});

describe('the state daily cap', () => {
  const sendsInLastDay = fc
    .array(fc.integer({ min: 1, max: DAY_MS - 1 }), { maxLength: 8 })
    .map((ago) => ago.sort((a, b) => b - a).map((ms) => new Date(NOW.getTime() - ms).toISOString()));

  it('waits exactly when the last 24 hours hold the cap already, and never past what the cap needs', () => {
    fc.assert(
      fc.property(sendsInLastDay, fc.integer({ min: 1, max: 5 }), (recent, cap) => {
        const until = stateCapWaitUntil(recent, cap);
        expect(until === null).toBe(recent.length < cap);
        if (until === null) return;
        const at = Date.parse(until);
        expect(at).toBeGreaterThan(NOW.getTime());
        expect(at).toBeLessThanOrEqual(NOW.getTime() + DAY_MS + 1000);
        // Sent at `until`, the text would be at most the cap-th in the 24 hours before it.
        expect(recent.filter((t) => Date.parse(t) > at - DAY_MS).length).toBeLessThan(cap);
      }),
    );
  });
});
