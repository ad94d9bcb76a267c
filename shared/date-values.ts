/**
 * Dates as contact files hold them ("1990-03-05", "03/05/1990", "3/5/90", "March 5, 1990", "5 Mar 1990",
 * "03/05" without a year), read into YYYY-MM-DD — year 0000 when the file gives none, so a birthday can still be
 * matched by month and day. Slashes read month first, as US files write them. Impossible dates are not dates.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function real(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1) return null;
  const leap = y === 0 || (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const len = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  if (d > len) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A two-digit year: 30–99 are the 1900s, 00–29 the 2000s (birthdays are mostly in the past). */
const fullYear = (y: string) => (y.length === 2 ? (Number(y) >= 30 ? 1900 : 2000) + Number(y) : Number(y));
const monthNamed = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

export function parseDateValue(text: string): string | null {
  const t = text.trim().replace(/\s+/g, ' ');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(t);
  if (m) return real(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2}|\d{4}))?$/.exec(t);
  if (m) return real(m[3] ? fullYear(m[3]) : 0, +m[1], +m[2]);
  m = /^([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,?(?: (\d{4}))?$/.exec(t);
  if (m && monthNamed(m[1])) return real(m[3] ? +m[3] : 0, monthNamed(m[1]), +m[2]);
  m = /^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9})\.?,?(?: (\d{4}))?$/.exec(t);
  if (m && monthNamed(m[2])) return real(m[3] ? +m[3] : 0, monthNamed(m[2]), +m[1]);
  return null;
}

/** Columns whose values are dates: birthdays and anniversaries, by the names contact exports give them. */
export function isDateColumn(header: string): boolean {
  return /^(birthday|birth ?date|date of birth|dob|anniversary|wedding anniversary|.*\bbirthday|.*\banniversary)$/i.test(
    header.trim(),
  );
}
