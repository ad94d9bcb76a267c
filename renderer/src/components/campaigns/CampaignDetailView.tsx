import { SeriesPanel } from '../calendar/SeriesPanel';
import { useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { CampaignDetail } from '../../../../shared/ipc/channels/campaigns';
import { Badge, Banner, ErrorBanner, Loading } from '../ui';
import { CampaignSummary } from './CampaignSummary';
import { LaunchDialog } from './LaunchDialog';
import { Button, ConfirmDialog } from '../ui';
import { MissedSchedulePrompt } from './MissedSchedulePrompt';
import { RecipientTable, type MessageFilter } from './RecipientTable';
import { SendingProgress } from './SendingProgress';
import { QuietHoursWait } from './QuietHoursWait';
import { UpcomingAudience } from './UpcomingAudience';
import { STATUS_LABEL, STATUS_TONE, formatTime, plural } from './format';
import { inBusinessWords } from './business-time';
import { useCampaignLive } from './useCampaignLive';
import { openResults } from '../analytics/navigation';
import './campaigns.css';
import { settingText } from '../../api/setting-text';

export interface DetailProps {
  id: number;
  onBack(): void;
  /** Open the wizard on this campaign (a draft or a scheduled one), at a step. */
  onEdit(campaign: CampaignDetail, step: number): void;
  /** Show another campaign (a copy just made), with a sentence about how it got there. */
  onOpen(id: number, notice?: string): void;
  notice?: string;
}

/** One campaign: the live sending view, its controls, and what it is. */
export function CampaignDetailView({ id, onBack, onEdit, onOpen, notice: initialNotice }: DetailProps) {
  const detail = useQuery(() => api.campaigns.get({ id }), [id], ['campaigns']);
  const zone = settingText(
    useQuery(() => api.settings.get({ key: 'business.timezone' }), [], ['settings']).data?.value,
    'America/New_York',
  );
  const live = useCampaignLive(id);
  const [filter, setFilter] = useState<MessageFilter | ''>('');
  const [offset, setOffset] = useState(0);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(initialNotice ?? null);
  const [error, setError] = useState<string | null>(null);
  const [launchOpen, setLaunchOpen] = useState(false);

  const c = detail.data;
  if (!c) {
    return (
      <section className="page campaigns-page">
        <Button className="cw-back" onClick={onBack}>
          ← Campaigns
        </Button>
        <ErrorBanner message={detail.error} />
        {!detail.error && <Loading />}
      </section>
    );
  }

  const status = live.status?.status ?? c.status;
  const act = async (what: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    try {
      setNotice(await what());
    } catch (e) {
      setNotice(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
      live.refresh();
      detail.reload();
    }
  };

  const launch = (confirmLate: boolean) =>
    act(async () => {
      const s = await api.campaigns.launch({ id, confirmLate });
      return s.status === 'scheduled' && s.scheduledAt
        ? `Scheduled for ${inBusinessWords(s.scheduledAt, zone)}.`
        : null;
    });
  const pause = () =>
    act(
      async () => (
        await api.campaigns.pause({ id }),
        'Paused. Messages already with the provider still finish; nothing new is sent.'
      ),
    );
  const resume = () => act(async () => (await api.campaigns.resume({ id }), null));
  const cancel = () =>
    act(async () => {
      setConfirmCancel(false);
      const s = await api.campaigns.cancel({ id });
      return `Cancelled. ${plural(s.counts.skipped, 'message')} will not be sent.`;
    });
  const duplicate = () =>
    act(async () => {
      const copy = await api.campaigns.duplicate({ id });
      onOpen(copy.id, `This is a copy of “${c.name}”: a draft you can edit and launch.`);
      return null;
    });
  const archive = (archived: boolean) =>
    act(
      async () => (
        await api.campaigns.archive({ id, archived }),
        archived ? 'Archived: hidden from the campaign list, kept for reports.' : 'Back in the campaign list.'
      ),
    );

  const missed = status === 'scheduled' && c.scheduleMissedAt !== null;
  const launchDialog = launchOpen && (
    <LaunchDialog
      campaignId={id}
      cost={null}
      zone={zone}
      onClose={() => setLaunchOpen(false)}
      onLaunched={() => {
        setLaunchOpen(false);
        live.refresh();
        detail.reload();
      }}
      onFixMessage={() => {
        setLaunchOpen(false);
        onEdit(c, 1);
      }}
    />
  );
  const editable = status === 'draft' || status === 'scheduled';
  const finished = status === 'completed' || status === 'cancelled';
  const waiting = live.status?.counts.queued ?? 0;

  return (
    <section className="page campaigns-page cd-page">
      <Button className="cw-back" onClick={onBack}>
        ← Campaigns
      </Button>
      <header className="page-header cd-header">
        <div>
          <h1>{c.name}</h1>
          <p className="cd-meta">
            <Badge tone={STATUS_TONE[status]}>
              <span data-testid="campaign-status">{STATUS_LABEL[status]}</span>
            </Badge>
            {c.archived && <Badge>Archived</Badge>}
            {c.ab && <Badge tone="info">A/B test</Badge>}
            <span className="muted small">
              {status === 'scheduled' && c.scheduledAt && !missed
                ? `Goes out ${inBusinessWords(c.scheduledAt, zone)}`
                : `Created ${formatTime(c.createdAt)}`}
            </span>
          </p>
        </div>
        <div className="actions">
          {status === 'draft' && (
            <Button disabled={busy} onClick={() => setLaunchOpen(true)}>
              {c.schedule.mode === 'now' ? 'Launch' : 'Schedule'}
            </Button>
          )}
          {editable && (
            <Button variant="secondary" disabled={busy} onClick={() => onEdit(c, 0)}>
              Edit
            </Button>
          )}
          {status === 'sending' && (
            <Button variant="secondary" disabled={busy} onClick={() => void pause()}>
              Pause
            </Button>
          )}
          {status === 'paused' && (
            <Button disabled={busy} onClick={() => void resume()}>
              Resume
            </Button>
          )}
          {!finished && status !== 'draft' && (
            <Button variant="secondary" className="cd-danger" disabled={busy} onClick={() => setConfirmCancel(true)}>
              Cancel campaign
            </Button>
          )}
          {!editable && (
            <Button variant="secondary" onClick={() => openResults(id)}>
              Results
            </Button>
          )}
          <Button variant="secondary" disabled={busy} onClick={() => void duplicate()}>
            Duplicate
          </Button>
          {(finished || status === 'draft' || status === 'paused' || c.archived) && (
            <Button variant="secondary" disabled={busy} onClick={() => void archive(!c.archived)}>
              {c.archived ? 'Unarchive' : 'Archive'}
            </Button>
          )}
        </div>
      </header>

      <ErrorBanner message={error ?? live.error} />
      {notice && <Banner tone="success">{notice}</Banner>}
      {c.lastError && status === 'paused' && (
        <Banner tone="warn" role="alert">
          <strong>Sending stopped:</strong> {c.lastError}
        </Banner>
      )}
      {missed && (
        <MissedSchedulePrompt
          scheduledAt={c.scheduledAt}
          zone={zone}
          now={new Date()}
          busy={busy}
          onSendNow={() => void launch(true)}
          onEdit={() => onEdit(c, 2)}
          onCancel={() => setConfirmCancel(true)}
        />
      )}

      <div className="cd-layout">
        <div className="cd-main">
          <SeriesPanel id={id} status={status} zone={zone} onOpen={onOpen} />
          {!live.status ? (
            <Loading />
          ) : live.status.audience === 0 && (status === 'draft' || status === 'scheduled') ? (
            <UpcomingAudience campaign={c} />
          ) : (
            <>
              {status === 'sending' && <QuietHoursWait status={live.status} now={new Date()} />}
              <SendingProgress
                status={live.status}
                rate={live.rate}
                onShow={(s) => {
                  setFilter(s === 'failed' && !live.status?.states.failed ? 'undelivered' : s);
                  setOffset(0);
                }}
              />
              <RecipientTable
                campaignId={id}
                states={live.status.states}
                filter={filter}
                offset={offset}
                onFilter={setFilter}
                onOffset={setOffset}
              />
            </>
          )}
        </div>
        <CampaignSummary campaign={c} zone={zone} />
      </div>

      {confirmCancel && (
        <ConfirmDialog
          title="Cancel this campaign?"
          confirmLabel="Cancel campaign"
          cancelLabel="Keep it"
          danger
          busy={busy}
          onConfirm={() => void cancel()}
          onClose={() => setConfirmCancel(false)}
        >
          <p>
            {waiting > 0
              ? `${plural(waiting, 'message')} not yet handed to the provider will be skipped.`
              : 'Nothing will be sent from it any more.'}{' '}
            Messages already sent stay sent. This cannot be undone — to send it again later, duplicate it.
          </p>
        </ConfirmDialog>
      )}
      {launchDialog}
    </section>
  );
}
