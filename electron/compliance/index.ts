// The public face of electron/compliance/: what other domains may import from it, each name from the module that defines it.
// Other domains import only this file (eslint.config.js); it is kept by the boundaries codemod, so edit it by hand
// only to forward a name a domain is about to use.
export { LATE_CONFIRMATION, confirmationDeadline, isPastDeadline, skipLateConfirmation } from './confirmations';
export { changeConsent, optInContacts, optOutContacts } from './consent';
export { changeDoNotCall, suppressEmail, unsubscribeContactEmail, unsubscribeEmail } from './channels';
export { reachableOn } from './reach';
export { csvCell } from './optout-csv';
