import type { DetectedFileView, ImportFieldTarget, ImportOptionsInput } from '../../../../shared/ipc/channels/contacts';

/** What the owner chooses in the mapping step. Only the columns they changed are sent as mapping overrides. */
export interface ImportSettings {
  defaultCountry: string;
  onDuplicate: 'skip' | 'update';
  /** As typed: tags separated by commas. */
  tags: string;
  overrides: Record<string, ImportFieldTarget>;
  encoding?: DetectedFileView['encoding'];
  delimiter?: ',' | ';' | '\t';
}

export function splitTags(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}

export function toImportOptions(s: ImportSettings): ImportOptionsInput {
  const tags = splitTags(s.tags);
  return {
    defaultCountry: s.defaultCountry,
    onDuplicate: s.onDuplicate,
    ...(tags.length ? { tags } : {}),
    ...(Object.keys(s.overrides).length ? { mapping: s.overrides } : {}),
    ...(s.encoding ? { encoding: s.encoding } : {}),
    ...(s.delimiter ? { delimiter: s.delimiter } : {}),
  };
}
