import type { DeskCore } from '../core';
import type { Handlers } from '../ipc/dispatch';
import {
  archiveCampaign,
  createCampaign,
  duplicateCampaign,
  getCampaign,
  updateCampaign,
  type CampaignRecord,
} from './model';
import { countAudience } from './audience';
import { countChannelReach } from './channel-reach';
import { campaignMessages } from './queries-outbox';
import { listCampaigns } from './list';
import { campaignStatus, cancelCampaign, pauseCampaign, resumeCampaign } from './lifecycle';
import { guardedLaunch } from './launch-guard';
import {
  activateSeries,
  createCampaignOrSeries,
  endSeries,
  isSeries,
  pauseSeries,
  resumeSeries,
  updateSeries,
} from './series/series';

type CampaignHandlers = Pick<
  Handlers,
  `campaigns:${'list' | 'get' | 'create' | 'update' | 'duplicate' | 'archive' | 'audienceCount' | 'channelReach' | 'launch' | 'pause' | 'resume' | 'cancel' | 'status' | 'messages'}`
>;

function detail(c: CampaignRecord) {
  const { snapshotState: _s, snapshotCursor: _c, ...rest } = c;
  return rest;
}

export function createCampaignHandlers(core: DeskCore): CampaignHandlers {
  const changed = () => core.events.emit('app:dataChanged', { area: 'campaigns' });
  return {
    'campaigns:list': (q) => listCampaigns(core.kdb, q),
    'campaigns:get': ({ id }) => detail(getCampaign(core.db, id)),
    'campaigns:create': (draft) => {
      const c =
        draft.repeat || draft.dateField
          ? createCampaignOrSeries(core, draft)
          : createCampaign(
              core.db,
              draft,
              { provider: core.settings.get('provider'), voiceProvider: core.settings.get('voice.provider') },
              core.now(),
            );
      core.audit('campaign.create', String(c.id));
      changed();
      return detail(c);
    },
    'campaigns:update': ({ id, draft }) => {
      const c =
        draft.repeat || draft.dateField || isSeries(core, id)
          ? updateSeries(core, id, draft)
          : updateCampaign(core.db, id, draft, core.now(), core.settings.get('voice.provider'));
      changed();
      return detail(c);
    },
    'campaigns:duplicate': ({ id }) => {
      const c = duplicateCampaign(core.db, id, core.now());
      changed();
      return detail(c);
    },
    'campaigns:archive': ({ id, archived }) => {
      const c = archiveCampaign(core.db, id, archived, core.now());
      changed();
      return detail(c);
    },
    'campaigns:audienceCount': ({ audience }) => countAudience(core.db, audience, core.now()),
    'campaigns:channelReach': ({ audience, channels, everyChannel }) =>
      countChannelReach(core.db, audience, channels, everyChannel, core.now()),
    // On a recurring campaign these act on the series: start it, pause or resume its occurrences, end it.
    'campaigns:launch': ({ id, confirmLate, acknowledge, confirmCount }) =>
      isSeries(core, id)
        ? (activateSeries(core, id), campaignStatus(core, id))
        : guardedLaunch(core, id, { confirmLate, acknowledge, confirmCount }),
    'campaigns:pause': ({ id }) =>
      isSeries(core, id) ? (pauseSeries(core, id), campaignStatus(core, id)) : pauseCampaign(core, id),
    'campaigns:resume': ({ id }) =>
      isSeries(core, id) ? (resumeSeries(core, id), campaignStatus(core, id)) : resumeCampaign(core, id),
    'campaigns:cancel': ({ id }) =>
      isSeries(core, id) ? (endSeries(core, id), campaignStatus(core, id)) : cancelCampaign(core, id),
    'campaigns:status': ({ id }) => campaignStatus(core, id),
    'campaigns:messages': ({ id, state, limit, offset }) => {
      getCampaign(core.db, id);
      return campaignMessages(core.db, id, { state, limit, offset });
    },
  };
}
