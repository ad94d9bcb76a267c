/**
 * What a reply says without what identifies anyone: phone numbers and e-mail addresses a customer typed are
 * replaced before the text leaves the desk (integrations.md: no phone numbers to Gemini).
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// Seven digits or more, with the separators people type: +1 (415) 555-0100, 415.555.0100, 4155550100.
const PHONE_LIKE = /[+(]?\d[\d\s().\-/]{5,}\d/g;

export function withoutContactDetails(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(PHONE_LIKE, (match) => (match.replace(/\D/g, '').length >= 7 ? '[number]' : match));
}
