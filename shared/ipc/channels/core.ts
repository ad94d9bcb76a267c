import { z } from 'zod';
import { channel } from '../define';
import type {
  CampaignRow,
  ConversationRow,
  MonitoringOverview,
  OptOutRow,
  TemplateRow,
} from '../../types/domain';

const paging = {
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
};

/** The list channels every page needs; each domain's issue adds its own richer channels beside these (contacts:list lives in channels/contacts.ts). */
export const coreChannels = {
  'templates:list': channel<TemplateRow[]>()(
    z.object({ search: z.string().max(200).optional(), includeArchived: z.boolean().default(false) }).strict(),
  ),
  'campaigns:list': channel<CampaignRow[]>()(z.object({ includeArchived: z.boolean().default(false) }).strict()),
  'abtests:list': channel<CampaignRow[]>()(z.object({}).strict()),
  'inbox:conversations': channel<ConversationRow[]>()(
    z.object({ ...paging, unreadOnly: z.boolean().default(false), search: z.string().max(200).optional() }).strict(),
  ),
  'optouts:list': channel<OptOutRow[]>()(z.object({ search: z.string().max(200).optional(), ...paging }).strict()),
  'monitoring:overview': channel<MonitoringOverview>()(z.object({}).strict()),
};
