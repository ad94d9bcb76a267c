import { describe, expect, it } from 'vitest';
import { renderTemplate, type RenderContext } from '../../../shared/templates/render';

function ctx(
  contact: Partial<RenderContext['contact']> = {},
  business: Partial<RenderContext['business']> = {},
): RenderContext {
  return {
    contact: {
      firstName: 'Ana',
      lastName: 'García',
      phone: '+15551234567',
      email: 'ana@example.com',
      fields: {},
      ...contact,
    },
    business: { name: 'Bloom Salon', contact: 'bloomsalon.com', ...business },
  };
}

describe('renderTemplate', () => {
  it('fills every built-in variable, phone as stored E.164', () => {
    const body =
      '{{first_name}}|{{last_name}}|{{full_name}}|{{phone}}|{{email}}|{{business_name}}|{{business_contact}}';
    expect(renderTemplate(body, ctx())).toEqual({
      text: 'Ana|García|Ana García|+15551234567|ana@example.com|Bloom Salon|bloomsalon.com',
      missing: [],
    });
  });

  it('builds full_name from whichever parts exist, trimmed', () => {
    expect(renderTemplate('{{full_name}}', ctx({ firstName: '  Ana ', lastName: null })).text).toBe('Ana');
    expect(renderTemplate('{{full_name}}', ctx({ firstName: '', lastName: ' García' })).text).toBe('García');
    expect(renderTemplate('[{{full_name}}]', ctx({ firstName: ' ', lastName: undefined }))).toEqual({
      text: '[]',
      missing: ['full_name'],
    });
  });

  it('fills custom fields by key', () => {
    expect(renderTemplate('You are {{field:loyalty_tier}}.', ctx({ fields: { loyalty_tier: 'Gold' } })).text).toBe(
      'You are Gold.',
    );
  });

  it('renders empty values as "" and lists them once each, in order', () => {
    const result = renderTemplate(
      'Hi {{first_name}} {{field:tier}} {{first_name}} {{email}}',
      ctx({ firstName: null, email: '   ', fields: {} }),
    );
    expect(result).toEqual({ text: 'Hi    ', missing: ['first_name', 'field:tier', 'email'] });
  });

  it('uses the fallback when the value is empty or only whitespace, and does not call it missing', () => {
    expect(renderTemplate('Hi {{first_name|there}}!', ctx({ firstName: null }))).toEqual({
      text: 'Hi there!',
      missing: [],
    });
    expect(renderTemplate('Hi {{ first_name | my friend }}!', ctx({ firstName: ' \t ' }))).toEqual({
      text: 'Hi my friend!',
      missing: [],
    });
    expect(renderTemplate('Hi {{first_name|there}}!', ctx({ firstName: 'Bo' })).text).toBe('Hi Bo!');
    expect(renderTemplate('Tier: {{field:tier|Member}}', ctx({ fields: { tier: '' } })).text).toBe('Tier: Member');
  });

  it('treats an explicit empty fallback as intended', () => {
    expect(renderTemplate('Hi{{first_name|}}!', ctx({ firstName: null }))).toEqual({ text: 'Hi!', missing: [] });
  });

  it('reports the business variables missing when the settings are empty', () => {
    expect(renderTemplate('- {{business_name}} {{business_contact}}', ctx({}, { name: '', contact: ' ' }))).toEqual({
      text: '-  ',
      missing: ['business_name', 'business_contact'],
    });
  });

  it('does not read custom fields from the object prototype', () => {
    expect(renderTemplate('{{field:constructor}}', ctx({ fields: {} }))).toEqual({
      text: '',
      missing: ['field:constructor'],
    });
  });

  it('leaves broken placeholders as written', () => {
    expect(renderTemplate('Hi {{frist_name}}, {{first_name', ctx()).text).toBe('Hi {{frist_name}}, {{first_name');
  });

  it('keeps values that contain braces or newlines as they are', () => {
    expect(renderTemplate('{{field:note}}', ctx({ fields: { note: '{{first_name}}\nline' } })).text).toBe(
      '{{first_name}}\nline',
    );
  });
});
