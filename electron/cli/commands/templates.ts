import type { TemplateRow } from '../../../shared/types/domain';
import { call, defineCommand, UsageError, type Command } from '../framework';

function templateId(text: string | undefined, usage: string): number {
  if (!text || !/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(
      `expected a template id (a number from \`templates list\`), got "${text ?? ''}". Usage: ${usage}`,
    );
  }
  return Number(text);
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'never');

function listLine(t: TemplateRow): string {
  const category = t.category ? `  [${t.category}]` : '';
  const archived = t.archived ? '  (archived)' : '';
  return `#${t.id}  ${t.name}${category}  last used ${day(t.lastUsedAt)}${archived}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const templateCommands: Command[] = [
  defineCommand({
    name: 'templates add',
    usage: 'templates add --name <name> --body <text> [--category <c>] [--notes <text>]',
    summary: 'Save a new template; prints its id.',
    options: {
      name: { type: 'string' },
      body: { type: 'string' },
      category: { type: 'string' },
      notes: { type: 'string' },
    },
    async run(ctx, { values }) {
      const usage = 'templates add --name <name> --body <text> [--category <c>] [--notes <text>]';
      if (typeof values.name !== 'string') throw new UsageError(`--name is required. Usage: ${usage}`);
      if (typeof values.body !== 'string') throw new UsageError(`--body is required. Usage: ${usage}`);
      const created = await call(await ctx.app(), 'templates:create', {
        name: values.name,
        body: values.body,
        ...(typeof values.category === 'string' ? { category: values.category } : {}),
        ...(typeof values.notes === 'string' ? { notes: values.notes } : {}),
      });
      return { json: { id: created.id }, text: `Saved template #${created.id} "${created.name}".` };
    },
  }),
  defineCommand({
    name: 'templates list',
    usage: 'templates list [--search <text>] [--archived]',
    summary: 'The template library, most recently edited first (--archived includes archived ones).',
    options: { search: { type: 'string' }, archived: { type: 'boolean' } },
    async run(ctx, { values }) {
      const rows = await call(await ctx.app(), 'templates:list', {
        ...(typeof values.search === 'string' ? { search: values.search } : {}),
        includeArchived: values.archived === true,
      });
      return { json: rows, text: rows.length ? rows.map(listLine).join('\n') : 'No templates.' };
    },
  }),
  defineCommand({
    name: 'templates preview',
    usage: 'templates preview <id> [--contact <phone>]',
    summary: 'The message as one contact would get it: text, encoding, segments, characters and warnings.',
    options: { contact: { type: 'string' } },
    args: { min: 1, max: 1 },
    async run(ctx, { values, positionals: [idText] }) {
      const id = templateId(idText, 'templates preview <id> [--contact <phone>]');
      const p = await call(await ctx.app(), 'templates:preview', {
        id,
        ...(typeof values.contact === 'string' ? { phone: values.contact } : {}),
      });
      const json = {
        text: p.text,
        encoding: p.encoding,
        segments: p.segments,
        characters: p.characters,
        warnings: p.warnings,
      };
      const who = p.contact
        ? `${p.contact.label} (${p.contact.phone})`
        : 'a sample contact with no name (there are no contacts yet)';
      const text = [
        p.text,
        '',
        `For ${who}: ${p.encoding}, ${plural(p.segments, 'segment')}, ${plural(p.characters, 'character')}.`,
        ...p.warnings.map(
          (w) => `- ${w.code}${w.position ? ` at ${w.position.start}–${w.position.end}` : ''}: ${w.message}`,
        ),
      ].join('\n');
      return { json, text };
    },
  }),
  defineCommand({
    name: 'templates archive',
    usage: 'templates archive <id>',
    summary: 'Hide a template from the library (campaigns that use it keep it).',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals: [idText] }) {
      const t = await call(await ctx.app(), 'templates:archive', { id: templateId(idText, 'templates archive <id>') });
      return { json: { id: t.id, archived: t.archived }, text: `Archived template #${t.id} "${t.name}".` };
    },
  }),
  defineCommand({
    name: 'templates delete',
    usage: 'templates delete <id>',
    summary: 'Delete a template; one a campaign uses is archived instead, and the output says so.',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals: [idText] }) {
      const r = await call(await ctx.app(), 'templates:delete', { id: templateId(idText, 'templates delete <id>') });
      return { json: r, text: r.message };
    },
  }),
];
