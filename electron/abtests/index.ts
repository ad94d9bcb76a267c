// The public face of electron/abtests/: what other domains may import from it, each name from the module that defines it.
// Other domains import only this file (eslint.config.js); it is kept by the boundaries codemod, so edit it by hand
// only to forward a name a domain is about to use.
export { conversionKeywordIn, parseConversionKeywords } from './conversions';
export { variantLabel } from './evaluate';
export { answerLinkVisit } from './link-route';
export type { LinkResolver } from './link-route';
export { prepareLinkTracking } from './links';
export type { LinkTracker } from './links';
