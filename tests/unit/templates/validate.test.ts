import { describe, expect, it } from 'vitest';
import type { RenderContext } from '../../../shared/templates/render';
import { validateTemplate } from '../../../shared/templates/validate';

const business = { name: 'Bloom Salon', contact: 'bloomsalon.com' };
function person(firstName: string | null, fields: Record<string, string> = {}): RenderContext {
  return { contact: { firstName, lastName: null, phone: '+15551234567', email: null, fields }, business };
}

describe('validateTemplate', () => {
  it('accepts a clean template', () => {
    expect(
      validateTemplate('Hi {{first_name|there}}, 20% off at {{business_name}}. Reply STOP to opt out', {
        knownFields: [],
      }),
    ).toEqual([]);
  });

  it('rejects an empty or blank body, and nothing else', () => {
    for (const body of ['', '  \n ']) {
      expect(validateTemplate(body, { knownFields: [] })).toEqual([
        expect.objectContaining({ code: 'empty_body', severity: 'error' }),
      ]);
    }
  });

  it('accepts 1,600 characters and rejects 1,601, marking the excess', () => {
    expect(validateTemplate('a'.repeat(1600), { knownFields: [] })).toEqual([]);
    expect(validateTemplate('a'.repeat(1601), { knownFields: [] })).toEqual([
      expect.objectContaining({ code: 'too_long', severity: 'error', position: { start: 1600, end: 1601 } }),
    ]);
    // The limit falls inside an emoji: the highlight starts at the emoji, not at its second half.
    const [issue] = validateTemplate('a'.repeat(1599) + '\u{1F600}', { knownFields: [] });
    expect(issue).toMatchObject({ code: 'too_long', position: { start: 1599, end: 1601 } });
  });

  it('reports parse errors as errors with their exact positions', () => {
    const issues = validateTemplate('Hi {{frist_name}}, see {{first_name', { knownFields: [] });
    expect(issues.map((i) => [i.code, i.severity, i.position])).toEqual([
      ['unknown_variable', 'error', { start: 3, end: 17 }],
      ['unclosed_braces', 'error', { start: 23, end: 35 }],
    ]);
    expect(issues[0].suggestion).toBe('{{first_name}}');
  });

  it('reports custom fields that do not exist, with the closest one', () => {
    const issues = validateTemplate('You are {{field:loyalty_teir|a member}}', {
      knownFields: ['loyalty_tier', 'visits'],
    });
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'unknown_field',
        severity: 'error',
        position: { start: 8, end: 39 },
        suggestion: '{{field:loyalty_tier|a member}}',
      }),
    ]);
    expect(validateTemplate('{{field:shoe_size}}', { knownFields: ['visits'] })[0]).toMatchObject({
      code: 'unknown_field',
      position: { start: 0, end: 19 },
    });
    expect(validateTemplate('{{field:visits}}', { knownFields: ['visits'] })).toEqual([]);
  });

  it('counts the audience a variable without fallback is empty for, at its first fallback-less use', () => {
    const body = 'Hi {{first_name|there}}! {{first_name}}, your tier: {{field:tier}}';
    const audience = [person('Ana', { tier: 'Gold' }), person(null, { tier: 'Silver' }), person('  ', {})];
    const issues = validateTemplate(body, { knownFields: ['tier'], audience });
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'missing_value',
        severity: 'warning',
        affected: 2,
        position: { start: 25, end: 39 },
        suggestion: '{{first_name|there}}',
      }),
      expect.objectContaining({
        code: 'missing_value',
        severity: 'warning',
        affected: 1,
        position: { start: 52, end: 66 },
      }),
    ]);
    expect(issues[0].message).toContain('2 of 3 contacts');
  });

  it('does not warn about a variable whose every use has a fallback', () => {
    expect(validateTemplate('Hi {{first_name|there}}', { knownFields: [], audience: [person(null)] })).toEqual([]);
  });

  it('does not check values without an audience', () => {
    expect(validateTemplate('Hi {{first_name}}', { knownFields: [] })).toEqual([]);
  });

  it('rejects a template whose rendered message is too long for some contacts', () => {
    const body = `${'a'.repeat(1580)} {{field:bio}}`;
    const audience = [
      person('A', { bio: 'short' }),
      person('B', { bio: 'x'.repeat(40) }),
      person('C', { bio: 'y'.repeat(30) }),
    ];
    const issues = validateTemplate(body, { knownFields: ['bio'], audience });
    expect(issues).toEqual([expect.objectContaining({ code: 'rendered_too_long', severity: 'error', affected: 2 })]);
    expect(issues[0].message).toContain('1,621');
  });

  it('lists errors before warnings', () => {
    const issues = validateTemplate('{{first_name}} {{oops}}', { knownFields: [], audience: [person(null)] });
    expect(issues.map((i) => i.severity)).toEqual(['error', 'warning']);
  });
});
