import { useState } from 'react';
import { useApp } from '../store/app';
import type { CampaignDetail } from '../../../shared/ipc/channels/campaigns';
import { CampaignList } from '../components/campaigns/CampaignList';
import { CampaignWizard } from '../components/campaigns/CampaignWizard';
import { CampaignDetailView } from '../components/campaigns/CampaignDetailView';
import { usePageAction } from '../store/actions';

type View =
  | { kind: 'list' }
  | { kind: 'new' }
  | { kind: 'edit'; campaign: CampaignDetail; step: number }
  | { kind: 'detail'; id: number; notice?: string };

/** Campaigns: the list, the wizard that creates or edits one, and the live view of one campaign. */
export function CampaignsPage() {
  // Opened from another page (the calendar): straight to that campaign.
  const [view, setView] = useState<View>(() => {
    const id = useApp.getState().campaignToOpen;
    useApp.setState({ campaignToOpen: null });
    return id ? { kind: 'detail', id } : { kind: 'list' };
  });
  const list = () => setView({ kind: 'list' });
  const open = (id: number, notice?: string) => setView({ kind: 'detail', id, notice });
  usePageAction('campaigns.new', () => setView({ kind: 'new' }));

  if (view.kind === 'new' || view.kind === 'edit') {
    const editing = view.kind === 'edit' ? view.campaign : undefined;
    return (
      <CampaignWizard
        key={editing ? `edit-${editing.id}` : 'new'}
        initial={editing}
        startStep={view.kind === 'edit' ? view.step : 0}
        onClose={() => (editing ? open(editing.id) : list())}
        onDone={(id, launched) => open(id, launched ? undefined : 'Saved as a draft. Launch it when you are ready.')}
      />
    );
  }
  if (view.kind === 'detail') {
    return (
      <CampaignDetailView
        key={`${view.id}-${view.notice ?? ''}`}
        id={view.id}
        notice={view.notice}
        onBack={list}
        onOpen={open}
        onEdit={(campaign, step) => setView({ kind: 'edit', campaign, step })}
      />
    );
  }
  return <CampaignList onNew={() => setView({ kind: 'new' })} onOpen={(id) => open(id)} />;
}
