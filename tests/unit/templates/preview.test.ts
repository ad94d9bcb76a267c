import { describe, expect, it } from 'vitest';
import { previewTemplate } from '../../../shared/templates/preview';
import type { RenderContext } from '../../../shared/templates/render';

function ctx(firstName: string | null, businessName = 'Bloom Salon'): RenderContext {
  return {
    contact: { firstName, lastName: 'Lee', phone: '+15551234567', email: null, fields: { tier: 'Gold' } },
    business: { name: businessName, contact: 'bloomsalon.com' },
  };
}

describe('previewTemplate', () => {
  it('returns exactly the CLI shape for a clean message', () => {
    const preview = previewTemplate(
      '{{business_name}}: hi {{first_name|there}}, {{field:tier}} perks inside. Reply STOP to opt out',
      ctx('Ana'),
      {
        knownFields: ['tier'],
      },
    );
    expect(preview).toStrictEqual({
      text: 'Bloom Salon: hi Ana, Gold perks inside. Reply STOP to opt out',
      encoding: 'GSM-7',
      segments: 1,
      characters: 61,
      warnings: [],
    });
    expect(Object.keys(preview)).toEqual(['text', 'encoding', 'segments', 'characters', 'warnings']);
  });

  it('combines validation and lint findings, errors first, with only code, message and position', () => {
    const body = 'Hi {{first_name}} {{frist_name}}! bit.ly/x \u2014 deals';
    const preview = previewTemplate(body, ctx(null), { knownFields: [] });
    expect(preview.text).toBe('Hi  {{frist_name}}! bit.ly/x \u2014 deals');
    expect(preview.encoding).toBe('UCS-2');
    expect(preview.warnings.map((w) => [w.code, w.position])).toEqual([
      ['unknown_variable', { start: 18, end: 32 }],
      ['link_shortener', { start: 34, end: 42 }],
      ['missing_value', { start: 3, end: 17 }],
      ['missing_business_name', undefined],
      ['missing_opt_out', undefined],
      ['ucs2_forced', { start: 43, end: 44 }],
    ]);
    for (const warning of preview.warnings) {
      expect(Object.keys(warning).sort()).toEqual(
        warning.position ? ['code', 'message', 'position'] : ['code', 'message'],
      );
    }
  });

  it('warns when only this contact\u2019s details force UCS-2', () => {
    const preview = previewTemplate('{{business_name}}: hi {{first_name}}. Reply STOP to opt out', ctx('Zo\u00eb'), {
      knownFields: [],
    });
    expect(preview).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(preview.warnings).toEqual([{ code: 'ucs2_from_contact', message: expect.stringContaining('"\u00eb"') }]);
  });

  it('says once that the business name is not set', () => {
    const preview = previewTemplate('{{business_name}}: hi. Reply STOP to opt out', ctx('Ana', ''), {
      knownFields: [],
    });
    expect(preview.text).toBe(': hi. Reply STOP to opt out');
    expect(preview.warnings.map((w) => w.code)).toEqual(['business_name_not_set']);
  });

  it('skips the opt-out check for one-to-one replies', () => {
    const preview = previewTemplate('Bloom Salon: see you at 3', ctx('Ana'), { knownFields: [], requireOptOut: false });
    expect(preview.warnings).toEqual([]);
  });
});
