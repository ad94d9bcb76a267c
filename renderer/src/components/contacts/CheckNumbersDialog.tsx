import { useEffect, useState } from 'react';
import { api, onEvent } from '../../api/client';
import type { InputOf } from '../../../../shared/ipc/contract';
import type { VerifyPlan, VerifyReport } from '../../../../shared/ipc/channels/contacts';
import { Banner, ErrorBanner, Loading, Radio, Table } from '../ui';
import { plural } from './format';
import { Button, Modal } from '../ui';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import './contacts.css';

export type VerifySelection = InputOf<'contacts:verifyPlan'>;

/** A choice of whose numbers to check: the selection, a tag, everyone shown, everyone. */
export interface CheckScope {
  label: string;
  selection: VerifySelection;
}

const money = (dollars: number) =>
  dollars.toLocaleString(undefined, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: dollars && dollars < 0.01 ? 4 : 2,
  });

function PlanSummary({ plan }: { plan: VerifyPlan }) {
  return (
    <div className="ct-check-plan" data-testid="check-plan">
      <p className="ct-check-lead">
        <strong>
          {plan.lookups ? `${plural(plan.lookups, 'number')} will be looked up` : 'Nothing needs a lookup'}
        </strong>
        {plan.lookups > 0 && (
          <>
            {' '}
            · about <strong>{money(plan.cost)}</strong>{' '}
            <span className="muted">({money(plan.pricePerLookup)} a lookup, set in Settings)</span>
          </>
        )}
      </p>
      <ul className="ct-check-facts">
        <li>
          {plural(plan.contacts, 'contact')} selected, {plural(plan.numbers, 'different number')}
        </li>
        {plan.cached > 0 && (
          <li>{plural(plan.cached, 'number')} checked in the last 30 days: answered from what we saved, free</li>
        )}
        {plan.unreadable > 0 && <li>{plural(plan.unreadable, 'number')} not in international form: skipped</li>}
      </ul>
      <p className="muted small">
        Landlines and invalid numbers are marked not textable (they stay as contacts). Mobile and VoIP numbers stay
        textable.
      </p>
    </div>
  );
}

