/** A setting's value (JSON, typed unknown on the wire) as text, or the fallback when it is not set. */
export function settingText(value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
