import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { contactChannels, VerifyReport } from '../../shared/ipc/channels/contacts';
import type { DeskCore } from '../core';
import { selectionWhere, type ContactSelection } from './tag-edit';
import type { ContactServices } from './services';
import { verifyContacts } from './verify';

/** Numbers one check may cover: NumVerify plans allow hundreds to thousands of lookups a month. */
export const VERIFY_MAX = 10_000;

type VerifyInput = z.output<(typeof contactChannels)['contacts:verify']['input']>;

/** contacts:verify: checks the selected contacts' numbers with NumVerify and reports progress as it goes. */
export async function verifySelection(core: DeskCore, services: ContactServices, input: VerifyInput): Promise<VerifyReport> {
  if (!core.secrets.get('numverify.apiKey')) {
    throw new AppError('secret_unavailable', 'Add your NumVerify access key in Settings (secret numverify.apiKey) to check numbers.');
  }
  const selection: ContactSelection = input.contactIds ? { contactIds: input.contactIds } : { filter: input.filter! };
  const where = selectionWhere(core.db, selection, core.now());
  const ids = core.db.prepare(`SELECT c.id FROM contacts c WHERE ${where.sql} ORDER BY c.id LIMIT ${VERIFY_MAX + 1}`).pluck().all(...where.params) as number[];
  if (ids.length > VERIFY_MAX) {
    throw new AppError('invalid_input', `That is more than ${VERIFY_MAX.toLocaleString('en-US')} contacts; check them in smaller groups (for example one tag at a time).`);
  }
  const report = await verifyContacts(core.db, services.numbers, ids, {
    now: core.now,
    onProgress: (checked, total) => core.events.emit('verify:progress', { checked, total }),
  });
  core.audit('contacts.verify', undefined, { selected: report.selected, lookups: report.lookups, stopped: report.stopped?.code ?? null });
  if (report.checked) core.events.emit('app:dataChanged', { area: 'contacts' });
  return report;
}
