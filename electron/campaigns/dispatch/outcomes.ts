import type { SendOutcome } from '../../providers';
import { unclaim, type OutboxItem } from './claim';
import { completeIfDone, recordOutcome, type RecordDeps } from './record';
import { transaction } from '../../db/transaction';

interface Pending {
  item: OutboxItem;
  outcome: SendOutcome | null;
  done: () => void;
}

/**
 * Group commit for send outcomes: every outcome that arrives within one turn of the event loop is written in a
 * single transaction. With synchronous=FULL a commit costs an fsync (~1–2 ms here), so one per message would cap
 * sending at a few hundred per second. A crash before the flush leaves the rows in `sending` → `unknown`: safe.
 */
export function createOutcomeWriter(
  deps: RecordDeps & {
    onCampaignTouched: (campaignId: number, completed: boolean) => void;
    /**
     * Runs inside the flush's transaction, after the outcomes: claims the next messages so their `sending` is
     * committed together with the outcomes. Returns what starts their sends, called only once that commit succeeded.
     */
    claimInSameCommit?: () => (() => void) | undefined;
  },
) {
  const { db } = deps;
  let queue: Pending[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (!batch.length) return;
    const touched = new Map<number, boolean>();
    let startClaimed: (() => void) | undefined;
    try {
      startClaimed = transaction(
        db,
        () => {
          const nowIso = deps.now().toISOString();
          for (const p of batch) {
            if (p.outcome === null) unclaim(db, p.item.id, p.item.state, nowIso);
            else recordOutcome(deps, p.item, p.item.attempts + 1, p.outcome);
            if (p.item.campaignId !== null) touched.set(p.item.campaignId, false);
          }
          for (const id of touched.keys()) touched.set(id, completeIfDone(db, id, nowIso));
          return deps.claimInSameCommit?.();
        },
        { immediate: true },
      );
    } finally {
      for (const p of batch) p.done();
    }
    startClaimed?.();
    for (const [id, completed] of touched) deps.onCampaignTouched(id, completed);
  }

  return {
    /** Resolves once the outcome is durably written. `null` = no request was made: put the message back. */
    write(item: OutboxItem, outcome: SendOutcome | null): Promise<void> {
      return new Promise((resolve) => {
        queue.push({ item, outcome, done: resolve });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flushNow: flush,
  };
}
