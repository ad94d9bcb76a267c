import type { ReactNode } from 'react';
import { Badge, Banner, Button } from '../ui';
import type { TemplateRecord } from './useTemplateRecord';

/** The editor's title, state badges and actions (save, duplicate, archive, delete), and what just happened. */
export function EditorHeader({
  title,
  record,
  dirty,
  canSave,
  onSave,
  badges,
  problem,
}: {
  title: string;
  record: TemplateRecord;
  dirty: boolean;
  canSave: boolean;
  onSave: () => void;
  badges?: ReactNode;
  /** An error from elsewhere in the editor (loading contacts), shown when no action failed. */
  problem?: string | null;
}) {
  const { id, archived, campaignCount, busy, confirmDelete, notice, error } = record;
  return (
    <>
      <header className="tpl-editor-head">
        <h2>{title}</h2>
        <div className="tpl-badges">
          {badges}
          {archived && <Badge tone="warn">Archived</Badge>}
          {campaignCount > 0 && (
            <Badge tone="info">Used by {campaignCount === 1 ? '1 campaign' : `${campaignCount} campaigns`}</Badge>
          )}
          {dirty && <Badge>Unsaved changes</Badge>}
        </div>
        <div className="tpl-actions">
          <Button onClick={onSave} disabled={busy || !dirty || !canSave} title="Save (Ctrl+S)">
            Save
          </Button>
          {id !== null && (
            <>
              <Button
                variant="secondary"
                onClick={() => void record.duplicate()}
                disabled={busy || dirty}
                title={dirty ? 'Save first, then duplicate' : 'Make a copy to edit'}
              >
                Duplicate
              </Button>
              <Button variant="secondary" onClick={() => void record.toggleArchive()} disabled={busy}>
                {archived ? 'Unarchive' : 'Archive'}
              </Button>
            </>
          )}
          <Button
            className={confirmDelete ? 'danger' : 'secondary'}
            onClick={record.remove}
            disabled={busy}
            onBlur={record.cancelDelete}
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
      {(error ?? problem) && <Banner tone="error">{error ?? problem}</Banner>}
    </>
  );
}
