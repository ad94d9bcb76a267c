// What Twilio accepts for a call's voice and language (settings and the call builder check the same thing).

/** Twilio's built-in voices, Amazon Polly and Google voices (e.g. "Polly.Joanna", "Google.en-US-Neural2-C"). */
export const VOICE_PATTERN = /^(alice|man|woman|(Polly|Google)\.[A-Za-z0-9-]{2,60})$/;
/** A BCP 47 language with its region, as TwiML's `language` takes it (en-US, es-MX, fr-CA). */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}-[A-Z]{2}$/;
