// The public face of electron/providers/: what other domains may import from it, each name from the module that defines it.
// Other domains import only this file (eslint.config.js); it is kept by the boundaries codemod, so edit it by hand
// only to forward a name a domain is about to use.
export { QUO_API_VERSION } from './quo-messages';
export { CHANNEL_OF_PROVIDER } from './types';
export type {
  EmailProviderId,
  OutboxProviderId,
  Provider,
  ProviderId,
  ProviderMessage,
  ProviderMessageStatus,
  SendOutcome,
  VoiceProviderId,
} from './types';
