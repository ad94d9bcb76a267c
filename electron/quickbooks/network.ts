/** fetch's "fetch failed" hides the reason (refused, reset, timed out) in its cause. */
export function networkReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause : null;
  const code = cause && 'code' in cause ? String(cause.code) : null;
  return cause ? `${err.message} (${code ?? cause.message})` : err.message;
}
