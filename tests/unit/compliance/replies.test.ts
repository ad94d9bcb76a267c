import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HELP_REPLY,
  DEFAULT_OPT_IN_CONFIRMATION,
  DEFAULT_OPT_OUT_CONFIRMATION,
  fillReply,
  mentionsStop,
  serviceReplyText,
  unknownPlaceholders,
} from '../../../shared/compliance/replies';
import { settingDefs } from '../../../shared/settings';

const wording = { help: DEFAULT_HELP_REPLY, optOut: DEFAULT_OPT_OUT_CONFIRMATION, optIn: DEFAULT_OPT_IN_CONFIRMATION };

describe('service replies (HELP answer and confirmations)', () => {
  it('fills the business name and contact into the default wording (compliance.md)', () => {
    const values = { business: 'Bloom Florist', contact: '(415) 555-0199' };
    expect(serviceReplyText('help', wording, values)).toBe(
      'Bloom Florist: for help, contact (415) 555-0199. Reply STOP to opt out.',
    );
    expect(serviceReplyText('opt_out', wording, values)).toBe(
      "You're unsubscribed from Bloom Florist. No more messages. Reply START to resubscribe.",
    );
    expect(serviceReplyText('opt_in', wording, values)).toBe(
      "You're resubscribed to Bloom Florist messages. Reply STOP to opt out.",
    );
  });

  it('leaves out a sentence whose value is not set instead of sending a broken one', () => {
    expect(fillReply(DEFAULT_HELP_REPLY, { business: 'Bloom Florist', contact: '' })).toBe('Reply STOP to opt out.');
    expect(fillReply(DEFAULT_OPT_OUT_CONFIRMATION, { business: ' ', contact: '' })).toBe(
      'No more messages. Reply START to resubscribe.',
    );
    expect(fillReply('Questions? {contact}! Reply STOP to opt out.', { business: '', contact: 'bloom.example' })).toBe(
      'Questions? bloom.example! Reply STOP to opt out.',
    );
  });

  it('keeps periods inside values (a website) and placeholder case-insensitive', () => {
    expect(
      fillReply('{Business} help: {CONTACT}. Reply STOP to opt out.', {
        business: 'Bloom',
        contact: 'www.bloom.example',
      }),
    ).toBe('Bloom help: www.bloom.example. Reply STOP to opt out.');
  });

  it('finds unknown placeholders and whether the text says how to opt out', () => {
    expect(unknownPlaceholders('{busines}: call {contact} {phone}')).toEqual(['busines', 'phone']);
    expect(unknownPlaceholders(DEFAULT_HELP_REPLY)).toEqual([]);
    expect(mentionsStop('Reply STOP to opt out')).toBe(true);
    expect(mentionsStop('Text stop to end')).toBe(true);
    expect(mentionsStop('Stopwatch sale')).toBe(false);
  });

  it('refuses settings that would break the rules: HELP without STOP, unknown placeholders, empty or too long', () => {
    const help = settingDefs['compliance.helpReply'].schema;
    expect(help.safeParse('Bloom: call us').success).toBe(false);
    expect(help.safeParse('{busines}: Reply STOP to opt out').success).toBe(false);
    expect(help.safeParse('{business}: call {contact}. Reply STOP to opt out.').success).toBe(true);
    const optOut = settingDefs['compliance.optOutConfirmation'].schema;
    expect(optOut.safeParse('   ').success).toBe(false);
    expect(optOut.safeParse('x'.repeat(321)).success).toBe(false);
    expect(optOut.safeParse("You're out of {business}'s list.").success).toBe(true);
    expect(settingDefs['compliance.optInConfirmation'].schema.safeParse('Welcome back!').success).toBe(false);
  });
});
