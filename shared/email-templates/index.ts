/** E-mail templates shared by main (sending) and renderer (preview): pure, no Node APIs. */
export { renderEmail } from './render';
export type { EmailBusiness, EmailRenderInput, RenderedEmail } from './render';
export { isSendableImage, isSendableLink } from './markdown';
export { lintEmailTemplate, SUBJECT_MAX } from './lint';
export type { EmailIssue, EmailIssueCode, EmailLintOptions } from './lint';
export { TEST_SUBJECT_PREFIX, TEST_UNSUBSCRIBE_TOKEN, testSubject } from './test-email';
export { EMAIL_PREVIEW_PATH, PREVIEW_UNSUBSCRIBE_URL, emailPreviewUrl } from './preview-request';
export type { EmailPreviewRequest } from './preview-request';
