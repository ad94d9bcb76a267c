import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { ErrorBanner, Loading, PageHeader } from '../components/ui';
import type { SettingRow } from '../../../shared/ipc/channels/app';
import { useApp } from '../store/app';
import { WebhooksPanel } from '../components/settings/WebhooksPanel';
import { QuickBooksIntegration } from '../components/settings/QuickBooksIntegration';
import { SettingsGroup } from '../components/settings/SettingsGroup';
import { SecretField } from '../components/settings/SecretField';
import { GeminiIntegration } from '../components/settings/GeminiIntegration';
import { GROUPS, fieldInfo, fieldOrder, isIntegrationSecret, type GroupId } from '../components/settings/fields';
import type { ReplyValues } from '../../../shared/compliance/replies';
import { settingText } from '../api/setting-text';

/** Shown in the Webhooks section instead of the general lists. */
const WEBHOOK_SECRETS = ['quo.signingSecret', 'quo.webhookSecret', 'twilio.authToken'];

export function SettingsPage() {
  const settings = useQuery(() => api.settings.list({}), [], ['settings']);
  const secrets = useQuery(() => api.secrets.list({}), []);
  const info = useApp((s) => s.info);
  const refreshStatus = useApp((s) => s.refreshStatus);
  const onSettingSaved = () => {
    settings.reload();
    void refreshStatus();
  };
  const valueOf = (key: string) => settingText(settings.data?.find((r) => r.key === key)?.value, '');
  const replyValues: ReplyValues = { business: valueOf('business.name'), contact: valueOf('business.contact') };
  const byGroup = new Map<GroupId, SettingRow[]>();
  for (const r of settings.data ?? []) {
    const group = fieldInfo(r.key, r.description).group;
    byGroup.set(group, [...(byGroup.get(group) ?? []), r]);
  }
  for (const rows of byGroup.values()) rows.sort((a, b) => fieldOrder(a.key) - fieldOrder(b.key));
  const shown = GROUPS.filter((g) => g.id === 'webhooks' || byGroup.has(g.id));
  const generalSecrets = (secrets.data ?? []).filter(
    (r) => !WEBHOOK_SECRETS.includes(r.name) && !isIntegrationSecret(r.name),
  );
  return (
    <section className="page settings-page">
      <PageHeader
        title="Settings"
        subtitle="Your business, when texts may go out, who sends them, and how the app looks."
      />
      <ErrorBanner message={settings.error ?? secrets.error} />
      {!settings.data ? (
        <Loading />
      ) : (
        <div className="st-layout">
          <nav className="st-index" aria-label="Settings groups">
            <ul>
              {shown.map((g) => (
                <li key={g.id}>
                  <a
                    href={`#settings-${g.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      const target = document.getElementById(`settings-${g.id}`);
                      target?.scrollIntoView({ block: 'start' });
                      target
                        ?.querySelector<HTMLElement>('input, select, textarea, button')
                        ?.focus({ preventScroll: true });
                    }}
                  >
                    {g.title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="st-groups">
            {shown.map((g) =>
              g.id === 'webhooks' ? (
                <div key={g.id} id="settings-webhooks" className="st-anchor">
                  <WebhooksPanel
                    settingRows={byGroup.get('webhooks') ?? []}
                    secretRows={(secrets.data ?? []).filter((r) => WEBHOOK_SECRETS.includes(r.name))}
                    renderSettings={(rows) => <SettingsGroup rows={rows} onSaved={onSettingSaved} />}
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
              ) : (
                <section key={g.id} id={`settings-${g.id}`} className="card st-card st-anchor">
                  <SettingsGroup
                    title={g.title}
                    intro={g.intro}
                    rows={byGroup.get(g.id) ?? []}
                    replyValues={g.id === 'business' ? replyValues : undefined}
                    onSaved={onSettingSaved}
                  />
                  {g.id === 'integrations' && <QuickBooksIntegration />}
                  {g.id === 'integrations' && <GeminiIntegration />}
                  {g.id === 'providers' && generalSecrets.length > 0 && (
                    <div className="st-secrets">
                      <h3 className="st-section-title">API keys</h3>
                      {info && (
                        <p
                          className={`small st-secret-note ${info.secretStorage.backend === 'file' ? 'warn-text' : 'muted'}`}
                          role="note"
                        >
                          Stored as soon as you press Store, in{' '}
                          {info.secretStorage.backend === 'safeStorage' ? 'your system keychain' : 'a private file'},
                          and never shown again. {info.secretStorage.note}
                        </p>
                      )}
                      {generalSecrets.map((r) => (
                        <SecretField key={r.name + r.isSet} row={r} onSaved={secrets.reload} />
                      ))}
                    </div>
                  )}
                </section>
              ),
            )}
          </div>
        </div>
      )}
    </section>
  );
}
