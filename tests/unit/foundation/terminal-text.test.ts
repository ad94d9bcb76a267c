import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../../electron/cli/terminal-text';

// eslint-disable-next-line no-control-regex -- what a terminal would act on
const ACTED_ON = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('terminalSafe (CLI text output)', () => {
  it('removes escape sequences whole: clear screen, colours, window titles, hyperlinks, 8-bit CSI', () => {
    expect(terminalSafe('\x1b[2Jname')).toBe('name');
    expect(terminalSafe('\x1b[31mred\x1b[0m text')).toBe('red text');
    expect(terminalSafe('\x1b]0;owned\x07Ana')).toBe('Ana');
    expect(terminalSafe('\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\')).toBe('click');
    expect(terminalSafe('\x1bPq#0;2;0;0;0\x1b\\x')).toBe('x');
    expect(terminalSafe('\x9b2Jx\x1bc')).toBe('x');
    // Unterminated, a title sequence loses its introducer only: the text after it is still shown.
    expect(terminalSafe('phone "\x1b]0"')).toBe('phone "0"');
  });

  it('removes other controls and bidi overrides, keeping newlines, tabs and ordinary text in any script', () => {
    expect(terminalSafe('Ana\u202eevil\u2066\r\x07\x00')).toBe('Anaevil');
    expect(terminalSafe('row 1:\tJosé 王 مرحبا 👋\nrow 2')).toBe('row 1:\tJosé 王 مرحبا 👋\nrow 2');
  });

  it('never lets a control character through, and leaves text without any unchanged', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => !ACTED_ON.test(terminalSafe(text))));
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((t) => !ACTED_ON.test(t) && !t.includes('\x1b')),
        (text) => terminalSafe(text) === text,
      ),
    );
  });
});
