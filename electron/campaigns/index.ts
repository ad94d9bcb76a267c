// The public face of electron/campaigns/: what other domains may import from it, each name from the module that defines it.
// Other domains import only this file (eslint.config.js); it is kept by the boundaries codemod, so edit it by hand
// only to forward a name a domain is about to use.
export { countAudience } from './audience';
export { emailContent } from './channel-email';
export type { DispatcherStatus, WindowCheck } from './dispatch/dispatcher';
export { listCampaigns } from './list';
export { getCampaign } from './model';
export type { CampaignRecord } from './model';
export { parseHHMM } from './quiet-hours/policy';
export { recipientLocation } from './quiet-hours/recipient-location';
export { readLocal } from './quiet-hours/zone-clock';
export { checkZone } from './recurrence/validate';
export { createWindowCheck } from './window';
