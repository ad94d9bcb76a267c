import { useCallback, useRef, useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { Button, Banner, EmptyState, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { EmailTemplateEditor } from '../components/templates/EmailTemplateEditor';
import { TemplateEditor } from '../components/templates/TemplateEditor';
import { TemplateLibrary } from '../components/templates/TemplateLibrary';
import type { TemplateRow } from '../../../shared/types/domain';
import { usePageAction } from '../store/actions';

interface Editing {
  /** Changes only when the owner opens another template, so saving a new one keeps the editor (and its preview) as is. */
  key: number;
  template: TemplateRow | null;
  /** A new template's kind until it is saved; a saved one keeps its own. */
  channel: 'sms' | 'email';
}

export function TemplatesPage() {
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState('');
  const [channel, setChannel] = useState<'' | 'sms' | 'email'>('');
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [pending, setPending] = useState<TemplateRow | null | undefined>(undefined);
  const dirty = useRef(false);
  const nextKey = useRef(1);
  // Archived ones are filtered here rather than in the query, so "no templates at all" is known exactly.
  const q = useQuery(
    () => api.templates.list({ search: search.trim() || undefined, includeArchived: true }),
    [search],
    ['templates'],
  );

  const all = q.data ?? [];
  const categories = [...new Set(all.flatMap((t) => (t.category ? [t.category] : [])))].sort((a, b) =>
    a.localeCompare(b),
  );
  const rows = all.filter(
    (t) =>
      (showArchived || !t.archived) && (!category || t.category === category) && (!channel || t.channel === channel),
  );
  const libraryEmpty = q.data !== undefined && all.length === 0 && search.trim() === '';

  const openNow = (template: TemplateRow | null, kind: 'sms' | 'email' = 'sms') => {
    dirty.current = false;
    setPending(undefined);
    setEditing({ key: nextKey.current++, template, channel: template?.channel === 'email' ? 'email' : kind });
    setSelectedId(template?.id ?? null);
  };
  const open = (template: TemplateRow | null) => {
    if (dirty.current) setPending(template);
    else openNow(template);
  };
  usePageAction('templates.new', () => open(null));
  const onDirtyChange = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);

  const Editor = editing?.channel === 'email' ? EmailTemplateEditor : TemplateEditor;
  const newButton = <Button onClick={() => open(null)}>New template</Button>;

  return (
    <section className="page templates-page">
      <PageHeader
        title="Templates"
        subtitle="Messages you write once and reuse, checked and previewed against your real contacts."
        actions={newButton}
      />
      <ErrorBanner message={q.error} />
      {pending !== undefined && (
        <Banner tone="warn" role="alertdialog" className="pending" aria-label="Unsaved changes">
          <span>This template has unsaved changes.</span>
          <Button variant="secondary" onClick={() => setPending(undefined)}>
            Keep editing
          </Button>
          <Button variant="danger" onClick={() => openNow(pending)}>
            Discard changes
          </Button>
        </Banner>
      )}
      {q.loading && !q.data ? (
        <Loading />
      ) : libraryEmpty && !editing ? (
        <EmptyState title="No templates yet" icon="templates">
          <p>Write a message with variables like {'{{first_name|there}}'} and reuse it in campaigns.</p>
          <Button onClick={() => open(null)}>Write your first template</Button>
        </EmptyState>
      ) : (
        <div className="tpl-layout">
          <TemplateLibrary
            rows={rows}
            loading={q.loading}
            selectedId={selectedId}
            search={search}
            onSearch={setSearch}
            category={category}
            categories={categories}
            onCategory={setCategory}
            channel={channel}
            onChannel={setChannel}
            showArchived={showArchived}
            onShowArchived={setShowArchived}
            onSelect={open}
            empty={libraryEmpty}
          />
          {editing ? (
            <Editor
              key={editing.key}
              template={editing.template}
              categories={categories}
              onSaved={(t) => setSelectedId(t.id)}
              onDuplicated={(t) => openNow(t)}
              onClosed={() => {
                dirty.current = false;
                setEditing(null);
                setSelectedId(null);
              }}
              onDirtyChange={onDirtyChange}
              // A new template's kind is chosen before writing (the switch is off once something is typed).
              onChannel={(kind) => openNow(null, kind)}
            />
          ) : (
            <div className="tpl-placeholder">
              <h2>Pick a template to edit</h2>
              <p className="muted">Or start a new one. The counter, checks and phone preview update as you type.</p>
              {newButton}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
