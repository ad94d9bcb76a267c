import { z } from 'zod';
import { channel } from '../define';

/** Everything of a call that comes from the settings, for the wizard's "what they hear" and its test call. */
export interface CallSetup {
  /** `voice.provider`: calls through Twilio, or simulated by the Sandbox. */
  provider: 'sandbox' | 'twilio';
  /** The name said at the start of every call (voice.businessName, else business.name). */
  businessName: string;
  /** The number said at the start and on voicemail (voice.callbackNumber, else twilio.from), E.164 or ''. */
  callbackNumber: string;
  optOutDigit: string;
  /** The text-to-speech voice and language (Twilio's names). */
  voice: string;
  language: string;
  /** What keeps calls from being placed at all (no business name, no callback number…), in words. */
  problems: string[];
  /** The owner's phone a test call rings (the first of business.testPhones, E.164), or null. */
  testNumber: string | null;
  /** Why "Call my phone" cannot ring now (Twilio not set up, no test number…), or null. */
  testCallProblem: string | null;
}

/** One test call placed to the owner's phone, outside any campaign. */
export interface TestCallResult {
  /** The number called (E.164). */
  to: string;
  /** Twilio's CallSid. */
  callSid: string;
  /** The call as text, in the order it is said. */
  body: string;
}

const voiceContent = {
  script: z.string().max(3000, 'keep the script under 3,000 characters').optional(),
  recordingUrl: z.string().trim().max(2000).optional(),
};

export const voiceChannels = {
  'voice:callSetup': channel<CallSetup>()(z.object({}).strict()),
  /** Rings the owner's phone (business.testPhones) with the call as built, through Twilio; never a campaign's send. */
  'voice:testCall': channel<TestCallResult>()(z.object(voiceContent).strict()),
};
