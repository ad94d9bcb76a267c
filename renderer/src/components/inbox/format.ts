import type { ThreadMessage } from '../../../../shared/ipc/channels/inbox';

type Outbound = Extract<ThreadMessage, { direction: 'out' }>;

/** "AR" for Ana Reyes, "12" for a number with no name. */
export function initials(name: string | null, phone: string): string {
  if (name) {
    const parts = name.trim().split(/\s+/);
    return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1][0] ?? '') : '')).toUpperCase();
  }
  return phone.replace(/\D/g, '').slice(-2);
}

/** The time alone for today, the weekday within a week, else the date: the way phones list conversations. */
export function shortWhen(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const sameDay = d.toDateString() === now.toDateString();
  if (sameDay) return d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  const days = (now.getTime() - d.getTime()) / 86_400_000;
  if (days < 6) return d.toLocaleDateString(undefined, { weekday: 'short' });
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

export function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
}

export function dayOf(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  });
}

/** What our message is, above the bubble. */
export function outboundLabel(m: Outbound): string | null {
  if (m.kind === 'campaign') return m.campaignName ? `Campaign · ${m.campaignName}` : 'Campaign';
  if (m.kind === 'confirmation') return 'Automatic confirmation';
  if (m.kind === 'test') return m.campaignName ? `Test · ${m.campaignName}` : 'Test';
  if (m.kind === 'help') return 'Automatic HELP answer';
  return null;
}

/** Where our message is, under the bubble, in the owner's words. */
export function outboundStatus(m: Outbound): { text: string; tone: 'muted' | 'good' | 'warn' | 'bad' } {
  switch (m.state) {
    case 'delivered':
      return { text: `Delivered · ${timeOf(m.at)}`, tone: 'good' };
    case 'sent':
      return { text: `Sent · ${timeOf(m.at)}`, tone: 'muted' };
    case 'sending':
      return { text: 'Sending…', tone: 'muted' };
    case 'queued':
    case 'retry_wait':
      if (m.nextAttemptAt && Date.parse(m.nextAttemptAt) > Date.now() + 30_000) {
        return {
          text: `Waiting — goes out ${new Date(m.nextAttemptAt).toLocaleString(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' })}${m.errorMessage ? ` (${m.errorMessage})` : ''}`,
          tone: 'warn',
        };
      }
      return { text: m.state === 'retry_wait' ? 'Retrying…' : 'Waiting to send…', tone: 'muted' };
    case 'failed':
    case 'undelivered':
      return { text: `Not delivered${m.errorMessage ? `: ${m.errorMessage}` : ''}`, tone: 'bad' };
    case 'skipped':
      return { text: `Not sent${m.errorMessage ? `: ${m.errorMessage}` : ''}`, tone: 'warn' };
    case 'unknown':
      return { text: 'Unknown — the provider may or may not have it; reconciliation will check', tone: 'warn' };
    default:
      return { text: m.state, tone: 'muted' };
  }
}
