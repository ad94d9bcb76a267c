import type { QuietHoursWait } from '../../../../shared/ipc/channels/campaigns';
import { clockWithZone, otherDay, wallClock } from '../../time';
import { listInWords } from './format';

/** "Thu 8:00 AM EST, 1:00 PM UTC": a send instant where the recipient is, and in UTC. */
export function sendInstantInWords(at: string, zone: string, now: Date): string {
  const day = otherDay(at, zone, now);
  const local = `${day ? `${day} ` : ''}${clockWithZone(at, zone)}`;
  return zone === 'UTC' || zone === 'Etc/UTC' ? local : `${local}, ${clockWithZone(at, 'UTC')}`;
}

/**
 * "All 12 wait for 8:00 AM in their time zone (first send 8:00 AM EST, 1:00 PM UTC)." — why a sending campaign is
 * not sending: its messages are held until the recipients' sending hours open.
 */
export function quietHoursWaitInWords(wait: QuietHoursWait, queued: number, now: Date): string | null {
  const first = wait.groups[0];
  if (!first || wait.waiting === 0) return null;
  const n = wait.waiting;
  const subject =
    n === queued
      ? n === 1
        ? 'The one message left waits'
        : `All ${n.toLocaleString()} wait`
      : `${n.toLocaleString()} of ${queued.toLocaleString()} waiting ${n === 1 ? 'waits' : 'wait'}`;
  const times = [...new Set(wait.groups.map((g) => wallClock(g.at, g.zone)))];
  const when =
    times.length === 1
      ? `${times[0]} in their time zone`
      : `${listInWords(times.slice(0, 4), 'or')} in their time zones`;
  return `${subject} for ${when} (first send ${sendInstantInWords(first.at, first.zone, now)}).`;
}
