import type { ConversationRow } from '../../../shared/types/domain';
import { call, defineCommand, type Command } from '../framework';

export const inboxCommands: Command[] = [
  defineCommand({
    name: 'inbox list',
    usage: 'inbox list [--unread]',
    summary: 'Conversations, newest first, with the last text, unread count and opt-out state.',
    options: { unread: { type: 'boolean' } },
    async run(ctx, { values }) {
      const app = await ctx.app();
      const rows: ConversationRow[] = [];
      for (;;) {
        const page = await call(app, 'inbox:conversations', { limit: 1000, offset: rows.length });
        rows.push(...page);
        if (page.length < 1000) break;
      }
      const shown = values.unread === true ? rows.filter((r) => r.unread > 0) : rows;
      const text = shown.length
        ? shown
            .map((r) => {
              const who = r.name ? `${r.name} (${r.phone})` : r.phone;
              const flags = [r.unread ? `${r.unread} unread` : '', r.optedOut ? 'opted out' : '']
                .filter(Boolean)
                .join(', ');
              return `${r.lastAt.slice(0, 16).replace('T', ' ')}  ${who}${flags ? `  [${flags}]` : ''}  "${r.lastMessage}"`;
            })
            .join('\n')
        : values.unread === true
          ? 'No unread conversations.'
          : 'No conversations yet.';
      return { json: shown, text };
    },
  }),
];
