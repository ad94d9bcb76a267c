import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { SegmentRow } from '../../../../shared/ipc/channels/contacts';
import type { AudienceFilterInput } from '../../../../shared/audience';
import { Button, Modal, TextInput } from '../ui';

/** Saves the current search and filters as a segment that campaigns and this page can pick. */
export function SaveSegment({
  filter,
  describe,
  onClose,
  onSaved,
}: {
  filter: AudienceFilterInput;
  describe: string;
  onClose(): void;
  onSaved(s: SegmentRow): void;
}) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.segments.create({ name, filter }));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <Modal title="Save as segment" subtitle={describe} size="small" locked={busy} onClose={onClose}>
      <form className="ct-form" onSubmit={(e) => void submit(e)}>
        <label>
          Segment name
          <TextInput
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            autoFocus
            placeholder="e.g. VIPs who can be texted"
            maxLength={100}
          />
        </label>
        <p className="muted small">A segment is a saved filter: contacts who match it later are in it too.</p>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="ct-form-actions">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy || !name.trim()}>
            {busy ? 'Saving…' : 'Save segment'}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
