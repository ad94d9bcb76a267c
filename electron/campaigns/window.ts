import type { QuietHoursPolicy } from '../../shared/campaigns';
import type { WindowCheck } from './dispatch/dispatcher';
import { sendWindowCheck } from './quiet-hours/quietHours';

/** The dispatcher's view of quiet hours: the recipient's zone(s) from the number, federal + state + owner rules. */
export function createWindowCheck(businessZone: () => string): WindowCheck {
  return (phone: string, at: Date, policy: QuietHoursPolicy) => {
    const r = sendWindowCheck({ phone, at, policy, businessZone: businessZone() });
    return {
      allowed: r.allowed,
      nextAllowedAt: r.nextAllowedAt ?? null,
      reason: r.reason,
      maxPer24h: r.maxPerSubjectPer24h,
    };
  };
}
