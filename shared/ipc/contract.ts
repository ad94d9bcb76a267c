import type { z } from 'zod';
import { appChannels } from './channels/app';
import { templateChannels } from './channels/templates';
import { campaignChannels } from './channels/campaigns';
import { campaignLaunchChannels } from './channels/campaign-launch';
import { tagChannels } from './channels/tags';
import { abtestChannels } from './channels/abtests';
import { inboxChannels } from './channels/inbox';
import { optOutChannels } from './channels/optouts';
import { consentChannels } from './channels/consent';
import { webhookChannels } from './channels/webhooks';
import { monitoringChannels } from './channels/monitoring';
import { contactChannels } from './channels/contacts';
import { seriesChannels } from './channels/series';
import { analyticsChannels } from './channels/analytics';
import { reportChannels } from './channels/reports';
import { aiChannels } from './channels/ai';
import { engagementChannels } from './channels/engagement';
import { insightChannels } from './channels/insights';
import { quickbooksChannels } from './channels/quickbooks';
import { deliverabilityChannels } from './channels/deliverability';
import { voiceChannels } from './channels/voice';
import { events } from './events';
import type { ChannelDef } from './define';

/**
 * The whole IPC contract: channel name (`domain:verb`) → zod input schema + output type.
 * Main validates every input against it; the preload only forwards these names; the renderer's
 * typed client is derived from it.
 */
export const contract = {
  ...appChannels,
  ...templateChannels,
  ...campaignChannels,
  ...campaignLaunchChannels,
  ...tagChannels,
  ...monitoringChannels,
  ...abtestChannels,
  ...inboxChannels,
  ...optOutChannels,
  ...consentChannels,
  ...webhookChannels,
  ...contactChannels,
  ...seriesChannels,
  ...analyticsChannels,
  ...reportChannels,
  ...aiChannels,
  ...engagementChannels,
  ...insightChannels,
  ...quickbooksChannels,
  ...deliverabilityChannels,
  ...voiceChannels,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = Contract[C] extends ChannelDef<z.ZodType, infer O> ? O : never;

export const channelNames = Object.keys(contract) as Channel[];
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export { events };
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = Events[E] extends { payload?: infer P } ? P : never;
export const eventNames = Object.keys(events) as EventName[];
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
