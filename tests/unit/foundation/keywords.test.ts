import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyReply, OPT_OUT_WORDS } from '../../../shared/compliance/keywords';

describe('reply keywords (compliance.md)', () => {
  it.each([
    ['STOP', 'opt_out'],
    ['stop', 'opt_out'],
    ['Stop.', 'opt_out'],
    ['  STOP  ', 'opt_out'],
    ['stop!', 'opt_out'],
    ['Quit', 'opt_out'],
    ['END', 'opt_out'],
    ['revoke', 'opt_out'],
    ['opt out', 'opt_out'],
    ['Opt-Out', 'opt_out'],
    ['OPTOUT', 'opt_out'],
    ['cancel', 'opt_out'],
    ['Unsubscribe', 'opt_out'],
    ['STOPALL', 'opt_out'],
    ['stop all', 'opt_out'],
    ['please stop texting me', 'opt_out_review'],
    ['remove me from this list', 'opt_out_review'],
    ['No más por favor', 'opt_out_review'],
    ['I want to cancel my appointment', 'opt_out_review'],
    ['START', 'opt_in'],
    ['unstop', 'opt_in'],
    ['HELP', 'help'],
    ['info', 'help'],
    ['Info?', 'help'],
    ['Thanks!', 'none'],
    ['What time do you open?', 'none'],
    ['stopped by yesterday', 'none'],
    ['', 'none'],
    ['🙂', 'none'],
  ])('%j → %s', (text, kind) => {
    expect(classifyReply(text).kind).toBe(kind);
  });

  it('treats YES as opt-in only for someone who had opted out', () => {
    expect(classifyReply('YES', { wasOptedOut: true }).kind).toBe('opt_in');
    expect(classifyReply('yes', { wasOptedOut: false }).kind).toBe('none');
  });

  it('recognises every opt-out word whatever the case and padding', () => {
    const word = fc.constantFrom(...OPT_OUT_WORDS);
    const pad = fc.constantFrom('', ' ', '  ', '\n', '\t');
    const punct = fc.constantFrom('', '.', '!', '!!', '?', '...');
    fc.assert(
      fc.property(word, pad, pad, punct, fc.boolean(), (w, a, b, p, upper) => {
        const text = `${a}${upper ? w.toUpperCase() : w}${p}${b}`;
        expect(classifyReply(text).kind).toBe('opt_out');
      }),
    );
  });
});
