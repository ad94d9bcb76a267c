import { Fragment, useEffect, useId, useState, type ReactNode } from 'react';
import type { SettingRow } from '../../../../shared/ipc/channels/app';
import type { ReplyValues } from '../../../../shared/compliance/replies';
import { api } from '../../api/client';
import { fieldInfo } from './fields';
import { controlKind, draftOf, refusalInWords, valueOf, type Draft } from './form-values';
import { SettingControl } from './SettingControl';
import './settings.css';
import { Button } from '../ui';

type SaveState = 'idle' | 'saving' | 'saved' | 'refused';

/**
 * A group of settings with one Save: every changed field is checked first (nothing is sent while one is wrong), then
 * saved; "Saved" stays in view until the next edit.
 */
export function SettingsGroup({
  title,
  intro,
  rows,
  replyValues,
  onSaved,
  children,
  headingLevel = 2,
  renderAfter,
}: {
  title?: string;
  intro?: string;
  rows: SettingRow[];
  replyValues?: ReplyValues;
  onSaved(): void;
  children?: ReactNode;
  headingLevel?: 2 | 3;
  /** Something of its own right after a field (e.g. "Check my domain" after the DKIM selector). */
  renderAfter?(key: string): ReactNode;
}) {
  const headingId = useId();
  const [edits, setEdits] = useState<ReadonlyMap<string, Draft>>(new Map());
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [state, setState] = useState<SaveState>('idle');
  // After a save the new rows arrive from the parent; until then, the values just saved stand in for them.
  const [saved, setSaved] = useState<ReadonlyMap<string, SettingRow>>(new Map());
  useEffect(() => setSaved(new Map()), [rows]);

  const fields = rows.map((r) => {
    const row = saved.get(r.key) ?? r;
    const info = fieldInfo(row.key, row.description);
    const kind = controlKind(row, info);
    return { row, info, kind, draft: edits.has(row.key) ? (edits.get(row.key) as Draft) : draftOf(row, kind) };
  });
  const dirty = fields.filter((f) => edits.has(f.row.key) && f.draft !== draftOf(f.row, f.kind));

  const change = (key: string, draft: Draft) => {
    setEdits(new Map(edits).set(key, draft));
    if (errors.has(key)) {
      const next = new Map(errors);
      next.delete(key);
      setErrors(next);
    }
    setState('idle');
  };

  const save = async () => {
    if (state === 'saving') return;
    const problems = new Map<string, string>();
    const values = new Map<string, unknown>();
    for (const f of dirty) {
      const v = valueOf(f.row, f.kind, f.draft);
      if (v.ok) values.set(f.row.key, v.value);
      else problems.set(f.row.key, v.message);
    }
    if (problems.size) {
      setErrors(problems);
      setState('refused');
      document.getElementById(`setting-${[...problems.keys()][0]}`)?.focus();
      return;
    }
    setState('saving');
    const nextSaved = new Map(saved);
    const nextEdits = new Map(edits);
    for (const [key, value] of values) {
      const row = rows.find((r) => r.key === key);
      if (!row) continue;
      try {
        nextSaved.set(key, await api.settings.set({ key: row.key, value }));
        nextEdits.delete(key);
      } catch (e) {
        problems.set(key, refusalInWords((e as Error).message, key));
      }
    }
    for (const f of fields)
      if (nextEdits.has(f.row.key) && !values.has(f.row.key) && !problems.has(f.row.key)) nextEdits.delete(f.row.key);
    setSaved(nextSaved);
    setEdits(nextEdits);
    setErrors(problems);
    setState(problems.size ? 'refused' : 'saved');
    if (values.size > problems.size) onSaved();
  };

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const sections: Array<{ name: string | undefined; items: typeof fields }> = [];
  for (const f of fields) {
    const last = sections[sections.length - 1];
    if (last && last.name === f.info.section) last.items.push(f);
    else sections.push({ name: f.info.section, items: [f] });
  }
  return (
    <form
      className="st-group"
      aria-labelledby={title ? headingId : undefined}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {title && (
        <header className="st-group-head">
          <Heading id={headingId}>{title}</Heading>
          {intro && <p className="muted small">{intro}</p>}
        </header>
      )}
      {sections.map((s, i) => (
        <div key={`${s.name ?? ''}-${i}`} className="st-section">
          {s.name && <h3 className="st-section-title">{s.name}</h3>}
          {s.items.map((f) => (
            <Fragment key={f.row.key}>
              <SettingControl
                row={f.row}
                info={f.info}
                kind={f.kind}
                draft={f.draft}
                error={errors.get(f.row.key) ?? null}
                replyValues={replyValues}
                onChange={(d) => change(f.row.key, d)}
                onSubmit={() => void save()}
              />
              {renderAfter?.(f.row.key)}
            </Fragment>
          ))}
        </div>
      ))}
      {children}
      <div className="st-save">
        <Button type="submit" disabled={state === 'saving'}>
          {state === 'saving' ? 'Saving…' : 'Save'}
        </Button>
        <span className="st-save-state small" role="status">
          {state === 'saved' && !dirty.length ? (
            <span className="good-text">✓ Saved</span>
          ) : state === 'refused' ? (
            <span className="error-text">Not saved: fix what is marked above.</span>
          ) : dirty.length ? (
            <span className="muted">Unsaved changes</span>
          ) : null}
        </span>
      </div>
    </form>
  );
}
