import { useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { domainOfAddress } from '../../../../shared/email-domain';
import type { DomainCheckResult } from '../../../../shared/ipc/channels/deliverability';
import { Banner, Button, ErrorBanner, formatWhen } from '../ui';
import './domain-check.css';

const RECORDS = [
  { key: 'spf', name: 'SPF', what: 'which servers may send for your domain' },
  { key: 'dkim', name: 'DKIM', what: 'the key your e-mails are signed with' },
  { key: 'dmarc', name: 'DMARC', what: 'what receivers do when a check fails' },
] as const;

/**
 * Settings → Providers → E-mail: "Check my domain" for the saved Sender's domain, at the saved DKIM selector. Says
 * per record what was found, then what is missing or wrong and what to add at the DNS host.
 */
export function DomainCheckPanel({ from, selector }: { from: string; selector: string }) {
  const domain = domainOfAddress(from);
  const last = useQuery(() => (domain ? api.deliverability.lastCheck({ domain }) : Promise.resolve(null)), [domain]);
  const [fresh, setFresh] = useState<DomainCheckResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = fresh && fresh.domain === domain ? fresh : (last.data ?? null);

  const check = async () => {
    if (!domain) return;
    setChecking(true);
    setError(null);
    try {
      setFresh(await api.deliverability.checkDomain({ domain, dkimSelector: selector }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setChecking(false);
    }
  };

  return (
    <div className="dc-panel" data-testid="domain-check">
      <div className="dc-head">
        <Button variant="secondary" onClick={() => void check()} disabled={!domain || checking}>
          {checking ? 'Checking…' : 'Check my domain'}
        </Button>
        <span className="muted small">
          {domain
            ? `Looks up the SPF, DKIM${selector ? ` (selector “${selector}”)` : ''} and DMARC records of ${domain}, as saved above.`
            : 'Save a Sender address first: the check looks at the domain after its @.'}
        </span>
      </div>
      <ErrorBanner message={error} />
      {shown && (
        <div className="dc-result" aria-live="polite">
          <ul className="dc-records" aria-label={`DNS records of ${shown.domain}`}>
            {RECORDS.map((r) => {
              const value = shown[r.key];
              const unchecked = r.key === 'dkim' && shown.dkimSelector === '';
              return (
                <li key={r.key} className={value ? 'found' : 'missing'}>
                  <span className="dc-mark" aria-hidden="true">
                    {value ? '✓' : '✗'}
                  </span>
                  <span className="dc-name">{r.name}</span>
                  <span className="dc-value">
                    {value ? (
                      <code>{value}</code>
                    ) : unchecked ? (
                      'not checked: name your DKIM selector above'
                    ) : (
                      `missing — ${r.what}`
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
          {shown.problems.length === 0 ? (
            <Banner tone="success">{shown.domain} is set up for delivery: SPF, DKIM and DMARC are in place.</Banner>
          ) : (
            <Banner tone="warn" role="status" aria-label="What to fix">
              <p className="dc-fix-title">What to add or fix at your DNS host (where {shown.domain} is registered):</p>
              <ul className="dc-problems">
                {shown.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </Banner>
          )}
          <p className="muted small">Checked {formatWhen(shown.checkedAt)}. DNS changes can take an hour to show.</p>
        </div>
      )}
    </div>
  );
}
