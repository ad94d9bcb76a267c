import { type Expression, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { VerifyPlan, VerifyReport, verifySelectionInput } from '../../shared/ipc/channels/contacts';
import type { DeskCore } from '../core';
import { phonesOf, selectedContactIds } from './queries';
import { contactScope } from './filter';
import { selectionWhere } from './tag-edit';
import type { ContactServices } from './services';
import { isCheckable, verifyContacts } from './verify';

/** Numbers one check may cover: NumVerify plans allow hundreds to thousands of lookups a month. */
export const VERIFY_MAX = 10_000;

type VerifyInput = z.output<typeof verifySelectionInput>;

function whereOf(core: DeskCore, input: VerifyInput): Expression<SqlBool> {
  if (input.importId !== undefined) return contactScope()('c.import_id', '=', input.importId);
  return selectionWhere(
    core.db,
    input.contactIds ? { contactIds: input.contactIds } : { filter: input.filter! },
    core.now(),
  );
}

/** The selected contacts' ids, refused when there are more than one check may cover. */
function selectedIds(core: DeskCore, input: VerifyInput): number[] {
  const ids = selectedContactIds(core.db, whereOf(core, input), VERIFY_MAX + 1);
  if (ids.length > VERIFY_MAX) {
    throw new AppError(
      'invalid_input',
      `That is more than ${VERIFY_MAX.toLocaleString('en-US')} contacts; check them in smaller groups (for example one tag at a time).`,
    );
  }
  return ids;
}

/** contacts:verifyPlan: what a check of these contacts would look up and cost, before anything is spent. */
export function planVerify(core: DeskCore, services: ContactServices, input: VerifyInput): VerifyPlan {
  const ids = selectedIds(core, input);
  const phones = [...new Set(phonesOf(core.db, ids))];
  let cached = 0;
  let unreadable = 0;
  for (const phone of phones) {
    if (!isCheckable(phone)) unreadable++;
    else if (services.numbers.cached(phone)) cached++;
  }
  const lookups = phones.length - cached - unreadable;
  const pricePerLookup = core.settings.get('numverify.pricePerLookup');
  return {
    contacts: ids.length,
    numbers: phones.length,
    cached,
    unreadable,
    lookups,
    pricePerLookup,
    // To a hundredth of a cent: a few lookups at $0.003 must not read as free.
    cost: Math.round(lookups * pricePerLookup * 10_000) / 10_000,
    keySet: !!core.secrets.get('numverify.apiKey'),
    max: VERIFY_MAX,
  };
}

/** contacts:verify: checks the selected contacts' numbers with NumVerify and reports progress as it goes. */
export async function verifySelection(
  core: DeskCore,
  services: ContactServices,
  input: VerifyInput,
): Promise<VerifyReport> {
  if (!core.secrets.get('numverify.apiKey')) {
    throw new AppError(
      'secret_unavailable',
      'Add your NumVerify access key in Settings (secret numverify.apiKey) to check numbers.',
    );
  }
  const ids = selectedIds(core, input);
  const report = await verifyContacts(core.db, services.numbers, ids, {
    now: core.now,
    onProgress: (checked, total) => core.events.emit('verify:progress', { checked, total }),
  });
  core.audit('contacts.verify', undefined, {
    selected: report.selected,
    lookups: report.lookups,
    stopped: report.stopped?.code ?? null,
  });
  if (report.checked) core.events.emit('app:dataChanged', { area: 'contacts' });
  return report;
}
