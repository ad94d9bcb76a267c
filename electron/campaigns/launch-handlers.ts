import type { DeskCore } from '../core';
import type { Handlers } from '../ipc/dispatch';
import { launchCheck } from './launch-guard';
import { sendTest } from './test-send';

type LaunchHandlers = Pick<Handlers, 'campaigns:launchCheck' | 'campaigns:sendTest'>;

export function createCampaignLaunchHandlers(core: DeskCore): LaunchHandlers {
  return {
    'campaigns:launchCheck': ({ id }) => launchCheck(core, id),
    'campaigns:sendTest': ({ id, contactPhone }) => sendTest(core, id, { contactPhone }),
  };
}
