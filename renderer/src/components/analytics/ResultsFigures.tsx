import { formatMoney, hasRevenue, type RateName } from '../../../../shared/analytics';
import type { CampaignResultsView } from '../../../../shared/ipc/channels/analytics';
import { Kpi } from './Kpi';
import { formatPercent, formatRoi } from './format';

/** "95% range 6.1–11.0%": where the rate could really be, from this many messages. */
function range(v: CampaignResultsView, name: RateName): string | undefined {
  const i = v.intervals[name];
  return i ? `95% range ${formatPercent(i.low)}–${formatPercent(i.high)}` : undefined;
}

/** A campaign's headline figures: counts, rates with their intervals, and the money. */
export function ResultsFigures({ view: v }: { view: CampaignResultsView }) {
  const money = (minor: number) => formatMoney(minor, v.currency);
  const revenueRecorded = hasRevenue({ revenueMinor: v.money.revenueMinor, converted: v.converted });
  return (
    <>
      <div className="an-kpis" aria-label="Results">
        <Kpi
          testId="res-sent"
          label="Sent"
          value={v.sent.toLocaleString()}
          detail={v.pending ? `${v.pending.toLocaleString()} still to go` : `${v.failed.toLocaleString()} failed`}
        />
        <Kpi
          testId="res-delivered"
          label="Delivered"
          value={formatPercent(v.rates.delivery)}
          detail={`${v.delivered.toLocaleString()} · ${range(v, 'delivery') ?? 'nothing sent yet'}`}
        />
        <Kpi
          testId="res-reply"
          label="Reply rate"
          value={formatPercent(v.rates.reply)}
          detail={`${v.replied.toLocaleString()} replied${range(v, 'reply') ? ` · ${range(v, 'reply')}` : ''}`}
        />
        <Kpi
          testId="res-click"
          label="Click rate"
          value={formatPercent(v.rates.click)}
          detail={`${v.clicked.toLocaleString()} clicked${range(v, 'click') ? ` · ${range(v, 'click')}` : ''}`}
        />
        <Kpi
          testId="res-optout"
          label="Opt-out rate"
          value={formatPercent(v.rates.optOut)}
          detail={`${v.optedOut.toLocaleString()} opted out${range(v, 'optOut') ? ` · ${range(v, 'optOut')}` : ''}`}
        />
        <Kpi
          testId="res-conversion"
          label="Conversion rate"
          value={formatPercent(v.rates.conversion)}
          detail={`${v.converted.toLocaleString()} converted${range(v, 'conversion') ? ` · ${range(v, 'conversion')}` : ''}`}
        />
      </div>
      <div className="an-kpis" aria-label="Money">
        <Kpi
          testId="res-revenue"
          label="Revenue"
          value={money(v.money.revenueMinor)}
          detail={v.money.epmMinor === null ? undefined : `${money(v.money.epmMinor)} per delivered text`}
        />
        <Kpi
          testId="res-spend"
          label="Spend"
          value={money(v.money.spendMinor)}
          detail={
            v.money.costPerConversionMinor === null
              ? 'no conversion yet'
              : `${money(v.money.costPerConversionMinor)} per conversion`
          }
        />
        <Kpi
          testId="res-roi"
          label="ROI"
          value={formatRoi(v.roi, revenueRecorded)}
          words={!revenueRecorded}
          detail={revenueRecorded ? '(revenue − spend) ÷ spend' : 'mark a sale, import orders or set a thank-you page'}
        />
      </div>
    </>
  );
}