function Report({ report }: { report: VerifyReport }) {
  const phone = usePhoneFormat();
  const rows: [string, number, string][] = [
    ['Mobile', report.mobile, 'good'],
    ['Landline', report.landline, 'warn'],
    ['VoIP (internet number)', report.voip, 'info'],
    ['Invalid', report.invalid, 'bad'],
    ['Marked not textable', report.markedNotTextable, 'warn'],
  ];
  return (
    <div className="ct-check-report" data-testid="check-report">
      {report.stopped && <Banner tone="error">The check stopped early: {report.stopped.message}</Banner>}
      <p>
        {plural(report.checked, 'number')} checked · {plural(report.lookups, 'lookup')} with NumVerify
        {report.fromCache ? `, ${report.fromCache.toLocaleString()} answered from the last 30 days` : ''}.
      </p>
      <Table
        label="Check results"
        className="ct-check-table"
        headersHidden
        rows={rows}
        rowKey={([label]) => label}
        columns={[
          {
            header: 'Kind of number',
            rowHeader: true,
            cell: ([label, , tone]) => (
              <>
                <span className={`ct-dot ${tone}`} aria-hidden="true" /> {label}
              </>
            ),
          },
          { header: 'Numbers', numeric: true, cell: ([, n]) => n.toLocaleString() },
        ]}
      />
      {report.failed.length > 0 && (
        <details className="ct-check-failed">
          <summary>{plural(report.failed.length, 'number')} could not be checked</summary>
          <ul>
            {report.failed.slice(0, 50).map((f) => (
              <li key={f.phone}>
                <span className="mono">{phone(f.phone)}</span>: {f.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/**
 * Check numbers with NumVerify: first what it will look up and cost (nothing is spent until the owner says so),
 * then progress, then what was found.
 */
export function CheckNumbersDialog({
  scopes,
  onClose,
  onChecked,
}: {
  scopes: CheckScope[];
  onClose(): void;
  onChecked(): void;
}) {
  const [scope, setScope] = useState(0);
  const [plan, setPlan] = useState<VerifyPlan | null>(null);
  const [phase, setPhase] = useState<'plan' | 'running' | 'done'>('plan');
  const [progress, setProgress] = useState<{ checked: number; total: number } | null>(null);
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const selection = scopes[scope]?.selection;
  const key = JSON.stringify(selection);

  useEffect(() => {
    let live = true;
    setPlan(null);
    setError(null);
    api.contacts
      .verifyPlan(JSON.parse(key) as VerifySelection)
      .then((p) => live && setPlan(p))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [key]);

  useEffect(() => (phase === 'running' ? onEvent('verify:progress', setProgress) : undefined), [phase]);

  const start = async () => {
    setPhase('running');
    setError(null);
    try {
      setReport(await api.contacts.verify(JSON.parse(key) as VerifySelection));
      setPhase('done');
      onChecked();
    } catch (e) {
      setError((e as Error).message);
      setPhase('plan');
    }
  };

  const percent = progress && progress.total ? Math.round((progress.checked / progress.total) * 100) : 0;
  const footer =
    phase === 'done' ? (
      <Button onClick={onClose}>Done</Button>
    ) : (
      <>
        <Button variant="secondary" onClick={onClose} disabled={phase === 'running'}>
          Cancel
        </Button>
        <Button
          onClick={() => void start()}
          disabled={phase !== 'plan' || !plan || !plan.keySet || plan.numbers - plan.unreadable === 0}
        >
          {plan && plan.lookups ? `Check ${plural(plan.lookups, 'number')} · ${money(plan.cost)}` : 'Check numbers'}
        </Button>
      </>
    );

  return (
    <Modal
      title="Check numbers"
      subtitle="Find landlines and invalid numbers before you text them"
      size="medium"
      locked={phase === 'running'}
      onClose={onClose}
      footer={footer}
    >
      <div className="ct-check">
        {scopes.length > 1 && phase === 'plan' && (
          <fieldset className="ct-consent" aria-label="Which numbers">
            <legend>Which numbers?</legend>
            {scopes.map((s, i) => (
              <Radio
                key={s.label}
                className="ct-radio"
                name="check-scope"
                checked={scope === i}
                onChange={() => setScope(i)}
                label={s.label}
              />
            ))}
          </fieldset>
        )}
        <ErrorBanner message={error} />
        {phase === 'plan' && (plan ? <PlanSummary plan={plan} /> : !error && <Loading />)}
        {phase === 'plan' && plan && !plan.keySet && (
          <p className="ct-callout warn">
            Add your NumVerify access key in Settings (secret numverify.apiKey) to check numbers.
          </p>
        )}
        {phase === 'running' && (
          <div className="ct-run">
            <div className="ct-run-head">
              <strong>Checking numbers…</strong>
              <span className="ct-run-percent">{percent}%</span>
            </div>
            <div
              className="progress ct-run-bar"
              role="progressbar"
              aria-label="Check progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
            >
              <div className="live" style={{ width: `${Math.max(2, percent)}%` }} />
            </div>
            <p className="muted">
              {progress ? `${progress.checked.toLocaleString()} of ${plural(progress.total, 'number')}` : 'Starting…'}
            </p>
          </div>
        )}
        {phase === 'done' && report && <Report report={report} />}
      </div>
    </Modal>
  );
}

/** The optional last step of an import: check the new contacts' numbers, with the cost stated first. */
export function CheckNumbersOffer({
  importId,
  count,
  onChecked,
}: {
  importId: string;
  count: number;
  onChecked(): void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="ct-check-offer">
      <p>
        <strong>Optional: check these {plural(count, 'number')}.</strong>{' '}
        <span className="muted">
          NumVerify finds landlines and invalid numbers, so no text is wasted on them. You see the cost before anything
          is looked up.
        </span>
      </p>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Check numbers…
      </Button>
      {open && (
        <CheckNumbersDialog
          scopes={[{ label: 'The contacts this import added', selection: { importId } }]}
          onClose={() => setOpen(false)}
          onChecked={onChecked}
        />
      )}
    </div>
  );
}
