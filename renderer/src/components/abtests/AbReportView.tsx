import { useState } from 'react';
import { api } from '../../api/client';
import { Button, Badge, Banner, ErrorBanner, Loading, PageHeader } from '../ui';
import { STATUS_LABEL, STATUS_TONE } from '../campaigns/format';
import { downloadText, formatNumber } from './format';
import { RateChart } from './RateChart';
import { RecordConversion } from './RecordConversion';
import { useAbReport } from './useAbReport';
import { VariantTable } from './VariantTable';
import { CallScripts } from './CallScripts';
import { WinnerPanel } from './WinnerPanel';
import { openResults } from '../analytics/navigation';
import './abtests.css';

const METRIC_TITLE: Record<string, string> = {
  replied: 'Reply rate',
  clicked: 'Click rate',
  converted: 'Conversion rate',
  optedOut: 'Opt-out rate',
};

const BY_CHANNEL: Record<string, string> = { sms: '', email: ' by e-mail', voice: ' by phone call' };

/** One A/B test: the verdict in a sentence, the chart, the numbers per variant and the rest of the audience. */
export function AbReportView({ id, onBack, problem = null }: { id: number; onBack(): void; problem?: string | null }) {
  const { report, error, reload } = useAbReport(id);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(problem);
  const [notice, setNotice] = useState<string | null>(null);

  async function act(run: () => Promise<string | null>) {
    setBusy(true);
    setActionError(null);
    setNotice(null);
    try {
      setNotice(await run());
      reload();
    } catch (e) {
      setActionError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const back = (
    <Button variant="secondary" onClick={onBack}>
      ← All A/B tests
    </Button>
  );
  if (!report) {
    return (
      <section className="page">
        <PageHeader title="A/B test" actions={back} />
        <ErrorBanner message={error} />
        {!error && <Loading />}
      </section>
    );
  }
  const v = report.verdict;
  const exportCsv = () =>
    act(async () => {
      const file = await api.abtests.exportCsv({ id });
      downloadText(file.fileName, file.csv);
      return `Saved ${file.fileName}.`;
    });
  const sendWinner = (variant?: number) =>
    act(async () => {
      const r = await api.abtests.sendWinner({ id, ...(variant !== undefined ? { variant } : {}) });
      return r.alreadySent && r.released === 0
        ? 'The rest of the audience already has its message.'
        : `Queued for ${formatNumber(r.released)} held-back contacts${r.skipped ? ` (${formatNumber(r.skipped)} skipped: ${report.channel === 'email' ? 'unsubscribed, bounced or deleted' : 'opted out or deleted'})` : ''}.`;
    });
  const launch = () =>
    act(async () => {
      await api.campaigns.launch({ id });
      return 'Launched: the test messages are on their way.';
    });

  return (
    <section className="page ab-report">
      <PageHeader
        title={report.campaign.name}
        subtitle={`A/B test${BY_CHANNEL[report.channel]} · comparing ${report.metricNoun} · ${report.testPercent ? `tested on ${report.testPercent}% of the ${report.channel === 'email' ? 'e-mail ' : ''}audience, then the winner to the rest` : 'every contact gets one variant'}`}
        actions={
          <>
            {back}
            {report.campaign.status === 'draft' && (
              <Button disabled={busy} onClick={() => void launch()}>
                Launch
              </Button>
            )}
            {report.campaign.status !== 'draft' && (
              <Button variant="secondary" onClick={() => openResults(report.campaign.id)}>
                Campaign results
              </Button>
            )}
            <Button variant="secondary" disabled={busy} onClick={() => void exportCsv()}>
              Export CSV
            </Button>
          </>
        }
      />
      <ErrorBanner message={actionError ?? error} />
      {notice && <Banner tone="success">{notice}</Banner>}

      <section
        className={`card ab-verdict ${v.winner !== null ? 'won' : v.decided ? 'decided' : ''}`}
        aria-label="Verdict"
      >
        <div className="ab-verdict-head">
          <Badge tone={STATUS_TONE[report.campaign.status]}>{STATUS_LABEL[report.campaign.status]}</Badge>
          <Badge tone={v.winner !== null ? 'good' : v.decided ? 'neutral' : 'info'}>
            {v.winner !== null ? 'Winner found' : v.decided ? 'Test finished' : 'Verdict pending'}
          </Badge>
        </div>
        <p className="ab-sentence" data-testid="ab-verdict">
          {v.sentence}
        </p>
        <p className="ab-recommendation">
          <strong>What to do:</strong> {v.recommendation}
        </p>
        <p className="muted small ab-guard" data-testid="ab-guard">
          <strong>Peeking guard ({v.guard.method}):</strong> {v.guard.description}
        </p>
        <p className="muted small">{report.settledNote}</p>
      </section>

      <section className="card ab-chart-card">
        <h3>{METRIC_TITLE[report.metric] ?? 'Rate'} by variant</h3>
        <RateChart
          variants={report.variants}
          metricNoun={report.metricNoun}
          confidence={report.confidence}
          winner={v.winner}
        />
      </section>

      {report.channel === 'voice' && <CallScripts report={report} />}
      <VariantTable report={report} />
      {v.test && (
        <p className="muted small ab-test-line">
          {v.test.method}: χ² = {v.test.statistic.toFixed(2)}, {v.test.dof} degree{v.test.dof === 1 ? '' : 's'} of
          freedom, p = {v.test.pValue < 0.001 ? '< 0.001' : v.test.pValue.toPrecision(2)}
          {v.guard.nominalAlpha !== null &&
            ` (this check needed p below ${Number(v.guard.nominalAlpha.toPrecision(2))})`}
          .
        </p>
      )}
      {report.basisNote && <Banner tone="warn">{report.basisNote}</Banner>}
      <p className="muted small ab-opened" data-testid="ab-opened">
        {report.openedNote}
      </p>

      <WinnerPanel report={report} busy={busy} onSend={(variant) => void sendWinner(variant)} />
      {report.campaign.status !== 'draft' && (
        <RecordConversion
          campaignId={id}
          byEmail={report.channel === 'email'}
          byCall={report.channel === 'voice'}
          onDone={reload}
        />
      )}
    </section>
  );
}
