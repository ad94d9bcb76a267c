import { describe, expect, it } from 'vitest';
import { campaignDraftSchema } from '../../../shared/campaigns';
import type { CampaignDetail } from '../../../shared/ipc/channels/campaigns';
import {
  audienceInWords,
  exclusionsInWords,
  quietHoursInWords,
  scheduleInWords,
} from '../../../renderer/src/components/campaigns/describe';
import { checkStep, errorsByField, firstStepWithError } from '../../../renderer/src/components/campaigns/wizard-checks';
import {
  draftOf,
  emptyWizard,
  wizardFromCampaign,
  type WizardState,
} from '../../../renderer/src/components/campaigns/wizard-state';

const ZONE = 'America/New_York';
const NOW = new Date('2026-03-03T15:00:00Z'); // 10:00 in New York
const ctx = { zone: ZONE, now: NOW, messageErrors: [] as string[] };
const state = (patch: Partial<WizardState> = {}): WizardState => ({
  ...emptyWizard(ZONE, NOW),
  name: 'Spring sale',
  body: 'Hi! Reply STOP to opt out',
  ...patch,
});

describe('the wizard’s draft', () => {
  it('is what the campaign schema accepts, with the business-zone time as an instant with its offset', () => {
    const draft = draftOf(
      state({
        tags: ['vip'],
        excludeTags: ['staff'],
        minDays: '30',
        scheduleMode: 'at',
        atDate: '2026-03-10',
        atTime: '09:15',
        excludedDays: [6, 0],
      }),
      ZONE,
    );
    const parsed = campaignDraftSchema.parse(draft);
    expect(parsed.schedule).toEqual({ mode: 'at', at: '2026-03-10T09:15:00-04:00' }); // after the DST change on 8 March
    expect(parsed.audience).toEqual({ tagMode: 'any', tags: ['vip'], excludeTags: ['staff'], minDaysSinceContact: 30 });
    expect(parsed.quietHours).toEqual({ start: '08:00', end: '21:00', excludedDays: [0, 6] });
    expect(parsed.body).toBe('Hi! Reply STOP to opt out');
    expect(parsed.templateId).toBeUndefined();
  });

  it('sends a template by id, never its text as well', () => {
    const parsed = campaignDraftSchema.parse(draftOf(state({ source: 'template', templateId: 7 }), ZONE));
    expect(parsed.templateId).toBe(7);
    expect(parsed.body).toBeUndefined();
  });

  it('a recipient-local schedule keeps the date and wall time as typed', () => {
    expect(
      campaignDraftSchema.parse(
        draftOf(state({ scheduleMode: 'recipient_local', localDate: '2026-03-20', localTime: '11:00' }), ZONE),
      ).schedule,
    ).toEqual({
      mode: 'recipient_local',
      date: '2026-03-20',
      time: '11:00',
    });
  });

  it('editing a saved campaign keeps what the wizard does not show (segment, A/B variants, link tracking, notes, provider)', () => {
    const saved: CampaignDetail = {
      id: 4,
      name: 'Test',
      status: 'draft',
      templateId: null,
      body: 'A',
      audience: { tagMode: 'all', tags: ['a', 'b'], segmentId: 3 },
      provider: 'twilio',
      fromNumber: '+15550001111',
      schedule: { mode: 'at', at: '2026-03-10T13:15:00.000Z' },
      scheduledAt: '2026-03-10T13:15:00.000Z',
      quietHours: { start: '09:00', end: '20:00', excludedDays: [0] },
      ab: {
        variants: [
          { name: 'A', body: 'a' },
          { name: 'B', body: 'b' },
        ],
        split: [50, 50],
        metric: 'replied',
      },
      notes: 'keep me',
      trackLinks: true,
      channels: ['sms'],
      everyChannel: false,
      email: null,
      voice: null,
      archived: false,
      createdAt: NOW.toISOString(),
      launchedAt: null,
      completedAt: null,
      scheduleMissedAt: null,
      lastError: null,
    };
    const w = wizardFromCampaign(saved, ZONE, NOW);
    expect(w).toMatchObject({
      tags: ['a', 'b'],
      tagMode: 'all',
      atDate: '2026-03-10',
      atTime: '09:15',
      quietStart: '09:00',
      quietEnd: '20:00',
      excludedDays: [0],
    });
    const again = campaignDraftSchema.parse(draftOf(w, ZONE));
    expect(again.audience).toEqual({ tagMode: 'all', tags: ['a', 'b'], segmentId: 3 });
    expect(again).toMatchObject({
      provider: 'twilio',
      fromNumber: '+15550001111',
      notes: 'keep me',
      ab: saved.ab,
      trackLinks: true,
    });
    expect(Date.parse((again.schedule as { at: string }).at)).toBe(Date.parse(saved.scheduledAt!));
  });
});

