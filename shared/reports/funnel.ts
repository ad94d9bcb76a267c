import { rate } from '../analytics';
import type { FunnelStep, PeriodFigures } from '../ipc/channels/analytics';

/** The funnel sent → delivered → clicked → replied → converted, of a campaign (its results page) or of a period (reports). */
export function periodFunnel(
  f: Pick<PeriodFigures, 'sent' | 'delivered' | 'clicked' | 'replied' | 'converted'>,
): FunnelStep[] {
  return [
    { step: 'sent', label: 'Sent', count: f.sent, ofPrevious: null },
    { step: 'delivered', label: 'Delivered', count: f.delivered, ofPrevious: rate(f.delivered, f.sent) },
    { step: 'clicked', label: 'Clicked', count: f.clicked, ofPrevious: rate(f.clicked, f.delivered) },
    { step: 'replied', label: 'Replied', count: f.replied, ofPrevious: rate(f.replied, f.delivered) },
    { step: 'converted', label: 'Converted', count: f.converted, ofPrevious: rate(f.converted, f.delivered) },
  ];
}

/** "of sent" for delivered, "of delivered" for the rest: what a funnel step's share is taken of. */
export function funnelBase(step: FunnelStep['step']): string | null {
  return step === 'sent' ? null : step === 'delivered' ? 'sent' : 'delivered';
}
