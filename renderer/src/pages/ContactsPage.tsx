import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import type { ContactRow } from '../../../shared/types/domain';
import type { BulkAction, BulkActionResult, ContactSort } from '../../../shared/ipc/channels/contacts';
import { Button, Banner, EmptyState, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { AddContactForm } from '../components/contacts/AddContactForm';
import { BulkBar } from '../components/contacts/BulkBar';
import { UndoToast } from '../components/contacts/UndoToast';
import { useSelection } from '../components/contacts/useSelection';
import { CheckNumbersDialog, type CheckScope } from '../components/contacts/CheckNumbersDialog';
import { ContactDetailPanel } from '../components/contacts/ContactDetailPanel';
import { ContactTable } from '../components/contacts/ContactTable';
import { ContactToolbar } from '../components/contacts/ContactToolbar';
import { PredictionControls } from '../components/contacts/PredictionControls';
import { ImportHistory } from '../components/contacts/ImportHistory';
import { ImportWizard } from '../components/contacts/ImportWizard';
import { SaveSegment } from '../components/contacts/SaveSegment';
import {
  isFiltered,
  NO_FILTERS,
  toAudienceFilter,
  toListQuery,
  type ContactFilterState,
} from '../components/contacts/filters';
import { plural } from '../components/contacts/format';
import { useContactRows } from '../components/contacts/useContactRows';
import { useDebounced } from '../components/contacts/useDebounced';
import { useExportCsv } from '../components/contacts/useExportCsv';
import { usePageAction } from '../store/actions';
import { settingText } from '../api/setting-text';

/** Newest first, as the list has always been. */
const DEFAULT_SORT: ContactSort = { by: 'added', direction: 'desc' };

/** What the toast says a bulk action did. */
function doneText(r: BulkActionResult, tag?: string): string {
  const n = plural(r.changed, 'contact');
  const unchanged = r.selected - r.changed;
  if (r.action === 'addTag')
    return `Tagged ${n} “${tag}”${unchanged ? ` (${unchanged.toLocaleString()} already had it)` : ''}`;
  if (r.action === 'removeTag') return `Removed “${tag}” from ${n}`;
  if (r.action === 'optOut') return `Opted out ${n}${unchanged ? ` (${unchanged.toLocaleString()} already were)` : ''}`;
  return `Deleted ${n}`;
}

/** Typing pauses shorter than this are one search. */
const SEARCH_DEBOUNCE_MS = 150;

function countText(total: number | null, exact: boolean, filtered: boolean): string | undefined {
  if (total === null) return undefined;
  const n = exact ? plural(total, 'contact') : `${total.toLocaleString()}+ contacts`;
  return filtered ? `${n} ${total === 1 && exact ? 'matches' : 'match'}` : n;
}

/** Whose numbers "Check numbers" offers: the contacts shown (a tag, a search…) first when filtered, then everyone. */
function checkScopes(applied: ContactFilterState, shown: number | null): CheckScope[] {
  const everyone: CheckScope = { label: 'All contacts', selection: { filter: { tagMode: 'any' } } };
  if (!isFiltered(applied)) return [everyone];
  const what =
    applied.tag &&
    !applied.search &&
    !applied.status &&
    applied.segmentId === null &&
    !applied.band &&
    !applied.excludeHighOptOutRisk
      ? `Everyone tagged “${applied.tag}”`
      : 'The contacts shown';
  return [
    {
      label: shown !== null ? `${what} (${shown.toLocaleString()})` : what,
      selection: { filter: toAudienceFilter(applied) },
    },
    everyone,
  ];
}

export function ContactsPage() {
  const [tab, setTab] = useState<'contacts' | 'imports'>('contacts');
  const [filters, setFilters] = useState<ContactFilterState>(NO_FILTERS);
  const [selected, setSelected] = useState<number | null>(null);
  const [modal, setModal] = useState<'import' | 'add' | 'segment' | 'check' | null>(null);
  const [sort, setSort] = useState<ContactSort>(DEFAULT_SORT);
  const [bulkBusy, setBulkBusy] = useState(false);
  const [bulkError, setBulkError] = useState<string | null>(null);
  const [toast, setToast] = useState<{ text: string; actionId: number | null } | null>(null);
  const search = useDebounced(filters.search, SEARCH_DEBOUNCE_MS);
  const applied = { ...filters, search };
  const listFilters = toListQuery(applied);
  const isDefaultSort = sort.by === DEFAULT_SORT.by && sort.direction === DEFAULT_SORT.direction;
  const rows = useContactRows(isDefaultSort ? listFilters : { ...listFilters, sort });
  const selection = useSelection(JSON.stringify(listFilters), rows.total, rows.row);
  const tags = useQuery(() => api.contacts.tags({}), [], ['contacts']);
  const segments = useQuery(() => api.segments.list({}), [], ['contacts']);
  const predictions = useQuery(() => api.insights.predictions({}), [], ['contacts']);
  const country = useQuery(() => api.settings.get({ key: 'contacts.defaultCountry' }), [], ['settings']);
  const exporter = useExportCsv(toAudienceFilter(applied));
  const { refresh } = rows;
  const reloadTags = tags.reload;
  const onImported = useCallback(() => {
    refresh();
    reloadTags();
  }, [refresh, reloadTags]);

  const filtered = isFiltered(applied);
  const empty = rows.loaded && rows.total === 0 && !filtered && !isFiltered(filters);
  const select = useCallback((c: ContactRow) => setSelected(c.id), []);
  const dismissToast = useCallback(() => setToast(null), []);
  const undoable = toast?.actionId ?? null;
  const openContact = (id: number) => {
    setModal(null);
    setTab('contacts');
    setSelected(id);
  };

  const runBulk = async (action: BulkAction, tag?: string) => {
    setBulkBusy(true);
    setBulkError(null);
    try {
      const target = selection.allMatching ? { matching: listFilters } : { contactIds: [...selection.ids] };
      const r = await api.contacts.bulk({ action, ...(tag ? { tag } : {}), ...target });
      if (action === 'delete' && selected !== null && (selection.allMatching || selection.ids.has(selected)))
        setSelected(null);
      selection.clear();
      onImported();
      setToast({ text: doneText(r, tag), actionId: r.actionId });
    } catch (e) {
      setBulkError((e as Error).message);
    } finally {
      setBulkBusy(false);
    }
  };
  const undo = async (actionId: number) => {
    setToast(null);
    try {
      const r = await api.contacts.bulkUndo({ actionId });
      onImported();
      setToast({
        text: `Undone: ${plural(r.restored, 'contact')} put back${r.kept ? `, ${r.kept.toLocaleString()} left as they are now (changed since)` : ''}`,
        actionId: null,
      });
    } catch (e) {
      setBulkError((e as Error).message);
    }
  };
  usePageAction('contacts.add', () => setModal('add'));
  usePageAction('contacts.import', () => setModal('import'));

  return (
    <section className="page ct-page">
      <PageHeader
        title="Contacts"
        subtitle={countText(rows.total, rows.exact, filtered)}
        actions={
          <>
            <Button variant="secondary" onClick={() => void exporter.run()} disabled={exporter.busy || !rows.total}>
              {exporter.busy ? 'Exporting…' : 'Export CSV'}
            </Button>
            <Button variant="secondary" onClick={() => setModal('check')} disabled={!rows.total}>
              Check numbers
            </Button>
            <Button variant="secondary" onClick={() => setModal('add')}>
              Add contact
            </Button>
            <Button onClick={() => setModal('import')}>Import contacts</Button>
          </>
        }
      />
      <div className="ct-tabs" role="tablist" aria-label="Contacts views">
        <Button
          role="tab"
          aria-selected={tab === 'contacts'}
          className={tab === 'contacts' ? 'on' : ''}
          onClick={() => setTab('contacts')}
        >
          All contacts
        </Button>
        <Button
          role="tab"
          aria-selected={tab === 'imports'}
          className={tab === 'imports' ? 'on' : ''}
          onClick={() => setTab('imports')}
        >
          Import history
        </Button>
      </div>
      <ErrorBanner message={exporter.error} />
      {exporter.message && (
        <Banner tone="success" className="ct-banner">
          <span>{exporter.message}</span>
          <Button className="ct-link" onClick={exporter.dismiss}>
            Dismiss
          </Button>
        </Banner>
      )}
      {tab === 'imports' ? (
        <ImportHistory onChanged={onImported} />
      ) : !rows.loaded ? (
        rows.error ? (
          <ErrorBanner message={rows.error} />
        ) : (
          <Loading />
        )
      ) : empty ? (
        <EmptyState title="No contacts yet" icon="contacts">
          <p>Import a CSV or vCard file from Google, Outlook, Shopify or your phone to get started.</p>
          <div className="ct-empty-actions">
            <Button onClick={() => setModal('import')}>Import a file</Button>
            <Button variant="secondary" onClick={() => setModal('add')}>
              Add one by hand
            </Button>
          </div>
        </EmptyState>
      ) : (
        <>
          <ContactToolbar
            value={filters}
            tags={tags.data ?? []}
            segments={segments.data ?? []}
            onChange={setFilters}
            onSaveSegment={() => setModal('segment')}
            predictions={
              <PredictionControls
                view={predictions.data ?? null}
                sort={sort}
                onSort={(by) => setSort(by ? { by, direction: 'desc' } : DEFAULT_SORT)}
                excludeHighRisk={filters.excludeHighOptOutRisk}
                onExcludeHighRisk={(on) => setFilters({ ...filters, excludeHighOptOutRisk: on })}
              />
            }
          />
          <ErrorBanner message={rows.error} />
          <ErrorBanner message={bulkError} />
          {selection.count > 0 && (
            <BulkBar
              selection={selection}
              total={rows.total}
              exact={rows.exact}
              knownTags={(tags.data ?? []).map((t) => t.name)}
              busy={bulkBusy}
              onRun={(action, tag) => void runBulk(action, tag)}
            />
          )}
          <div className={`ct-main${selected !== null ? ' with-detail' : ''}`}>
            {rows.count === 0 && rows.settled ? (
              <EmptyState title="No contacts match" icon="contacts">
                Try a name, part of a phone number (in any format), or an email.
              </EmptyState>
            ) : (
              <ContactTable
                rows={rows}
                busy={search !== filters.search}
                selectedId={selected}
                onSelect={select}
                sort={sort}
                onSort={setSort}
                selection={selection}
              />
            )}
            {selected !== null && (
              <ContactDetailPanel
                key={selected}
                contactId={selected}
                knownTags={(tags.data ?? []).map((t) => t.name)}
                onClose={() => setSelected(null)}
                onChanged={onImported}
                onDeleted={() => {
                  setSelected(null);
                  onImported();
                }}
                onOpenContact={openContact}
              />
            )}
          </div>
        </>
      )}
      {modal === 'import' && (
        <ImportWizard
          defaultCountry={settingText(country.data?.value, 'US')}
          onClose={() => setModal(null)}
          onImported={onImported}
        />
      )}
      {modal === 'add' && (
        <AddContactForm
          onClose={() => setModal(null)}
          onOpenContact={openContact}
          onCreated={(d) => {
            setModal(null);
            setTab('contacts');
            setSelected(d.contact.id);
            onImported();
          }}
        />
      )}
      {toast && (
        <UndoToast
          text={toast.text}
          onDismiss={dismissToast}
          onUndo={undoable !== null ? () => void undo(undoable) : undefined}
        />
      )}
      {modal === 'check' && (
        <CheckNumbersDialog
          scopes={checkScopes(applied, rows.total)}
          onClose={() => setModal(null)}
          onChecked={onImported}
        />
      )}
      {modal === 'segment' && (
        <SaveSegment
          filter={toAudienceFilter(applied)}
          describe={countText(rows.total, rows.exact, true) ?? ''}
          onClose={() => setModal(null)}
          onSaved={(s) => {
            setModal(null);
            segments.reload();
            setFilters({ ...NO_FILTERS, segmentId: s.id });
          }}
        />
      )}
    </section>
  );
}
