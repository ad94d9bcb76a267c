import { useCallback, useEffect, useRef, useState } from 'react';
import { api, onEvent } from '../../api/client';
import type { CampaignStatusView } from '../../../../shared/ipc/channels/campaigns';
import { handedOverCount } from './format';
import { addSample, ratePerMinute, type RateSample } from './send-rate';

export interface CampaignLive {
  status: CampaignStatusView | null;
  /** Messages handed to the provider per minute lately; null when not sending or too early to say. */
  rate: number | null;
  error: string | null;
  refresh(): void;
}

/**
 * A campaign's counts as they change: refreshed on every `campaign:progress` event, and polled every second while
 * it sends (events are coalesced by the core, and a quiet stretch still moves the rate), more slowly while
 * delivery receipts are still due. The rate comes from successive observations, not from the core.
 */
export function useCampaignLive(id: number): CampaignLive {
  const [status, setStatus] = useState<CampaignStatusView | null>(null);
  const [samples, setSamples] = useState<RateSample[]>([]);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);

  const refresh = useCallback(() => {
    const run = () => {
      // One request at a time; a burst of events while it runs becomes one more request, not many.
      if (inFlight.current) {
        again.current = true;
        return;
      }
      inFlight.current = true;
      api.campaigns
        .status({ id })
        .then((s) => {
          setStatus(s);
          setError(null);
          setSamples((prev) =>
            s.status === 'sending' ? addSample(prev, { at: Date.now(), handedOver: handedOverCount(s.states) }) : [],
          );
        })
        .catch((e: Error) => setError(e.message))
        .finally(() => {
          inFlight.current = false;
          if (again.current) {
            again.current = false;
            run();
          }
        });
    };
    run();
  }, [id]);

  useEffect(() => {
    setStatus(null);
    setSamples([]);
    refresh();
  }, [refresh]);

  useEffect(() => onEvent('campaign:progress', (p) => p.campaignId === id && refresh()), [id, refresh]);
  useEffect(
    () => onEvent('app:dataChanged', (p) => (p.area === 'campaigns' || p.area === 'inbox') && refresh()),
    [refresh],
  );

  const sending = status?.status === 'sending';
  const awaitingReceipts = !!status && (status.counts.sent > 0 || status.counts.sending > 0);
  const every = sending ? 1000 : awaitingReceipts ? 3000 : null;
  useEffect(() => {
    if (every === null) return;
    const timer = setInterval(refresh, every);
    return () => clearInterval(timer);
  }, [every, refresh]);

  return { status, rate: sending ? ratePerMinute(samples) : null, error, refresh };
}
