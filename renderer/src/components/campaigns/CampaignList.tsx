import { useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { CampaignRow } from '../../../../shared/types/domain';
import { Checkbox, Button, Banner, EmptyState, ErrorBanner, Loading, PageHeader } from '../ui';
import { CampaignTable } from './CampaignTable';
import { plural } from './format';
import { Icon } from '../icons';
import './campaigns.css';

/**
 * Campaigns, newest first. The list channel says nothing about archiving, so both lists are loaded and the
 * difference is what is archived: archived campaigns stay countable for reports and can be shown on demand.
 */
export function CampaignList({ onNew, onOpen }: { onNew(): void; onOpen(id: number): void }) {
  const [showArchived, setShowArchived] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = useQuery(
    async () => {
      const [all, active] = await Promise.all([
        api.campaigns.list({ includeArchived: true }),
        api.campaigns.list({ includeArchived: false }),
      ]);
      const activeIds = new Set(active.map((c) => c.id));
      return { all, active, archivedIds: new Set(all.filter((c) => !activeIds.has(c.id)).map((c) => c.id)) };
    },
    [],
    ['campaigns'],
  );

  const run = async (what: () => Promise<string>) => {
    setError(null);
    try {
      setNotice(await what());
    } catch (e) {
      setNotice(null);
      setError((e as Error).message);
    }
  };
  const duplicate = (c: CampaignRow) =>
    run(async () => {
      const copy = await api.campaigns.duplicate({ id: c.id });
      return `Copied “${c.name}” as “${copy.name}”, a draft you can edit.`;
    });
  const archive = (c: CampaignRow, archived: boolean) =>
    run(async () => {
      await api.campaigns.archive({ id: c.id, archived });
      return archived
        ? `Archived “${c.name}”: hidden from lists, kept for reports.`
        : `“${c.name}” is back in the list.`;
    });

  const data = q.data;
  const rows = data ? (showArchived ? data.all : data.active) : [];
  const archivedCount = data?.archivedIds.size ?? 0;
  const newButton = <Button onClick={onNew}>+ New campaign</Button>;

  return (
    <section className="page campaigns-page">
      <PageHeader
        title="Campaigns"
        subtitle="Send a message to an audience, at an hour the law allows, exactly once."
        actions={data && data.all.length > 0 ? newButton : undefined}
      />
      <ErrorBanner message={q.error ?? error} />
      {notice && <Banner tone="success">{notice}</Banner>}
      {q.loading && !data ? (
        <Loading />
      ) : !data || data.all.length === 0 ? (
        <EmptyState title="No campaigns yet" icon="campaigns">
          <p>
            Pick an audience, write a message, and schedule it. The built-in Sandbox lets you try it with no account.
          </p>
          {newButton}
        </EmptyState>
      ) : (
        <>
          <div className="cl-toolbar">
            <span className="muted small">
              {plural(data.active.length, 'campaign')}
              {archivedCount > 0 && ` · ${archivedCount.toLocaleString()} archived`}
            </span>
            <Checkbox
              quiet
              label="Show archived"
              checked={showArchived}
              onChange={(e) => setShowArchived(e.target.checked)}
            />
          </div>
          {rows.length === 0 ? (
            <EmptyState title="Every campaign is archived" icon="campaigns">
              Tick “Show archived” to see them, or start a new one.
            </EmptyState>
          ) : (
            <CampaignTable
              rows={rows}
              archivedIds={data.archivedIds}
              onOpen={onOpen}
              actions={(c, archived) => (
                <div className="cl-row-actions">
                  <Button
                    className="icon-button cl-icon"
                    aria-label={`Duplicate ${c.name}`}
                    title="Duplicate"
                    onClick={() => void duplicate(c)}
                  >
                    <Icon name="duplicate" size={16} />
                  </Button>
                  <Button
                    className="icon-button cl-icon"
                    aria-label={`${archived ? 'Unarchive' : 'Archive'} ${c.name}`}
                    disabled={!archived && (c.status === 'sending' || c.status === 'scheduled')}
                    title={
                      !archived && (c.status === 'sending' || c.status === 'scheduled')
                        ? 'Pause or cancel it before archiving'
                        : archived
                          ? 'Unarchive'
                          : 'Archive'
                    }
                    onClick={() => void archive(c, !archived)}
                  >
                    <Icon name={archived ? 'unarchive' : 'archive'} size={16} />
                  </Button>
                </div>
              )}
            />
          )}
        </>
      )}
    </section>
  );
}
