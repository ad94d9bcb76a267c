// The public face of electron/contacts/: what other domains may import from it, each name from the module that defines it.
// Other domains import only this file (eslint.config.js); it is kept by the boundaries codemod, so edit it by hand
// only to forward a name a domain is about to use.
export { countConsentNotStated } from './consent-record';
export { createContact } from './edit';
export { contactCsvCell, writeContactsCsv } from './export';
export { E164_SQL, ELIGIBLE_SQL, audienceCondition, audienceWhere, contactScope, eligibleCondition } from './filter';
export type { ContactScope, SqlWhere } from './filter';
export { engineOptions } from './import-handlers';
export { isBlankRecord, parseCsv, toCsvLine } from './import/csv-parser';
export type { LineTerminator } from './import/csv-parser';
export { openImportFile, readImportFile } from './import/file-reader';
export type { Delimiter, DetectedFile, TextEncodingName } from './import/types';
export { INLINE_INDEX_MAX } from './list-where';
export { PhoneNormaliser, cleanPhoneCell, normalisePhoneUncached } from './phone';
export { indexAllQueuedContacts, queuedForSearch } from './search-index';
export { likeEscape, planSearch } from './search';
export { getSegment } from './segments';
export { findUpload, storeUpload } from './uploads';
