import type { VoiceContent } from './script';

/**
 * The rules of a call's content, the same in the wizard and in the core when a campaign is saved: a script or a
 * recording (not both), a recording at an https address (Twilio fetches it), and a message short enough that the
 * whole call fits in the first minute Twilio bills (the price per call assumes it; docs/design/multi-channel.md).
 */

/** Text-to-speech reads about 150 words a minute; a digit read one by one counts as a word. */
export const SPOKEN_WORDS_PER_SECOND = 2.5;
/** The first billed minute of a call. */
export const CALL_FIRST_MINUTE_S = 60;
/**
 * Seconds the message itself may take: the first minute less what the app adds around it (the business and its
 * number, the opt-out offer, the closing with the number again — about 20 seconds).
 */
export const CALL_MESSAGE_MAX_S = 40;

/** Seconds a text takes to say; a {{placeholder}} counts as one word. */
export function spokenSeconds(text: string): number {
  const words = text
    .replace(/\{\{[^}]*\}\}/g, ' name ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return Math.round((words / SPOKEN_WORDS_PER_SECOND) * 10) / 10;
}

/** Words over the message's budget, rounded up. */
function wordsOver(seconds: number): number {
  return Math.ceil((seconds - CALL_MESSAGE_MAX_S) * SPOKEN_WORDS_PER_SECOND);
}

/**
 * What is wrong with a call's content, in the owner's words (empty when it can be called). `script` is what the
 * owner typed (with {{placeholders}}), `recordingUrl` the address of a recording.
 */
export function voiceContentProblems(content: VoiceContent | null | undefined): string[] {
  const script = content?.script?.trim() ?? '';
  const url = content?.recordingUrl?.trim() ?? '';
  if (script && url) return ['A call is a script or a recording, not both: remove one of them.'];
  if (!script && !url)
    return ['The voice channel needs its call: write the script read aloud, or give the https address of a recording.'];
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return [`The recording address "${url}" is not a web address: give it as https://…`];
    }
    if (parsed.protocol !== 'https:')
      return [`The recording must be at an https:// address, so Twilio can fetch it safely (got "${url}").`];
    return [];
  }
  const seconds = spokenSeconds(script);
  if (seconds > CALL_MESSAGE_MAX_S)
    return [
      `The script takes about ${Math.round(seconds)} seconds to say; with what the app adds the call would run past its first minute. Keep it under ${CALL_MESSAGE_MAX_S} seconds: remove about ${wordsOver(seconds)} words.`,
    ];
  return [];
}
