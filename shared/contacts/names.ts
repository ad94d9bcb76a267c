/**
 * Control characters (C0, DEL, C1) and the bidirectional embedding, override and isolate marks (U+202A–202E,
 * U+2066–2069) have no place in a name: a file or a form can use them to hide text, reverse how a name reads
 * ("‮gnp.exe") or break the layout of every list that shows it. Line breaks and tabs become spaces; the rest goes.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const BREAKS = /[\t\n\r]+/g;
// eslint-disable-next-line no-control-regex
const ANY_INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A name as it may be stored: no control or bidi-override characters, spaces collapsed where they were removed. */
export function cleanName(name: string): string {
  // Trimmed first, so that a name and the same name with outer whitespace clean to the same text.
  const trimmed = name.trim();
  if (!ANY_INVISIBLE.test(trimmed)) return trimmed;
  return trimmed.replace(BREAKS, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
}
