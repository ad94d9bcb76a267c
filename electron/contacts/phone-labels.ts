// Apart from phone.ts so that reading a vCard (in the import worker) does not load libphonenumber's metadata.
const MOBILE_LABEL = /\b(mobile|cell|cellular|iphone|handy|móvil|movil|portable|celular|sms|text|mobil)\b/i;

/** A label such as Google's "Mobile", Outlook's "Mobile Phone" or vCard's TYPE=CELL says the number takes texts. */
export function labelSaysMobile(label: string | null | undefined): boolean {
  return !!label && MOBILE_LABEL.test(label);
}
