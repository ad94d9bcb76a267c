import { useState } from 'react';
import { addTotals, currencyDigits, emptyTotals, formatMoney, hasRevenue, roi } from '../../../../shared/analytics';
import { MEASURED_ON } from '../../../../shared/campaign-channels';
import type { AnalyticsSummaryView, SummaryPoint } from '../../../../shared/ipc/channels/analytics';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, Loading } from '../ui';
import { ChartFrame } from './ChartFrame';
import { CHANNEL_PLURAL, type ChannelChoice } from './ChannelFilter';
import { CHANNEL_TABLE_NOTE, ChannelTable, type ChannelTotals } from './ChannelTable';
import { Kpi } from './Kpi';
import { defaultPeriod, periodRange, PeriodPicker, type Period } from './PeriodPicker';
import { TimeChart, type Series } from './TimeChart';
import { compact, compactMoney, formatPercent, formatRoi, rangeWords } from './format';
import './analytics.css';

/** The all-channels line beneath the breakdown: the channels add up to it (replies and clicks not measured count 0). */
function allChannels(s: AnalyticsSummaryView): ChannelTotals {
  const t = s.channels.reduce(
    (sum, c) => addTotals(sum, { ...c, replied: c.replied ?? 0, clicked: c.clicked ?? 0 }),
    emptyTotals(),
  );
  return { ...t, roi: roi(t.revenueMinor, t.spendMinor) };
}

/** A rate, or why there is none: "not measured on e-mails". */
function rateOr(s: AnalyticsSummaryView, measure: 'replied' | 'clicked', value: number | null) {
  const notMeasured = s.channel !== null && !MEASURED_ON[s.channel].includes(measure);
  return notMeasured
    ? { value: `not measured on ${CHANNEL_PLURAL[s.channel!].toLowerCase()}`, words: true }
    : { value: formatPercent(value), words: false };
}

/** The period's figures for the chosen channel (or all), beside each channel's line and the all-channels total. */
function Figures({ s }: { s: AnalyticsSummaryView }) {
  const cur = s.current;
  const money = (minor: number) => formatMoney(minor, s.currency);
  const reply = rateOr(s, 'replied', cur.rates.reply);
  const click = rateOr(s, 'clicked', cur.rates.click);
  return (
    <div className="an-kpis" aria-label={`Figures for ${s.channel ? CHANNEL_PLURAL[s.channel] : 'all channels'}`}>
      <Kpi
        testId="ch-kpi-sent"
        label="Sent"
        value={cur.sent.toLocaleString()}
        detail={`${cur.delivered.toLocaleString()} delivered, ${cur.failed.toLocaleString()} failed`}
      />
      <Kpi testId="ch-kpi-spend" label="Spend" value={money(cur.spendMinor)} />
      <Kpi
        testId="ch-kpi-revenue"
        label="Revenue"
        value={money(cur.revenueMinor)}
        detail={`${cur.converted.toLocaleString()} converted`}
      />
      <Kpi testId="ch-kpi-roi" label="ROI" value={formatRoi(cur.roi, hasRevenue(cur))} words={!hasRevenue(cur)} />
      <Kpi testId="ch-kpi-reply" label="Reply rate" value={reply.value} words={reply.words} />
      <Kpi testId="ch-kpi-click" label="Click rate" value={click.value} words={click.words} />
      <Kpi
        testId="ch-kpi-optout"
        label="Opt-out rate"
        value={formatPercent(cur.rates.optOut)}
        detail={`${cur.optedOut.toLocaleString()} opted out`}
      />
    </div>
  );
}

