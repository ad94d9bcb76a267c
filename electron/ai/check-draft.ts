import type { DraftCheck, DraftWarning } from '../../shared/ipc/channels/ai';
import { lintTemplate, validateTemplate } from '../../shared/templates';
import type { SqliteDb } from '../db/connection';
import type { SettingsStore } from '../settings/store';
import { knownFieldKeys, previewForContact } from '../templates';

export interface CheckDeps {
  db: SqliteDb;
  settings: Pick<SettingsStore, 'get'>;
}

/**
 * Runs a suggested text through the same template validation, segment counter and compliance lint as anything
 * the owner types (rendered locally for the first contact, as the template preview does). A draft with an error
 * cannot be used until it is edited; warnings are shown with it.
 */
export function checkDraft(deps: CheckDeps, text: string, options: { fitsOneSegment: boolean }): DraftCheck {
  const preview = previewForContact(deps, { body: text });
  const knownFields = knownFieldKeys(deps.db);
  const blocking = new Set(
    [
      ...validateTemplate(text, { knownFields }),
      ...lintTemplate(text, { businessName: deps.settings.get('business.name') }),
    ]
      .filter((issue) => issue.severity === 'error')
      .map((issue) => issue.code),
  );
  const warnings: DraftWarning[] = preview.warnings.map((w) => ({
    code: w.code,
    message: w.message,
    severity: blocking.has(w.code) ? 'error' : 'warning',
  }));
  if (options.fitsOneSegment && preview.segments > 1) {
    warnings.push({
      code: 'over_one_segment',
      severity: 'warning',
      message: `You asked for one segment, but this takes ${preview.segments} (${preview.characters} characters, ${preview.encoding}). Shorten it to pay for one text per contact.`,
    });
  }
  return {
    text,
    segments: preview.segments,
    encoding: preview.encoding,
    characters: preview.characters,
    warnings,
    usable: blocking.size === 0,
  };
}
