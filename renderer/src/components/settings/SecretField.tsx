import { useState } from 'react';
import type { SecretRow } from '../../../../shared/ipc/channels/app';
import { api } from '../../api/client';
import { Badge, Button, TextInput } from '../ui';
import { secretLabel } from './fields';
import { sentence } from './form-values';

/** A key or secret: stored (keychain or private file) as soon as it is pasted and stored; never shown again. */
export function SecretField({ row, onSaved }: { row: SecretRow; onSaved: () => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const id = `secret-${row.name}`;
  const act = async (what: () => Promise<unknown>, word: string) => {
    try {
      await what();
      setValue('');
      setError(null);
      setDone(word);
      onSaved();
    } catch (e) {
      setError(sentence((e as Error).message));
      setDone(null);
    }
  };
  return (
    <div className="st-field secret field" data-secret={row.name}>
      <div className="st-label">
        <label htmlFor={id}>{secretLabel(row.name)}</label>
        {row.isSet ? <Badge tone="good">set</Badge> : <Badge>not set</Badge>}
      </div>
      <div className="field-row">
        <TextInput
          id={id}
          type="password"
          autoComplete="off"
          placeholder={row.isSet ? '•••••••• (stored)' : 'Paste here'}
          value={value}
          aria-describedby={`${id}-help`}
          onChange={(e) => {
            setValue(e.target.value);
            setDone(null);
          }}
          onKeyDown={(e) =>
            e.key === 'Enter' && value && void act(() => api.secrets.set({ name: row.name, value }), 'Stored')
          }
        />
        <Button disabled={!value} onClick={() => void act(() => api.secrets.set({ name: row.name, value }), 'Stored')}>
          Store
        </Button>
        {row.isSet && (
          <Button variant="secondary" onClick={() => void act(() => api.secrets.delete({ name: row.name }), 'Removed')}>
            Remove
          </Button>
        )}
      </div>
      <span className="small st-save-state" role="status">
        {done && <span className="good-text">✓ {done}</span>}
      </span>
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
      <p id={`${id}-help`} className="muted small st-help">
        {row.description}
      </p>
    </div>
  );
}
