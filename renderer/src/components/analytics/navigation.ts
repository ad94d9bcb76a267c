import { useSyncExternalStore } from 'react';

/** The results page lives at "#/results/<campaign id>", so the A/B report, the campaign list and detail can link to it. */
export function openResults(campaignId: number): void {
  window.location.hash = `/results/${campaignId}`;
}

export function resultsIdFromHash(): number | null {
  const m = /^#\/?results\/(\d+)/.exec(window.location.hash);
  return m ? Number(m[1]) : null;
}

/** The campaign the results page shows, following the address as it changes. */
export function useResultsId(): number | null {
  return useSyncExternalStore((cb) => {
    window.addEventListener('hashchange', cb);
    return () => window.removeEventListener('hashchange', cb);
  }, resultsIdFromHash);
}
