/**
 * Terminal escape sequences: CSI (`ESC [ … final`, e.g. clear screen `ESC [2J`), OSC (`ESC ] … BEL|ESC \`, e.g. a
 * window title or a hyperlink), DCS/SOS/PM/APC strings (`ESC P|X|^|_ … ESC \`), two-byte escapes, and the 8-bit CSI.
 */

const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex -- matching terminal escape sequences is the point
  /\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[ -/]*[0-~]?)|\x9b[0-?]*[ -/]*[@-~]?/g;
/** What is left that a terminal acts on rather than shows: C0 (bar tab and newline), DEL, C1, and the bidi embeddings, overrides and isolates that reorder what follows (a "Trojan source" line). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text the CLI prints, made safe for a terminal: file contents (a CSV header, a contact's name, a file name) reach
 * the output, and a header of `ESC [2J` must not clear the owner's screen nor a name rewrite the line before it.
 * Escape sequences are removed whole (an unterminated string sequence loses only its introducer, so the text after
 * it still shows); any other control character is removed. `--json` output needs none of this:
 * JSON escapes control characters itself.
 */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}
