/**
 * The GSM 03.38 alphabet (3GPP TS 23.038) as carriers use it for SMS. Written with escapes where a lookalike
 * would be easy to paste by mistake (Greek capitals, not the Ohm or increment signs).
 */
export const GSM_BASIC_CHARACTERS =
  '@\u00a3$\u00a5\u00e8\u00e9\u00f9\u00ec\u00f2\u00c7\n\u00d8\u00f8\r\u00c5\u00e5' +
  '\u0394_\u03a6\u0393\u039b\u03a9\u03a0\u03a8\u03a3\u0398\u039e\u00c6\u00e6\u00df\u00c9' +
  ' !"#\u00a4%&\'()*+,-./0123456789:;<=>?' +
  '\u00a1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00c4\u00d6\u00d1\u00dc\u00a7' +
  '\u00bfabcdefghijklmnopqrstuvwxyz\u00e4\u00f6\u00f1\u00fc\u00e0';

/** Sent as an escape plus a code, so each costs two septets. */
export const GSM_EXTENSION_CHARACTERS = '\f^{}\\[~]|\u20ac';

/**
 * Septets per UTF-16 code unit: 1 basic, 2 extension, 0 not in GSM-7. A flat table because the audience
 * estimate runs this over every character of every recipient's message.
 */
const septetCost = new Uint8Array(0x10000);
for (const c of GSM_BASIC_CHARACTERS) septetCost[c.charCodeAt(0)] = 1;
for (const c of GSM_EXTENSION_CHARACTERS) septetCost[c.charCodeAt(0)] = 2;

/** Septets the UTF-16 code unit costs in GSM-7, or 0 when GSM-7 cannot carry it. */
export function gsmSeptets(codeUnit: number): number {
  return septetCost[codeUnit];
}

export function isGsmCharacter(char: string): boolean {
  return char.length === 1 && septetCost[char.charCodeAt(0)] !== 0;
}

export function isGsmExtensionCharacter(char: string): boolean {
  return char.length === 1 && septetCost[char.charCodeAt(0)] === 2;
}

/** True when every character of the text is in the GSM-7 alphabet (basic or extension). */
export function isGsmText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (septetCost[text.charCodeAt(i)] === 0) return false;
  return true;
}
