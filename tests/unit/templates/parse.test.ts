import { describe, expect, it } from 'vitest';
import { parseTemplate, usedVariables, type VariableToken } from '../../../shared/templates/parse';

function variables(body: string, knownFields: string[] = []): VariableToken[] {
  return parseTemplate(body, { knownFields }).tokens.filter((t): t is VariableToken => t.kind === 'variable');
}

describe('parseTemplate: tokens', () => {
  it('splits text and variables with exact offsets', () => {
    const parsed = parseTemplate('Hi {{first_name}}!');
    expect(parsed.errors).toEqual([]);
    expect(parsed.tokens).toEqual([
      { kind: 'text', text: 'Hi ', start: 0, end: 3 },
      {
        kind: 'variable',
        key: 'first_name',
        builtin: 'first_name',
        fieldKey: null,
        fallback: null,
        raw: '{{first_name}}',
        start: 3,
        end: 17,
      },
      { kind: 'text', text: '!', start: 17, end: 18 },
    ]);
  });

  it('knows every built-in variable', () => {
    const body = '{{first_name}}{{last_name}}{{full_name}}{{phone}}{{email}}{{business_name}}{{business_contact}}';
    const parsed = parseTemplate(body);
    expect(parsed.errors).toEqual([]);
    expect(usedVariables(parsed)).toEqual([
      'first_name',
      'last_name',
      'full_name',
      'phone',
      'email',
      'business_name',
      'business_contact',
    ]);
  });

  it('reads a fallback, which may contain spaces, and tolerates whitespace inside the braces', () => {
    const [plain, spaced, padded] = variables(
      '{{first_name|there}} {{first_name|valued customer}} {{ first_name | there }}',
    );
    expect(plain).toMatchObject({ key: 'first_name', fallback: 'there', start: 0, end: 20 });
    expect(spaced).toMatchObject({ key: 'first_name', fallback: 'valued customer', start: 21, end: 51 });
    expect(padded).toMatchObject({
      key: 'first_name',
      fallback: 'there',
      raw: '{{ first_name | there }}',
      start: 52,
      end: 76,
    });
  });

  it('keeps an explicitly empty fallback apart from no fallback', () => {
    const [empty, none] = variables('{{first_name|}}{{first_name}}');
    expect(empty.fallback).toBe('');
    expect(none.fallback).toBeNull();
  });

  it('splits the fallback at the first bar only', () => {
    expect(variables('{{first_name|a|b}}')[0].fallback).toBe('a|b');
  });

  it('reads custom fields, with whitespace around the colon', () => {
    const [a, b] = variables('{{field:loyalty_tier}} {{ field : visits_2024 | none }}');
    expect(a).toMatchObject({
      key: 'field:loyalty_tier',
      builtin: null,
      fieldKey: 'loyalty_tier',
      fallback: null,
      start: 0,
      end: 22,
    });
    expect(b).toMatchObject({
      key: 'field:visits_2024',
      fieldKey: 'visits_2024',
      fallback: 'none',
      start: 23,
      end: 55,
    });
  });

  it('treats single braces as text and outer braces of {{{x}}} as literal', () => {
    expect(parseTemplate('{not a variable}').tokens).toEqual([
      { kind: 'text', text: '{not a variable}', start: 0, end: 16 },
    ]);
    const parsed = parseTemplate('{{{first_name}}}');
    expect(parsed.errors).toEqual([]);
    expect(parsed.tokens.map((t) => [t.kind, t.start, t.end])).toEqual([
      ['text', 0, 1],
      ['variable', 1, 15],
      ['text', 15, 16],
    ]);
  });

  it('lists each used variable once, in order of first use', () => {
    expect(usedVariables(parseTemplate('{{email}} {{first_name}} {{email|x}} {{field:tier}}'))).toEqual([
      'email',
      'first_name',
      'field:tier',
    ]);
  });
});

