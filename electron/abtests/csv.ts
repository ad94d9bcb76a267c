import type { AbReport } from '../../shared/ipc/channels/abtests';

const COLUMNS = [
  'campaign_id',
  'campaign',
  'variant',
  'label',
  'split_percent',
  'messages',
  'sent',
  'delivered',
  'failed',
  'pending',
  'skipped',
  'clicked',
  'clicks',
  'replied',
  'opted_out',
  'converted',
  'metric',
  'rate_basis',
  'rate',
  'rate_low',
  'rate_high',
  'winner',
  'decided',
  'p_value',
  'verdict',
  'body',
] as const;

/** Spreadsheets run a cell that starts with = + - @ as a formula: a variant text must never do that. */
function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const share = (x: number | null | undefined) => (x === null || x === undefined ? null : Number(x.toFixed(6)));

/** One row per variant with its counts, its rate and interval, and the verdict (UTF-8 with BOM, CRLF: Excel-friendly). */
export function abReportCsv(report: AbReport): { fileName: string; csv: string } {
  const rows = report.variants.map((v) => ({
    campaign_id: report.campaign.id,
    campaign: report.campaign.name,
    variant: v.name,
    label: v.label,
    split_percent: v.ratio,
    messages: v.messages,
    sent: v.sent,
    delivered: v.delivered,
    failed: v.failed,
    pending: v.pending,
    skipped: v.skipped,
    clicked: v.clicked,
    clicks: v.clicks,
    replied: v.replied,
    opted_out: v.optedOut,
    converted: v.converted,
    metric: report.metric,
    rate_basis: report.basis,
    rate: share(v.rate),
    rate_low: share(v.interval?.low),
    rate_high: share(v.interval?.high),
    winner: report.verdict.winner === v.index,
    decided: report.verdict.decided,
    p_value: report.verdict.test ? Number(report.verdict.test.pValue.toPrecision(6)) : null,
    verdict: report.verdict.sentence,
    body: v.body,
  }));
  const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))];
  const slug =
    report.campaign.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'campaign';
  return { fileName: `ab-test-${report.campaign.id}-${slug}.csv`, csv: `\uFEFF${lines.join('\r\n')}\r\n` };
}
