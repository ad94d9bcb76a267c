import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { ownRecordSchema } from '../../../shared/own-record-schema';
import { isCountryCode } from '../phone';
import { isFieldTarget } from './mapping';
import type { ImportOptions } from './types';

/** The import options as they may arrive from IPC or the CLI; the IPC contract can reuse this schema. */
export const importOptionsSchema = z
  .object({
    defaultCountry: z
      .string()
      .transform((s) => s.trim().toUpperCase())
      .refine(isCountryCode, 'expected a two-letter country code such as US'),
    onDuplicate: z.enum(['skip', 'update']),
    tags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    mapping: ownRecordSchema(
      z.string(),
      z.string().refine(isFieldTarget, 'expected a contact field, custom:<key> or drop'),
    ).optional(),
    fileName: z.string().min(1).max(255).optional(),
    format: z.enum(['csv', 'vcard']).optional(),
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']).optional(),
    delimiter: z.enum([',', ';', '\t']).optional(),
    consent: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

export type ValidImportOptions = ImportOptions & { tags: string[] };

export function validateImportOptions(input: ImportOptions): ValidImportOptions {
  const r = importOptionsSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new AppError('invalid_input', `Import option "${issue.path.join('.') || 'options'}": ${issue.message}.`);
  }
  const seen = new Set<string>();
  const tags = (r.data.tags ?? []).filter((t) => !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  return { ...r.data, tags };
}