function Charts({ s }: { s: AnalyticsSummaryView }) {
  const unit = 10 ** currencyDigits(s.currency);
  const by = s.bucket;
  const which = s.channel ? CHANNEL_PLURAL[s.channel] : 'All channels';
  const measured = (m: 'replied' | 'clicked') => s.channel === null || MEASURED_ON[s.channel].includes(m);
  const outcomes: Array<Series<SummaryPoint>> = [
    { key: 'replied', label: 'Replied', kind: 'line', tone: 4, value: (p) => p.replied },
    { key: 'clicked', label: 'Clicked', kind: 'line', tone: 2, value: (p) => p.clicked },
  ];
  const messages: Array<Series<SummaryPoint>> = [
    { key: 'sent', label: 'Sent', kind: 'bar', tone: 1, value: (p) => p.sent },
    { key: 'delivered', label: 'Delivered', kind: 'bar', tone: 2, value: (p) => p.delivered },
    ...outcomes.filter((o) => measured(o.key as 'replied' | 'clicked')),
    { key: 'converted', label: 'Converted', kind: 'line', tone: 5, value: (p) => p.converted },
    { key: 'optedOut', label: 'Opted out', kind: 'line', tone: 3, value: (p) => p.optedOut },
  ];
  const cash: Array<Series<SummaryPoint>> = [
    { key: 'revenue', label: 'Revenue', kind: 'bar', tone: 5, value: (p) => p.revenueMinor / unit },
    { key: 'spend', label: 'Spend', kind: 'bar', tone: 3, value: (p) => p.spendMinor / unit },
  ];
  const table = (series: Array<Series<SummaryPoint>>, show: (n: number) => string = (n) => n.toLocaleString()) => ({
    columns: [by[0].toUpperCase() + by.slice(1), ...series.map((x) => x.label)],
    rows: s.series.map((p) => [p.label, ...series.map((x) => show(x.value(p)))]),
  });
  return (
    <div className="an-grid-2">
      <ChartFrame title={`Messages and outcomes — ${which}`} table={table(messages)}>
        <TimeChart
          points={s.series}
          label={(p) => p.label}
          series={messages}
          format={compact}
          ariaLabel={`${which}: messages sent and delivered, and their outcomes, per ${by}`}
        />
      </ChartFrame>
      <ChartFrame
        title={`Revenue and spend — ${which}`}
        table={table(cash, (n) => formatMoney(Math.round(n * unit), s.currency))}
      >
        <TimeChart
          points={s.series}
          label={(p) => p.label}
          series={cash}
          format={(n) => compactMoney(n, s.currency)}
          ariaLabel={`${which}: revenue and spend per ${by}`}
        />
      </ChartFrame>
    </div>
  );
}

/**
 * Results by channel (issue 18): the period's sent, delivered, failed, replies, clicks, opt-outs, conversions,
 * revenue, spend and ROI for texts, e-mails and calls and in all, from the daily roll-ups. The page's channel filter
 * narrows the headline figures and the charts; the table always shows every channel beside the total.
 */
export function ChannelSummarySection({ channel }: { channel: ChannelChoice }) {
  const [period, setPeriod] = useState<Period>(() => defaultPeriod(new Date()));
  const range = periodRange(period, new Date());
  const q = useQuery(
    () =>
      range
        ? api.analytics.summary({ ...range, bucket: period.bucket, top: 5, ...(channel ? { channel } : {}) })
        : Promise.resolve(undefined),
    [range, period.bucket, channel],
    ['campaigns', 'inbox', 'contacts', 'settings'],
  );
  const s = q.data;
  return (
    <section className="an-card an-channel-summary" aria-labelledby="an-by-channel" data-testid="channel-summary">
      <div className="an-card-head">
        <h2 id="an-by-channel">Results by channel</h2>
        {s && <span className="an-compare">{rangeWords(s.current.from, s.current.to)}</span>}
      </div>
      <PeriodPicker value={period} onChange={setPeriod} />
      {!range && <ErrorBanner message="Choose a start date on or before the end date." />}
      <ErrorBanner message={q.error} />
      {!s ? (
        range && !q.error && <Loading />
      ) : s.channels.length === 0 ? (
        <p className="muted">Nothing was sent in this period, on any channel.</p>
      ) : (
        <>
          <Figures s={s} />
          <ChannelTable
            rows={s.channels}
            total={allChannels(s)}
            currency={s.currency}
            roi
            selected={s.channel}
            caption="The period's results per channel, with the total of all channels"
          />
          <p className="muted small">
            {CHANNEL_TABLE_NOTE} Spend is what each message cost when it was handed over (texts per segment, e-mails per
            message, calls per call).
          </p>
          <Charts s={s} />
        </>
      )}
    </section>
  );
}
