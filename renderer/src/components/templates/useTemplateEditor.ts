import { useEffect, useState, type KeyboardEvent } from 'react';
import type { TemplateDetail } from '../../../../shared/ipc/channels/templates';
import type { TemplateRow } from '../../../../shared/types/domain';
import { useTemplateRecord } from './useTemplateRecord';

/** What the library hands either editor, the text one or the e-mail one. */
export interface TemplateEditorProps {
  template: TemplateRow | null;
  categories: readonly string[];
  onSaved: (t: TemplateDetail) => void;
  onDuplicated: (t: TemplateDetail) => void;
  onClosed: () => void;
  onDirtyChange: (dirty: boolean) => void;
  /** A new template may still become the other kind. */
  onChannel?: (channel: 'sms' | 'email') => void;
}

/** The fields both kinds of template share, as the owner is typing them. */
export interface BaseDraft {
  name: string;
  body: string;
  category: string;
  notes: string;
}

type Saveable = Pick<TemplateRow, 'name' | 'body' | 'category' | 'notes' | 'subject'>;

const sameBase = (a: BaseDraft, b: BaseDraft) =>
  a.name.trim() === b.name.trim() &&
  a.body === b.body &&
  a.category.trim() === b.category.trim() &&
  a.notes.trim() === b.notes.trim();

/**
 * The scaffolding both template editors share: the draft being typed beside the last saved one (dirty when they
 * differ, told to the library), save through useTemplateRecord, and Ctrl/⌘+S to save from anywhere in the editor.
 * `toDraft` reads a stored row into the editor's draft; `sameExtra` compares the fields only this kind has.
 */
export function useTemplateEditor<D extends BaseDraft>(
  { template, onSaved, onDuplicated, onClosed, onDirtyChange }: TemplateEditorProps,
  toDraft: (t: Saveable | null) => D,
  sameExtra: (a: D, b: D) => boolean = () => true,
) {
  const record = useTemplateRecord(template, { onClosed, onDuplicated });
  const [draft, setDraft] = useState<D>(() => toDraft(template));
  const [saved, setSaved] = useState<D>(() => toDraft(template));
  const dirty = !(sameBase(draft, saved) && sameExtra(draft, saved));
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const patch = (change: Partial<D>) => setDraft((d) => ({ ...d, ...change }));
  /** The name, category and notes as they are stored: a blank category or note is none. */
  const common = {
    name: draft.name,
    body: draft.body,
    category: draft.category.trim() || null,
    notes: draft.notes.trim() || null,
  };
  type Save = typeof record.save;
  const save = (create: Parameters<Save>[0], update: Parameters<Save>[1]) =>
    record.save(create, update, (row) => {
      setSaved(toDraft(row));
      onSaved(row);
    });
  /** The editor's onKeyDown: Ctrl/⌘+S saves what changed, unless a save is under way. */
  const saveShortcut = (doSave: () => Promise<void>) => (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      if (dirty && !record.busy) void doSave();
    }
  };
  return { record, draft, patch, dirty, common, save, saveShortcut };
}
