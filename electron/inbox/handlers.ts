import type { inboxChannels } from '../../shared/ipc/channels/inbox';
import { createWindowCheck } from '../campaigns';
import type { DeskCore } from '../core';
import type { Handler } from '../ipc/dispatch';
import { listConversations } from './list';
import { queueReply, replyRoute } from './reply';
import { retryReply } from './retry';
import { conversationThread, markThreadRead, unreadSummary } from './thread';

type InboxHandlers = { [C in keyof typeof inboxChannels]: Handler<C> };

export function createInboxHandlers(core: DeskCore): InboxHandlers {
  const windowCheck = createWindowCheck(() => core.settings.get('business.timezone'));
  return {
    'inbox:conversations': (q) => listConversations(core.db, q, core.settings.get('contacts.defaultCountry')),
    'inbox:thread': ({ contactId, limit }) => ({
      ...conversationThread(core.db, contactId, limit),
      replyVia: replyRoute(core, contactId),
    }),
    'inbox:markRead': ({ contactId }) => {
      const marked = markThreadRead(core.db, contactId, core.now().toISOString());
      if (marked) core.events.emit('app:dataChanged', { area: 'inbox' });
      return { marked };
    },
    'inbox:reply': (input) => queueReply(core, windowCheck, input),
    'inbox:retry': ({ outboxId }) => retryReply(core, windowCheck, outboxId),
    'inbox:unread': () => unreadSummary(core.db),
  };
}
