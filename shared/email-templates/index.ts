/** E-mail templates shared by main (sending) and renderer (preview): pure, no Node APIs. */
export { renderEmail } from './render';
export type { EmailBusiness, EmailRenderInput, RenderedEmail } from './render';
export { isSendableImage, isSendableLink } from './markdown';
export { lintEmailTemplate, SUBJECT_MAX } from './lint';
export type { EmailIssue, EmailIssueCode, EmailLintOptions } from './lint';
