import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { Badge, ErrorBanner, Loading, PageHeader } from '../components/ui';
import type { SettingRow, SecretRow } from '../../../shared/ipc/channels/app';
import { useApp } from '../store/app';
import { WebhooksPanel } from '../components/settings/WebhooksPanel';
import { fillReply, type ReplyValues } from '../../../shared/compliance/replies';

/** Shown in the Webhooks section instead of the general lists. */
const WEBHOOK_SECRETS = ['quo.signingSecret', 'quo.webhookSecret', 'twilio.authToken'];

/** `replyValues`: the setting is a service text (HELP answer, confirmation); edit it as text and preview what is sent. */
function SettingField({ row, onSaved, replyValues }: { row: SettingRow; onSaved: () => void; replyValues?: ReplyValues }) {
  const [text, setText] = useState(typeof row.value === 'string' ? row.value : JSON.stringify(row.value));
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    let value: unknown = text;
    if (typeof row.defaultValue === 'number') value = Number(text);
    else if (typeof row.defaultValue === 'boolean') value = text === 'true';
    try {
      await api.settings.set({ key: row.key, value });
      setError(null);
      onSaved();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const id = `setting-${row.key}`;
  return (
    <div className="field">
      <label htmlFor={id}>
        <span className="mono">{row.key}</span>
        {!row.isDefault && <Badge tone="info">changed</Badge>}
      </label>
      <div className="field-row">
        {row.choices ? (
          <select id={id} value={text} onChange={(e) => setText(e.target.value)}>
            {row.choices.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        ) : replyValues ? (
          <textarea id={id} rows={2} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && save()} />
        ) : (
          <input id={id} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && save()} />
        )}
        <button onClick={save}>Save</button>
      </div>
      {replyValues && (
        <p className="small reply-preview">
          Sends: <q>{fillReply(text, replyValues)}</q>
        </p>
      )}
      <p className="muted small">{row.description}</p>
      {error && <p className="error-text">{error}</p>}
    </div>
  );
}

function SecretField({ row, onSaved }: { row: SecretRow; onSaved: () => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = `secret-${row.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>
        <span className="mono">{row.name}</span> {row.isSet ? <Badge tone="good">set</Badge> : <Badge>not set</Badge>}
      </label>
      <div className="field-row">
        <input id={id} type="password" autoComplete="off" placeholder={row.isSet ? '•••••••• (stored)' : 'paste here'} value={value} onChange={(e) => setValue(e.target.value)} />
        <button
          disabled={!value}
          onClick={async () => {
            try {
              await api.secrets.set({ name: row.name, value });
              setValue('');
              setError(null);
              onSaved();
            } catch (e) {
              setError((e as Error).message);
            }
          }}
        >
          Store
        </button>
        {row.isSet && (
          <button className="secondary" onClick={async () => { await api.secrets.delete({ name: row.name }); onSaved(); }}>
            Remove
          </button>
        )}
      </div>
      <p className="muted small">{row.description}</p>
      {error && <p className="error-text">{error}</p>}
    </div>
  );
}

export function SettingsPage() {
  const settings = useQuery(() => api.settings.list({}), [], ['settings']);
  const secrets = useQuery(() => api.secrets.list({}), []);
  const info = useApp((s) => s.info);
  const refreshStatus = useApp((s) => s.refreshStatus);
  const groups = new Map<string, SettingRow[]>();
  const onSettingSaved = () => {
    settings.reload();
    void refreshStatus();
  };
  const valueOf = (key: string) => String(settings.data?.find((r) => r.key === key)?.value ?? '');
  const replyValues: ReplyValues = { business: valueOf('business.name'), contact: valueOf('business.contact') };
  for (const r of settings.data ?? []) {
    const g = r.key.includes('.') ? r.key.split('.')[0] : 'general';
    if (g === 'webhooks') continue;
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  return (
    <section className="page">
      <PageHeader title="Settings" subtitle="Provider, business details, quiet hours and secrets." />
      <ErrorBanner message={settings.error ?? secrets.error} />
      {info && (
        <div className={`banner ${info.secretStorage.backend === 'file' ? 'warn' : 'info'}`} role="note">
          <strong>Secret storage: {info.secretStorage.backend === 'safeStorage' ? 'your system keychain' : 'a private file'}.</strong> {info.secretStorage.note}
        </div>
      )}
      {!settings.data ? (
        <Loading />
      ) : (
        <div className="settings-grid">
          {[...groups.entries()].map(([group, rows]) => (
            <fieldset key={group} className="card">
              <legend>{group}</legend>
              {rows.map((r) => (
                <SettingField key={r.key + JSON.stringify(r.value)} row={r} onSaved={onSettingSaved} replyValues={group === 'compliance' ? replyValues : undefined} />
              ))}
            </fieldset>
          ))}
          <fieldset className="card">
            <legend>secrets</legend>
            {secrets.data?.filter((r) => !WEBHOOK_SECRETS.includes(r.name)).map((r) => <SecretField key={r.name + r.isSet} row={r} onSaved={secrets.reload} />)}
          </fieldset>
          <WebhooksPanel
            settingRows={(settings.data ?? []).filter((r) => r.key.startsWith('webhooks.'))}
            secretRows={(secrets.data ?? []).filter((r) => WEBHOOK_SECRETS.includes(r.name))}
            renderSetting={(r) => <SettingField key={r.key + JSON.stringify(r.value)} row={r} onSaved={onSettingSaved} />}
            renderSecret={(r, onSaved) => (
              <SecretField
                key={r.name + r.isSet}
                row={r}
                onSaved={() => {
                  secrets.reload();
                  onSaved();
                }}
              />
            )}
          />
        </div>
      )}
    </section>
  );
}