describe('checks before leaving a step', () => {
  it('asks for a name, sane days, and no tag both in and out', () => {
    expect(checkStep(0, state({ name: '  ' }), ctx).name).toMatch(/name/);
    expect(checkStep(0, state({ minDays: '0' }), ctx).audience).toMatch(/1 to 3650/);
    expect(checkStep(0, state({ minDays: '2.5' }), ctx).audience).toMatch(/whole number/);
    expect(checkStep(0, state({ tags: ['vip'], excludeTags: ['vip'] }), ctx).audience).toMatch(
      /both included and excluded/,
    );
    expect(checkStep(0, state({ tags: ['vip'], minDays: '' }), ctx)).toEqual({});
  });

  it('wants a message, or a template, and no blocking problem in it', () => {
    expect(checkStep(1, state({ body: ' ' }), ctx).message).toMatch(/Write the message/);
    expect(checkStep(1, state({ source: 'template', templateId: null }), ctx).message).toMatch(/Pick a template/);
    expect(checkStep(1, state(), { ...ctx, messageErrors: ['"bit.ly" is blocked'] }).message).toBe(
      'Fix this first: "bit.ly" is blocked',
    );
  });

  it('refuses a time that has passed in the business zone, and a window wider or inverted', () => {
    expect(checkStep(2, state({ scheduleMode: 'at', atDate: '2026-03-03', atTime: '09:59' }), ctx).schedule).toMatch(
      /already passed/,
    );
    expect(checkStep(2, state({ scheduleMode: 'at', atDate: '2026-03-03', atTime: '10:01' }), ctx)).toEqual({});
    expect(
      checkStep(2, state({ scheduleMode: 'recipient_local', localDate: '2026-03-02', localTime: '10:00' }), ctx)
        .schedule,
    ).toMatch(/date has already passed/);
    expect(checkStep(2, state({ quietStart: '07:30' }), ctx).quietHours).toMatch(/no earlier than 08:00/);
    expect(checkStep(2, state({ quietEnd: '21:15' }), ctx).quietHours).toMatch(/no later than 21:00/);
    expect(checkStep(2, state({ quietStart: '12:00', quietEnd: '12:00' }), ctx).quietHours).toMatch(
      /start before it ends/,
    );
  });

  it('finds the first step with a problem', () => {
    expect(firstStepWithError({ quietHours: 'x' })).toBe(2);
    expect(firstStepWithError({ message: 'x', name: 'y' })).toBe(0);
    expect(firstStepWithError({})).toBeNull();
  });
});

describe('errors from the core, placed next to the field they name', () => {
  it('reads the core’s own sentences by what they are about', () => {
    expect(errorsByField('Write a message or pick a template for this campaign.')).toEqual({
      message: 'Write a message or pick a template for this campaign.',
    });
    expect(
      Object.keys(
        errorsByField(
          'No one in this audience can be texted (3 matched; 3 opted out, 0 not textable, 0 invalid numbers).',
        ),
      ),
    ).toEqual(['audience']);
    expect(Object.keys(errorsByField('Set the twilio sending number (twilio.from) before launching.'))).toEqual([
      'provider',
    ]);
    expect(Object.keys(errorsByField('Something odd happened.'))).toEqual(['general']);
  });
});

describe('the campaign in words', () => {
  it('says who, when and within which hours', () => {
    expect(audienceInWords({ tags: [], tagMode: 'any', excludeTags: [], minDays: '' })).toBe('All contacts.');
    expect(audienceInWords({ tags: ['vip', 'regulars'], tagMode: 'any', excludeTags: ['staff'], minDays: '30' })).toBe(
      'Contacts tagged “vip” or “regulars”, except those tagged “staff”, not texted in the last 30 days.',
    );
    expect(audienceInWords({ tags: ['vip', 'regulars'], tagMode: 'all', excludeTags: [], minDays: '' })).toBe(
      'Contacts tagged with all of “vip” and “regulars”.',
    );
    expect(
      exclusionsInWords({ matched: 10, eligible: 7, excluded: { optedOut: 2, notTextable: 0, invalidPhone: 1 } }),
    ).toBe('3 left out: 2 opted out, 1 invalid number.');
    expect(
      exclusionsInWords({ matched: 10, eligible: 10, excluded: { optedOut: 0, notTextable: 0, invalidPhone: 0 } }),
    ).toBeNull();
    expect(scheduleInWords(state({ scheduleMode: 'at', atDate: '2026-07-04', atTime: '10:00' }), ZONE)).toBe(
      'On Sat 4 Jul 2026, 10:00 EDT (your business time zone, America/New_York).',
    );
    expect(quietHoursInWords(state({ quietStart: '09:00', excludedDays: [6, 0] }))).toBe(
      'Between 09:00 and 21:00 in each recipient’s local time, never on Sundays or Saturdays. Stricter state rules apply on top.',
    );
  });
});
