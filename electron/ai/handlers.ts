import type { aiChannels } from '../../shared/ipc/channels/ai';
import type { DeskCore } from '../core';
import type { Handler } from '../ipc/dispatch';
import { askConnected, geminiConnection } from './connection';
import { draftMessages, variantIdeas } from './draft';
import { summariseCampaign } from './summary';
import { triageReply } from './triage';
import { lastTriageProblem } from './triage-job';
import { conversationLabels, markReviewed, waitingReviewCount } from './triage-queries';

type AiHandlers = { [C in keyof typeof aiChannels]: Handler<C> };

export function createAiHandlers(core: DeskCore): AiHandlers {
  return {
    'ai:status': async () => ({
      connected: geminiConnection(core) !== null,
      model: core.settings.get('gemini.model'),
      baseUrl: core.settings.get('gemini.baseUrl'),
      triageReplies: core.settings.get('gemini.triageReplies'),
      waitingReview: await waitingReviewCount(core.kdb),
      lastProblem: lastTriageProblem(core),
    }),
    'ai:check': async () => {
      await askConnected(core, {
        system: 'Answer with {"ok": true}.',
        prompt: 'Are you there?',
        schema: { type: 'OBJECT', properties: { ok: { type: 'BOOLEAN' } }, required: ['ok'] },
        temperature: 0,
        maxOutputTokens: 20,
      });
      return { model: core.settings.get('gemini.model') };
    },
    'ai:draft': (req) => draftMessages(core, req),
    'ai:variants': (req) => variantIdeas(core, req),
    'ai:triage': async ({ inboundId }) => {
      const view = await triageReply(core, inboundId);
      core.events.emit('app:dataChanged', { area: 'inbox' });
      return view;
    },
    'ai:replyLabels': ({ contactId }) => conversationLabels(core.kdb, contactId),
    'ai:markReviewed': async ({ inboundId }) => {
      const reviewed = await markReviewed(core.kdb, inboundId, core.now().toISOString());
      if (reviewed) core.audit('ai.optOutReviewed', String(inboundId));
      return { reviewed };
    },
    'ai:summary': ({ campaignId }) => summariseCampaign(core, campaignId),
  };
}
