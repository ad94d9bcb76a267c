import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { useApp } from '../../store/app';
import { Field, TextInput, Button, Badge, Banner } from '../ui';
import type { TemplateDetail } from '../../../../shared/ipc/channels/templates';
import type { TemplateRow } from '../../../../shared/types/domain';
import { applyGsmReplacements } from '../../../../shared/templates';
import { AudiencePanel } from './AudiencePanel';
import { BodyEditor } from './BodyEditor';
import { insertAt, type Fix } from './fixes';
import { PhonePreview } from './PhonePreview';
import { ProblemList } from './ProblemList';
import { SegmentMeter } from './SegmentMeter';
import { Ucs2Panel } from './Ucs2Panel';
import { usePreviewModel } from './usePreviewModel';
import { VariableBar } from './VariableBar';
import { DraftWithGemini } from '../ai/DraftWithGemini';
import './templates.css';

interface Draft {
  name: string;
  body: string;
  category: string;
  notes: string;
}

const toDraft = (t: Pick<TemplateRow, 'name' | 'body' | 'category' | 'notes'> | null): Draft => ({
  name: t?.name ?? '',
  body: t?.body ?? '',
  category: t?.category ?? '',
  notes: t?.notes ?? '',
});
const sameDraft = (a: Draft, b: Draft) =>
  a.name.trim() === b.name.trim() &&
  a.body === b.body &&
  a.category.trim() === b.category.trim() &&
  a.notes.trim() === b.notes.trim();

