import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { CampaignDetail } from '../../../../shared/ipc/channels/campaigns';
import { audienceInWords, quietHoursInWords, scheduleInWords } from './describe';
import { PROVIDER_LABEL, formatTime } from './format';
import { wizardFromCampaign } from './wizard-state';
import { SmsBubble } from './WizardParts';

/** What the campaign is, in words: the same sentences the wizard's review used. */
export function CampaignSummary({ campaign, zone }: { campaign: CampaignDetail; zone: string }) {
  const template = useQuery(
    () => (campaign.templateId ? api.templates.get({ id: campaign.templateId }) : Promise.resolve(null)),
    [campaign.templateId],
    ['templates'],
  ).data;
  const words = wizardFromCampaign(campaign, zone, new Date());
  const body = campaign.body ?? template?.body ?? '';
  return (
    <aside className="cd-summary cw-card" aria-label="Campaign details">
      <h2>Details</h2>
      <dl>
        <dt>Audience</dt>
        <dd>{audienceInWords(words)}</dd>
        <dt>Message</dt>
        <dd>
          {template && (
            <p className="muted small">
              Template “{template.name}”{campaign.body ? '' : ' (as it is when the campaign launches)'}
            </p>
          )}
          {campaign.ab ? <p>A/B test with {campaign.ab.variants.length} variants.</p> : <SmsBubble text={body} />}
        </dd>
        <dt>Schedule</dt>
        <dd>{campaign.launchedAt ? `Launched ${formatTime(campaign.launchedAt)}.` : scheduleInWords(words, zone)}</dd>
        <dt>Quiet hours</dt>
        <dd>{quietHoursInWords(words)}</dd>
        <dt>Provider</dt>
        <dd>{PROVIDER_LABEL[campaign.provider]}</dd>
        <dt>Created</dt>
        <dd>{formatTime(campaign.createdAt)}</dd>
        {campaign.completedAt && (
          <>
            <dt>{campaign.status === 'cancelled' ? 'Cancelled' : 'Finished'}</dt>
            <dd>{formatTime(campaign.completedAt)}</dd>
          </>
        )}
      </dl>
    </aside>
  );
}