describe('parseTemplate: errors with exact positions', () => {
  it('reports unclosed braces over "{{" and the name', () => {
    const { errors, tokens } = parseTemplate('Hi {{first_name, see you');
    expect(errors).toEqual([
      expect.objectContaining({ code: 'unclosed_braces', start: 3, end: 15, suggestion: '{{first_name}}' }),
    ]);
    // Broken placeholders stay in the text so the preview shows what was written.
    expect(tokens).toEqual([{ kind: 'text', text: 'Hi {{first_name, see you', start: 0, end: 24 }]);
  });

  it('reports bare "{{" at the end of the body', () => {
    expect(parseTemplate('Hello {{').errors).toEqual([
      expect.objectContaining({ code: 'unclosed_braces', start: 6, end: 8 }),
    ]);
  });

  it('reports an unclosed placeholder followed by a good one, and still reads the good one', () => {
    const parsed = parseTemplate('{{first_name {{last_name}}');
    expect(parsed.errors).toEqual([expect.objectContaining({ code: 'unclosed_braces', start: 0, end: 12 })]);
    expect(parsed.tokens[1]).toMatchObject({ kind: 'variable', key: 'last_name', start: 13, end: 26 });
  });

  it('does not let a placeholder run across a line break', () => {
    const { errors } = parseTemplate('Hi {{first_name\n}} bye');
    expect(errors.map((e) => [e.code, e.start, e.end])).toEqual([
      ['unclosed_braces', 3, 15],
      ['stray_closing_braces', 16, 18],
    ]);
  });

  it('reports stray closing braces, a run of them as one', () => {
    expect(parseTemplate('Save 20%}} today').errors).toEqual([
      expect.objectContaining({ code: 'stray_closing_braces', start: 8, end: 10 }),
    ]);
    expect(parseTemplate('a}}}b').errors).toEqual([
      expect.objectContaining({ code: 'stray_closing_braces', start: 1, end: 4 }),
    ]);
    expect(parseTemplate('{{first_name}}}}').errors).toEqual([
      expect.objectContaining({ code: 'stray_closing_braces', start: 14, end: 16 }),
    ]);
  });

  it('reports empty placeholders', () => {
    expect(parseTemplate('x {{}} y').errors).toEqual([
      expect.objectContaining({ code: 'empty_variable', start: 2, end: 6 }),
    ]);
    expect(parseTemplate('{{   }}').errors).toEqual([
      expect.objectContaining({ code: 'empty_variable', start: 0, end: 7 }),
    ]);
    expect(parseTemplate('Hi {{|there}}').errors).toEqual([
      expect.objectContaining({ code: 'empty_variable', start: 3, end: 13 }),
    ]);
  });

  it('reports unknown variables with a "did you mean" when close', () => {
    const cases: Array<[string, string | undefined]> = [
      ['{{frist_name}}', '{{first_name}}'],
      ['{{First_Name|there}}', '{{first_name|there}}'],
      ['{{first name}}', '{{first_name}}'],
      ['{{firstname}}', '{{first_name}}'],
      ['{{emial}}', '{{email}}'],
      ['{{company}}', '{{business_name}}'],
      ['{{feild:tier}}', '{{field:tier}}'],
      ['{{xyzzy}}', undefined],
    ];
    for (const [body, suggestion] of cases) {
      const [error] = parseTemplate(`Hi ${body}`).errors;
      expect(error, body).toMatchObject({ code: 'unknown_variable', start: 3, end: 3 + body.length });
      expect(error.suggestion, body).toBe(suggestion);
      if (suggestion) expect(error.message).toContain(`Did you mean ${suggestion}?`);
    }
  });

  it('suggests an existing custom field for a bare field name', () => {
    const [error] = parseTemplate('{{loyalty_tier}}', { knownFields: ['loyalty_tier'] }).errors;
    expect(error).toMatchObject({ code: 'unknown_variable', suggestion: '{{field:loyalty_tier}}', start: 0, end: 16 });
  });

  it('reports bad custom field keys', () => {
    const spaced = parseTemplate('Tier: {{field:Loyalty Tier}}').errors;
    expect(spaced).toEqual([
      expect.objectContaining({ code: 'bad_field_key', start: 6, end: 28, suggestion: '{{field:loyalty_tier}}' }),
    ]);
    const empty = parseTemplate('{{field:}}').errors;
    expect(empty).toEqual([expect.objectContaining({ code: 'bad_field_key', start: 0, end: 10 })]);
    expect(empty[0].suggestion).toBeUndefined();
    expect(parseTemplate('{{field:9lives}}').errors[0]).toMatchObject({ code: 'bad_field_key', start: 0, end: 16 });
    expect(parseTemplate('{{field:a-b}}').errors[0]).toMatchObject({
      code: 'bad_field_key',
      suggestion: '{{field:a_b}}',
    });
  });

  it('keeps positions in UTF-16 units after an emoji', () => {
    const [error] = parseTemplate('😀 {{nope}}').errors;
    expect(error).toMatchObject({ start: 3, end: 11 });
  });
});
