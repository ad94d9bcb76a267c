import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildMapping, mappingSummary } from '../../../electron/contacts/import/mapping';
import { validateImportOptions } from '../../../electron/contacts/import/options';
import { importOptionsInput } from '../../../shared/contacts/imports';
import type { FieldTarget } from '../../../electron/contacts/import/types';

/** Names that an object literal inherits or treats specially: a header may be any of them. */
const PROTOTYPE_NAMES = [
  'constructor',
  'toString',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
  'prototype',
];
const header = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ maxLength: 12 }));
const target = fc.constantFrom<FieldTarget>(
  'first_name',
  'last_name',
  'email',
  'tags',
  'drop',
  'custom:notes',
  'custom:__proto__',
  'custom:constructor',
);

describe('user text as keys: headers and mapping choices', () => {
  it('maps any headers, prototype names included, and applies every choice the user made', () => {
    fc.assert(
      fc.property(
        fc.array(header, { maxLength: 8 }),
        fc.array(fc.tuple(header, target), { maxLength: 6 }),
        (others, picks) => {
          const headers = ['Phone', ...others];
          const overrides: Record<string, FieldTarget> = Object.create(null) as Record<string, FieldTarget>;
          for (const [h, t] of picks) if (h.trim().toLowerCase() !== 'phone') overrides[h] = t;
          const plan = buildMapping(headers, overrides);
          for (const col of plan.columns) {
            expect(typeof col.target).toBe('string');
            // An exact choice wins; one differing only in case or spaces applies when there is no exact one.
            if (Object.prototype.hasOwnProperty.call(overrides, col.header)) {
              const chosen = overrides[col.header];
              expect(col.source).toBe('user');
              expect(chosen.startsWith('custom:') ? col.customKey : col.target).toBe(
                chosen.startsWith('custom:') ? chosen.slice(7) : chosen,
              );
            }
          }
          const summary = mappingSummary(plan);
          expect(Object.keys(summary).sort()).toEqual([...new Set(headers)].sort());
          for (const h of headers) expect(Object.prototype.hasOwnProperty.call(summary, h)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a mapping choice for a column named __proto__ or constructor through the options schemas', () => {
    const mapping = JSON.parse(
      '{"__proto__": "custom:secret", "constructor": "first_name", "Phone": "phone"}',
    ) as Record<string, string>;
    const viaIpc = importOptionsInput.parse({ defaultCountry: 'US', mapping });
    expect(Object.entries(viaIpc.mapping ?? {})).toEqual([
      ['__proto__', 'custom:secret'],
      ['constructor', 'first_name'],
      ['Phone', 'phone'],
    ]);
    const engine = validateImportOptions({
      defaultCountry: 'US',
      onDuplicate: 'skip',
      mapping: viaIpc.mapping as Record<string, FieldTarget>,
    });
    const plan = buildMapping(['Phone', '__proto__', 'constructor'], engine.mapping);
    expect(plan.columns.map((c) => c.target)).toEqual(['phone', 'custom:secret', 'first_name']);
  });

  it('refuses a choice that is not a field, naming the column', () => {
    const r = importOptionsInput.safeParse({ defaultCountry: 'US', mapping: JSON.parse('{"__proto__": "telephone"}') });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ['mapping', '__proto__'],
      message: 'expected a contact field, custom:<key> or drop',
    });
  });
});
