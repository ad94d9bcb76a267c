/** Words and numbers as the contacts screens show them. */

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

export function fullName(c: { firstName: string | null; lastName: string | null }): string {
  return [c.firstName, c.lastName].filter(Boolean).join(' ');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// One formatter each: toLocaleDateString builds a new one per call, too slow for a table scrolling 50 rows a frame.
const DAY = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const MOMENT = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

export function formatDay(iso: string | null): string {
  if (!iso) return '—';
  return DAY.format(new Date(iso));
}

/** Initials for the avatar circle: "Zoë Martínez" → "ZM"; a number alone → "#". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return '#';
  return parts
    .slice(0, 2)
    .map((p) => p[0].toUpperCase())
    .join('');
}

export function formatWhenShort(iso: string): string {
  return MOMENT.format(new Date(iso));
}

type Tone = 'neutral' | 'good' | 'warn' | 'bad' | 'info';

/** An outbound text's state in the owner's words. */
export function messageState(state: string): { text: string; tone: Tone } {
  switch (state) {
    case 'delivered':
      return { text: 'Delivered', tone: 'good' };
    case 'sent':
      return { text: 'Sent', tone: 'info' };
    case 'sending':
      return { text: 'Sending', tone: 'neutral' };
    case 'queued':
      return { text: 'Waiting to send', tone: 'neutral' };
    case 'retry_wait':
      return { text: 'Retrying', tone: 'warn' };
    case 'held':
      return { text: 'Held for A/B winner', tone: 'neutral' };
    case 'failed':
    case 'undelivered':
      return { text: 'Not delivered', tone: 'bad' };
    case 'skipped':
      return { text: 'Not sent', tone: 'warn' };
    case 'unknown':
      return { text: 'Unknown', tone: 'warn' };
    default:
      return { text: state, tone: 'neutral' };
  }
}

const CONSENT_SOURCES: Record<string, string> = {
  keyword: 'Replied with a keyword',
  manual: 'Changed by you',
  provider: 'Reported by the provider',
  import: 'Import file',
  reconciliation: 'Found by reconciliation',
  inbound: 'Wrote in',
};

export function consentSource(source: string): string {
  return CONSENT_SOURCES[source] ?? source;
}
