import type { CustomFieldRow } from '../../../shared/ipc/channels/contacts';
import { call, defineCommand, UsageError, type Command } from '../framework';

const line = (f: CustomFieldRow) =>
  `${f.key.padEnd(20)}  ${f.label}  (${f.type}, ${f.contacts} contact${f.contacts === 1 ? '' : 's'})`;

/** Contacts' custom fields: list them, add one by hand (a date field drives birthday/anniversary campaigns). */
export const fieldCommands: Command[] = [
  defineCommand({
    name: 'contacts fields list',
    usage: 'contacts fields list',
    summary: 'Custom contact fields with their key, type (text or date) and how many contacts have a value.',
    async run(ctx) {
      const rows = await call(await ctx.app(), 'contacts:fields', {});
      return { json: rows, text: rows.length ? rows.map(line).join('\n') : 'No custom fields.' };
    },
  }),
  defineCommand({
    name: 'contacts fields add',
    usage: 'contacts fields add --label L [--key K] [--type text|date]',
    summary:
      'Add a custom contact field; --type date makes it a date field (birthday, anniversary) for date-field campaigns.',
    options: { label: { type: 'string' }, key: { type: 'string' }, type: { type: 'string' } },
    async run(ctx, { values }) {
      if (typeof values.label !== 'string')
        throw new UsageError('--label is required: the field\'s name, such as "Birthday"');
      const type = values.type ?? 'text';
      if (type !== 'text' && type !== 'date')
        throw new UsageError(`--type must be text or date, got "${String(type)}"`);
      const f = await call(await ctx.app(), 'contacts:createField', {
        label: values.label,
        type,
        ...(typeof values.key === 'string' ? { key: values.key } : {}),
      });
      return { json: f, text: `Added the ${f.type} field ${f.label}; templates use it as {{${f.key}}}.` };
    },
  }),
];
