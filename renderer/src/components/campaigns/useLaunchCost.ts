import { useEffect, useState } from 'react';
import { estimateCost } from '../../../../shared/templates';
import { api } from '../../api/client';
import { formatMoney } from './format';

/**
 * The estimated cost when the launch dialog is opened from a campaign's own page (the wizard passes its own
 * figure): the campaign's message (the longest-typical of its A/B variants) measured by the core over its first
 * tag, as the wizard measures it, times the people who would get it now. Null until known, or when it cannot be.
 */
export function useLaunchCost(campaignId: number, eligible: number | null, known: string | null): string | null {
  const [cost, setCost] = useState<string | null>(null);
  useEffect(() => {
    if (known !== null || eligible === null) return;
    let live = true;
    void (async () => {
      const c = await api.campaigns.get({ id: campaignId });
      const bodies = c.ab
        ? c.ab.variants.map((v) => v.body)
        : c.body
          ? [c.body]
          : c.templateId !== null
            ? [(await api.templates.get({ id: c.templateId })).body]
            : [];
      if (!bodies.length) return;
      const tag = c.audience.tags?.[0];
      const measures = await Promise.all(
        bodies.map((body) => api.templates.measure({ body, ...(tag ? { tag } : {}) })),
      );
      const typical = Math.max(1, ...measures.map((m) => m.segments.typical));
      const estimate = estimateCost({ typical, totalSegments: typical * eligible }, measures[0].cost.pricePerSegment);
      if (live) setCost(`≈ ${formatMoney(estimate.total)}`);
    })().catch(() => undefined); // the dialog still works without an estimate: it shows "—"
    return () => {
      live = false;
    };
  }, [campaignId, eligible, known]);
  return known ?? cost;
}
