// The public face of electron/email/: what other domains may import from it, each name from the module that defines it.
// Other domains import only this file (eslint.config.js).
export { marketingEmailContext, outgoingEmail, unsubscribeUrl, type OutgoingEmail } from './message';
export {
  bareAddress,
  listUnsubscribeHeaders,
  signUnsubscribeToken,
  unsubscribeKey,
  unsubscribeLink,
  verifyUnsubscribeToken,
  type UnsubscribeLinkContext,
} from './unsubscribe';
export { answerUnsubscribe, type UnsubscribeAnswer, type UnsubscribeDeps } from './unsubscribe-page';