/** Write or edit one template, with its live counter, checks, phone preview and audience estimate beside it. */
export function TemplateEditor({
  template,
  categories,
  onSaved,
  onDuplicated,
  onClosed,
  onDirtyChange,
}: {
  template: TemplateRow | null;
  categories: readonly string[];
  onSaved: (t: TemplateDetail) => void;
  onDuplicated: (t: TemplateDetail) => void;
  onClosed: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const go = useApp((s) => s.go);
  const [id, setId] = useState<number | null>(template?.id ?? null);
  const [draft, setDraft] = useState<Draft>(() => toDraft(template));
  const [saved, setSaved] = useState<Draft>(() => toDraft(template));
  const [archived, setArchived] = useState(template?.archived ?? false);
  const [notice, setNotice] = useState<{ tone: 'good' | 'warn'; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const pendingSelection = useRef<[number, number] | null>(null);
  const model = usePreviewModel(draft.body);
  const detail = useQuery(() => (id === null ? Promise.resolve(null) : api.templates.get({ id })), [id], ['templates']);
  const campaignCount = detail.data?.campaignCount ?? 0;
  const dirty = !sameDraft(draft, saved);

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => {
    if (notice?.tone !== 'good') return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);
  // Selections asked for by an edit (insert, fix) are applied once React has put the new text in the textarea.
  useLayoutEffect(() => {
    const selection = pendingSelection.current;
    if (!selection || !textarea.current) return;
    pendingSelection.current = null;
    textarea.current.focus();
    textarea.current.setSelectionRange(selection[0], selection[1]);
  });

  const setBody = (body: string) => setDraft((d) => ({ ...d, body }));
  const edit = (next: { body: string; select: [number, number] }) => {
    pendingSelection.current = next.select;
    setBody(next.body);
  };
  const select = (start: number, end: number) => {
    const ta = textarea.current;
    if (!ta) return;
    ta.focus();
    ta.setSelectionRange(start, end);
  };
  const insert = (text: string) => {
    const ta = textarea.current;
    edit(
      insertAt(draft.body, ta ? [ta.selectionStart, ta.selectionEnd] : [draft.body.length, draft.body.length], text),
    );
  };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      const input = {
        name: draft.name,
        body: draft.body,
        category: draft.category.trim() || null,
        notes: draft.notes.trim() || null,
      };
      const row = id === null ? await api.templates.create(input) : await api.templates.update({ id, ...input });
      setId(row.id);
      setSaved(toDraft(row));
      setNotice({ tone: 'good', text: id === null ? 'Template saved.' : 'Changes saved.' });
      onSaved(row);
    });
  const toggleArchive = () =>
    run(async () => {
      if (id === null) return;
      const row = archived ? await api.templates.unarchive({ id }) : await api.templates.archive({ id });
      setArchived(row.archived);
      setNotice({
        tone: 'good',
        text: row.archived
          ? 'Archived: hidden from the library unless you show archived templates.'
          : 'Back in the library.',
      });
    });
  const remove = () => {
    if (id === null) return onClosed();
    // Two clicks: the first only turns the button into the question.
    if (!confirmDelete) return setConfirmDelete(true);
    setConfirmDelete(false);
    void run(async () => {
      const result = await api.templates.delete({ id });
      if (result.outcome === 'deleted') return onClosed();
      setArchived(true);
      setNotice({ tone: 'warn', text: result.message });
    });
  };
  const duplicate = () =>
    run(async () => {
      if (id !== null) onDuplicated(await api.templates.duplicate({ id }));
    });

  const who = model.current ? model.current.label : 'a contact with no name';
  const fields = model.context?.knownFields ?? [];

  return (
    <div
      className="tpl-editor"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          if (dirty && !busy) void save();
        }
      }}
    >
      <div className="tpl-main">
        <header className="tpl-editor-head">
          <h2>{id === null ? 'New template' : 'Edit template'}</h2>
          <div className="tpl-badges">
            {archived && <Badge tone="warn">Archived</Badge>}
            {campaignCount > 0 && (
              <Badge tone="info">Used by {campaignCount === 1 ? '1 campaign' : `${campaignCount} campaigns`}</Badge>
            )}
            {dirty && <Badge>Unsaved changes</Badge>}
          </div>
          <div className="tpl-actions">
            <Button
              onClick={() => void save()}
              disabled={busy || !dirty || !draft.name.trim() || !draft.body.trim()}
              title="Save (Ctrl+S)"
            >
              Save
            </Button>
            {id !== null && (
              <>
                <Button
                  variant="secondary"
                  onClick={() => void duplicate()}
                  disabled={busy || dirty}
                  title={dirty ? 'Save first, then duplicate' : 'Make a copy to edit'}
                >
                  Duplicate
                </Button>
                <Button variant="secondary" onClick={() => void toggleArchive()} disabled={busy}>
                  {archived ? 'Unarchive' : 'Archive'}
                </Button>
              </>
            )}
            <Button
              className={confirmDelete ? 'danger' : 'secondary'}
              onClick={remove}
              disabled={busy}
              onBlur={() => setConfirmDelete(false)}
            >
              {id === null
                ? 'Discard'
                : confirmDelete
                  ? campaignCount > 0
                    ? 'Archive it (used by campaigns)'
                    : 'Really delete?'
                  : 'Delete'}
            </Button>
          </div>
        </header>
        {notice && (
          <Banner tone={notice.tone === 'warn' ? 'warn' : 'success'} role="status">
            {notice.text}
          </Banner>
        )}
        {(error ?? model.contextError) && <Banner tone="error">{error ?? model.contextError}</Banner>}
        <div className="tpl-form-row">
          <TextInput
            label="Name"
            fieldClassName="grow"
            id="tpl-name"
            value={draft.name}
            maxLength={100}
            placeholder="e.g. Weekend sale"
            onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
          />
          <Field label="Category" htmlFor="tpl-category">
            <input
              id="tpl-category"
              list="tpl-categories"
              value={draft.category}
              maxLength={50}
              placeholder="e.g. Promotions"
              onChange={(e) => setDraft((d) => ({ ...d, category: e.target.value }))}
            />
            <datalist id="tpl-categories">
              {categories.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </Field>
        </div>
        <Field label="Message" htmlFor="tpl-body">
          <VariableBar fields={fields} onInsert={insert} />
          <DraftWithGemini onUse={setBody} />
          <BodyEditor
            id="tpl-body"
            value={draft.body}
            marks={model.marks}
            onChange={setBody}
            textareaRef={textarea}
            describedBy="tpl-meter"
          />
          <div id="tpl-meter">
            <SegmentMeter count={model.count} who={who} />
          </div>
        </Field>
        <Ucs2Panel
          body={draft.body}
          onReplace={() => edit({ body: applyGsmReplacements(draft.body), select: [0, 0] })}
          onSelect={select}
        />
        <section className="tpl-checks" aria-label="Checks">
          <h3>Checks</h3>
          {draft.body.trim() === '' ? (
            <p className="muted">Write the message above; problems and compliance checks appear here as you type.</p>
          ) : (
            <ProblemList
              issues={model.issues}
              onSelect={select}
              onFix={(fix: Fix) => edit(fix.apply(draft.body))}
              onOpenSettings={() => go('settings')}
            />
          )}
        </section>
        <Field label="Notes (only you see these)" htmlFor="tpl-notes">
          <textarea
            id="tpl-notes"
            className="notes"
            rows={2}
            maxLength={2000}
            value={draft.notes}
            onChange={(e) => setDraft((d) => ({ ...d, notes: e.target.value }))}
          />
        </Field>
      </div>
      <aside className="tpl-side">
        <PhonePreview
          contacts={model.contacts}
          index={model.index}
          onIndex={model.setIndex}
          preview={model.preview}
          businessName={model.context?.business.name ?? ''}
          tag={model.tag}
          onPick={model.pick}
        />
        <AudiencePanel
          measure={model.measure}
          tag={model.tag}
          tags={model.context?.tags ?? []}
          audienceSize={model.context?.audienceSize ?? null}
          onTag={model.setTag}
        />
      </aside>
    </div>
  );
}
