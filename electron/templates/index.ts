// The public face of electron/templates/: what other domains may import from it, each name from the module that defines it.
// Other domains import only this file (eslint.config.js); it is kept by the boundaries codemod, so edit it by hand
// only to forward a name a domain is about to use.
export { contactByPhone, knownFieldKeys } from './audience';
export { PRICE_SETTING } from './measure';
export { phoneToE164, previewForContact } from './preview';
export { emailPreviewPage } from './email-preview-page';
