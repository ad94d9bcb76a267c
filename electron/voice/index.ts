// The public face of electron/voice/: what other domains may import from it, each name from the module that defines it.
// Other domains import only this file (eslint.config.js).
export {
  buildCall,
  callPlanSchema,
  LANGUAGE_PATTERN,
  optOutConfirmationTwiml,
  readCallPlan,
  TWIML_MAX_CHARS,
  VOICE_PATTERN,
  voiceRelayUrls,
} from './call';
export type { BuildCallInput, BuiltCall, CallPlan } from './call';
