import { api } from '../../api/client';
import type { CampaignDetail } from '../../../../shared/ipc/channels/campaigns';
import { AudienceCountPanel } from './AudienceStep';
import { useDebouncedLoad } from './useDebouncedLoad';

/** Before launch there is nothing to track yet: who it will go to, counted now (contacts change until launch). */
export function UpcomingAudience({ campaign }: { campaign: CampaignDetail }) {
  const key = JSON.stringify(campaign.audience);
  const count = useDebouncedLoad(key, () => api.campaigns.audienceCount({ audience: campaign.audience }), 0);
  return (
    <section className="cd-upcoming cw-card" aria-label="Not sent yet">
      <h3 className="cw-card-title">Not sent yet</h3>
      <AudienceCountPanel count={count} />
      <p className="muted small">
        The audience is counted again at launch: contacts added, opted out or tagged before then are taken into account.
        Progress and each recipient’s status appear here once it is sending.
      </p>
    </section>
  );
}
