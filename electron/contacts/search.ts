import { normalisePhoneUncached } from './phone';

/**
 * What a search box text means. Phone-like text (digits and formatting only) looks in the phone number's
 * digits, read the way the owner would: "(415) 555-0100" and "415.555.0100" both find +14155550100, and a full
 * national number such as "07911 123456" is read with the default country. Other text of three characters or more
 * is looked for anywhere in the name and the email; one or two characters match the start of a first name,
 * last name or email.
 */
export type SearchPlan =
  /**
   * FTS5 MATCH expression over contact_search, plus the same test as LIKE patterns for not yet indexed rows;
   * `email` (a LIKE pattern) must also hold when the index was asked for less than the whole text.
   */
  | { kind: 'match'; match: string; like: { column: 'text' | 'phone'; patterns: string[] }; email?: string }
  /** one or two characters: the start of first name, last name or email */
  | { kind: 'prefix'; prefix: string };

const PHONE_LIKE = /^[\d\s().+\-/\u00a0]+$/;

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export function planSearch(input: string, defaultCountry: string): SearchPlan | null {
  const text = input.trim();
  if (!text) return null;
  const digits = text.replace(/\D/g, '');
  if (PHONE_LIKE.test(text) && digits.length >= 3) {
    const d = phoneDigits(text, digits, defaultCountry);
    return { kind: 'match', match: `phone : ${quote(d)}`, like: { column: 'phone', patterns: [`%${d}%`] } };
  }
  if ([...text].length < 3) return { kind: 'prefix', prefix: text };
  // An email address: its domain (gmail.com…) is shared by a third of all contacts and makes the index slow, so
  // the index is asked for the part before the @ and the whole address is checked on the rows it finds.
  const at = text.indexOf('@');
  if (at >= 3 && !/\s/.test(text) && at < text.length - 1) {
    const pattern = `%${likeEscape(text)}%`;
    return {
      kind: 'match',
      match: `email : ${quote(text.slice(0, at + 1))}`,
      like: { column: 'text', patterns: [pattern] },
      email: pattern,
    };
  }
  const words = text.split(/\s+/);
  // Every word long enough for the index: all of them, in any order ("smith ana"); otherwise the text as typed.
  const terms = words.every((w) => [...w].length >= 3) ? words : [text];
  return {
    kind: 'match',
    match: terms.map((t) => `{name email} : ${quote(t)}`).join(' AND '),
    like: { column: 'text', patterns: terms.map((t) => `%${likeEscape(t)}%`) },
  };
}

/** The digits to look for in E.164 numbers stored without their +. */
function phoneDigits(text: string, digits: string, defaultCountry: string): string {
  if (digits.length >= 7) {
    const parsed = normalisePhoneUncached(text, defaultCountry);
    if (parsed.ok) return parsed.e164.slice(1);
    // A national number fragment with its trunk prefix ("07911 12…"): the 0 is not part of the stored number.
    if (!text.startsWith('+')) return digits.replace(/^0+/, '');
  }
  return digits;
}
