import { useState, type FormEvent } from 'react';
import type { BulkAction } from '../../../../shared/ipc/channels/contacts';
import { plural } from './format';
import { TextInput, Button, ConfirmDialog } from '../ui';
import type { ContactSelection } from './useSelection';

/**
 * What can be done to the selected contacts: add or remove a tag, opt out, delete. Opt-out and delete ask first;
 * everything can be undone from the toast that follows.
 */
export function BulkBar({
  selection,
  total,
  exact,
  knownTags,
  busy,
  onRun,
}: {
  selection: ContactSelection;
  total: number | null;
  exact: boolean;
  knownTags: string[];
  busy: boolean;
  onRun(action: BulkAction, tag?: string): void;
}) {
  const [tag, setTag] = useState('');
  const [confirm, setConfirm] = useState<'optOut' | 'delete' | null>(null);
  const count = selection.count;
  const who =
    selection.allMatching && !exact ? `all ${count.toLocaleString()}+ matching contacts` : plural(count, 'contact');
  const tagAction = (action: 'addTag' | 'removeTag') => (e?: FormEvent) => {
    e?.preventDefault();
    if (tag.trim()) onRun(action, tag.trim());
  };
  const matchingOffer = !selection.allMatching && selection.allShown && total !== null && total > count;
  return (
    <div className="ct-bulk" role="region" aria-label="Selected contacts">
      <div className="ct-bulk-what">
        <strong>
          {selection.allMatching
            ? `All ${total !== null ? `${total.toLocaleString()}${exact ? '' : '+'}` : ''} matching selected`
            : `${count.toLocaleString()} selected`}
        </strong>
        {matchingOffer && (
          <Button className="ct-link" onClick={selection.selectAllMatching}>
            Select all {total.toLocaleString()}
            {exact ? '' : '+'} matching
          </Button>
        )}
        <Button className="ct-link" onClick={selection.clear}>
          Clear
        </Button>
      </div>
      <form className="ct-bulk-tag" onSubmit={tagAction('addTag')}>
        <TextInput
          aria-label="Tag for the selected contacts"
          placeholder="Tag"
          list="ct-bulk-tags"
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          maxLength={100}
        />
        <datalist id="ct-bulk-tags">
          {knownTags.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <Button type="submit" variant="secondary" size="small" disabled={busy || !tag.trim()}>
          Add tag
        </Button>
        <Button
          variant="secondary"
          size="small"
          disabled={busy || !tag.trim()}
          onClick={() => tagAction('removeTag')()}
        >
          Remove tag
        </Button>
      </form>
      <div className="ct-bulk-actions">
        <Button variant="secondary" size="small" disabled={busy} onClick={() => setConfirm('optOut')}>
          Opt out
        </Button>
        <Button variant="danger" size="small" disabled={busy} onClick={() => setConfirm('delete')}>
          Delete
        </Button>
      </div>
      {confirm && (
        <ConfirmDialog
          title={confirm === 'delete' ? `Delete ${who}?` : `Opt out ${who}?`}
          confirmLabel={confirm === 'delete' ? 'Delete' : 'Opt out'}
          danger={confirm === 'delete'}
          busy={busy}
          onClose={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            onRun(confirm);
          }}
        >
          {confirm === 'delete' ? (
            <p>
              Their texts waiting to go out are cancelled. Sent texts and their opt-out history are kept. You can undo
              this for a few seconds.
            </p>
          ) : (
            <p>
              They will get no more texts from you, as if they had replied STOP. The consent log records it as your bulk
              action. You can undo this for a few seconds.
            </p>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
