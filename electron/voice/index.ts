// The public face of electron/voice/: what other domains may import from it, each name from the module that defines it.
// Other domains import only this file (eslint.config.js).
export {
  buildCall,
  callPlanSchema,
  optOutConfirmationTwiml,
  readCallPlan,
  TWIML_MAX_CHARS,
  voiceRelayUrls,
} from './call';
export type { BuildCallInput, BuiltCall, CallPlan } from './call';
export { buildCallFromSettings, callSettings, voiceProviderId } from './settings';
export type { VoiceContent } from '../../shared/voice/script';
export { answerIncomingCall, answerKeyPress } from './answers';
export { createVoiceHandlers } from './handlers';
