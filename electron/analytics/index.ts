// The public face of electron/analytics/: what other domains may import from it, each name from the module that defines it.
// Other domains import only this file (eslint.config.js); it is kept by the boundaries codemod, so edit it by hand
// only to forward a name a domain is about to use.
export { attribute } from './attribution';
export { deleteConversion } from './conversions';
export { bandCondition } from './engagement/bands';
export { settleEngagement } from './engagement/settle';
export { exportLines } from './exports';
export { createAnalyticsHandlers } from './handlers';
export { catchUpOutcomes } from './ingest';
export { bestLocalTime } from './insights/best-hour';
export { orderImportContext } from './orders/handlers';
export { mapOrderColumns } from './orders/mapping';
export { readOrdersFile } from './orders/read';
export { importOrders } from './orders/run';
export { isOptOutText, isReply } from './outcome-rules';
export { insertConversion } from './record';
export { campaignResults } from './results';
export { analyticsSettings, conversionKeywords } from './settings';
export type { AnalyticsSettings } from './settings';
export { pricesForSend } from './spend';
export type { SegmentPrice } from './spend';
