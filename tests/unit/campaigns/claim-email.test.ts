import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eligibility, type EligibilityInputs, type OutboxItem } from '../../../electron/campaigns/dispatch/claim';

const NOW = new Date('2026-06-01T03:00:00Z');

const email = (over: Partial<OutboxItem> = {}): OutboxItem => ({
  id: 1,
  campaignId: 7,
  contactId: 3,
  kind: 'campaign',
  toPhone: '+13055550123',
  fromNumber: null,
  body: 'Spring sale',
  provider: 'smtp',
  state: 'queued',
  attempts: 0,
  quietHoursJson: null,
  optedOut: 0,
  expiresAt: null,
  channel: 'email',
  toEmail: 'ana@example.test',
  subject: 'Spring sale',
  htmlBody: '<p>Spring sale</p>',
  voiceJson: null,
  ...over,
});

const windowResult = fc.oneof(
  fc.constant({ allowed: true }),
  fc.record({ allowed: fc.constant(false), reason: fc.constant('Quiet hours in Florida') }),
  fc.record({ allowed: fc.constant(true), maxPer24h: fc.integer({ min: 1, max: 3 }) }),
  fc.constant(new Error('bad time zone')),
);

function inputs(window: ReturnType<EligibilityInputs['window']> | Error, recent: string[]): EligibilityInputs {
  return {
    now: NOW,
    window: () => {
      if (window instanceof Error) throw window;
      return window;
    },
    recentMarketingSends: () => recent,
  };
}

describe('eligibility of e-mail (channel-aware claim)', () => {
  it('e-mail is never held by telemarketing quiet hours or the state text caps, whatever they say', () => {
    fc.assert(
      fc.property(windowResult, fc.array(fc.constant('2026-06-01T01:00:00Z'), { maxLength: 5 }), (w, recent) => {
        expect(eligibility(email(), inputs(w, recent)).verdict).toEqual({ action: 'send' });
      }),
    );
  });

  it('an unsubscribed or suppressed recipient is still skipped', () => {
    fc.assert(
      fc.property(windowResult, (w) => {
        expect(eligibility(email({ optedOut: 1 }), inputs(w, [])).verdict).toMatchObject({
          action: 'skip',
          code: 'opted_out',
        });
      }),
    );
  });

  it('a text in the same situation still waits for its sending hours', () => {
    const text = email({ channel: 'sms', provider: 'sandbox', toEmail: null, subject: null, htmlBody: null });
    expect(eligibility(text, inputs({ allowed: false, reason: 'Quiet hours' }, [])).verdict).toMatchObject({
      action: 'wait',
      code: 'quiet_hours',
    });
  });
});
