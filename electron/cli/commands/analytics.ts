import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { formatMoney, fromMinor } from '../../../shared/analytics';
import { CHANNEL_LABEL, CHANNELS, MEASURED_ON } from '../../../shared/campaign-channels';
import { ORDER_FIELDS as ORDER_FIELDS_CLI, type OrderField } from '../../../shared/ipc/channels/analytics';
import type { OrderImportReport } from '../../../shared/ipc/channels/analytics';
import { EXPORT_KINDS, type ExportKind } from '../../../shared/ipc/channels/analytics';
import { call, callLoose, defineCommand, UsageError, type Command } from '../framework';
import {
  exportLines,
  catchUpOutcomes,
  analyticsSettings,
  readOrdersFile,
  importOrders,
  mapOrderColumns,
  orderImportContext,
} from '../../analytics';
import { mapping } from './imports';

const positiveId = (text: string, what = 'campaign id'): number => {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${what} must be a positive number, got "${text}"`);
  return Number(text);
};
const MEASURE_WORD = { replied: 'replied', clicked: 'clicked', optedOut: 'opted out' } as const;
const pct = (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(1)} %`);

type CampaignResults = Awaited<ReturnType<typeof campaignResultsOf>>;
const campaignResultsOf = (app: Parameters<typeof call>[0], campaignId: number) =>
  call(app, 'analytics:campaignResults', { campaignId });

/** Each channel's figures, money in the currency (`campaigns results --by-channel`). */
function channelFigures(r: CampaignResults) {
  return r.channels.map((ch) => ({
    channel: ch.channel,
    sent: ch.sent,
    delivered: ch.delivered,
    failed: ch.failed,
    replied: ch.replied,
    clicked: ch.clicked,
    optedOut: ch.optedOut,
    converted: ch.converted,
    revenue: fromMinor(ch.revenueMinor, r.currency),
    spend: fromMinor(ch.spendMinor, r.currency),
    pending: ch.pending,
  }));
}

export const analyticsCommands: Command[] = [
  defineCommand({
    name: 'campaigns results',
    usage: 'campaigns results <id> [--by-channel]',
    summary:
      'What a campaign achieved: replies, clicks, opt-outs, conversions, revenue, spend, ROI (--by-channel adds each channel’s figures).',
    args: { min: 1, max: 1 },
    options: { 'by-channel': { type: 'boolean' } },
    async run(ctx, { positionals: [id], values }) {
      const r = await campaignResultsOf(await ctx.app(), positiveId(id));
      const json = {
        id: r.id,
        name: r.name,
        sent: r.sent,
        delivered: r.delivered,
        failed: r.failed,
        replied: r.replied,
        clicked: r.clicked,
        optedOut: r.optedOut,
        converted: r.converted,
        revenue: r.revenue,
        spend: r.spend,
        currency: r.currency,
        rates: r.rates,
        roi: r.roi,
        epm: r.epm,
        costPerConversion: r.costPerConversion,
        windows: r.windows,
        // The issue's shape is exact: the per-channel figures only when asked for.
        ...(values['by-channel'] ? { channels: channelFigures(r) } : {}),
      };
      const text = [
        `Campaign ${r.id}: ${r.name}`,
        `Sent ${r.sent}, delivered ${r.delivered} (${pct(r.rates.delivery)}), failed ${r.failed}`,
        `Replied ${r.replied} (${pct(r.rates.reply)}), clicked ${r.clicked} (${pct(r.rates.click)}), opted out ${r.optedOut} (${pct(r.rates.optOut)}), converted ${r.converted} (${pct(r.rates.conversion)})`,
        `Revenue ${formatMoney(r.money.revenueMinor, r.currency)}, spend ${formatMoney(r.money.spendMinor, r.currency)}, ROI ${r.roi === null ? '–' : pct(r.roi)}${r.money.revenueMinor === 0 && r.converted === 0 ? ' (no revenue recorded)' : ''}`,
        ...(r.channels.length > 1 || r.channels.some((ch) => ch.channel !== 'sms')
          ? r.channels.map(
              (ch) =>
                `  ${CHANNEL_LABEL[ch.channel]}: sent ${ch.sent}, delivered ${ch.delivered}, failed ${ch.failed}, ${MEASURED_ON[ch.channel].map((m) => `${MEASURE_WORD[m]} ${ch[m]}`).join(', ')}, converted ${ch.converted}, revenue ${formatMoney(ch.revenueMinor, r.currency)}, spend ${formatMoney(ch.spendMinor, r.currency)}`,
            )
          : []),
        r.windowsNote,
      ].join('\n');
      return { json, text };
    },
  }),
  defineCommand({
    name: 'conversions add',
    usage: 'conversions add --phone P --amount A [--at ISO] [--note T] [--order-id ID]',
    summary: 'Record a sale or booking for a contact (attributed to the campaign that earned it, if any).',
    options: {
      phone: { type: 'string' },
      amount: { type: 'string' },
      at: { type: 'string' },
      note: { type: 'string' },
      'order-id': { type: 'string' },
    },
    async run(ctx, { values }) {
      if (!values.phone) throw new UsageError('--phone is required');
      const amount = values.amount === undefined ? 0 : Number(values.amount);
      if (!Number.isFinite(amount) || amount < 0)
        throw new UsageError(`--amount must be a number of 0 or more, got "${String(values.amount)}"`);
      const r = await callLoose(await ctx.app(), 'conversions:add', {
        phone: values.phone,
        amount,
        ...(values.at ? { at: values.at } : {}),
        ...(values.note ? { note: values.note } : {}),
        ...(values['order-id'] ? { orderId: values['order-id'] } : {}),
      });
      return {
        json: r,
        text: `Recorded conversion ${r.id} for contact ${r.contactId}${r.campaignId ? `, attributed to campaign ${r.campaignId}` : ', not attributable to a campaign'}.`,
      };
    },
  }),
  defineCommand({
    name: 'conversions list',
    usage: 'conversions list [--campaign ID]',
    summary: 'Conversions, newest first.',
    options: { campaign: { type: 'string' } },
    async run(ctx, { values }) {
      const page = await call(await ctx.app(), 'conversions:list', {
        ...(values.campaign ? { campaignId: positiveId(values.campaign as string) } : {}),
        limit: 1000,
      });
      const text = page.rows.length
        ? page.rows
            .map(
              (r) =>
                `${r.id}\t${r.at}\t${r.phone ?? ''}\t${formatMoney(r.amountMinor, r.currency)}\t${r.source}\t${r.campaignId ?? 'unattributed'}`,
            )
            .join('\n')
        : 'No conversions.';
      return { json: page.rows, text };
    },
  }),
  defineCommand({
    name: 'conversions import',
    usage: 'conversions import <file> [--map "Header=field"]... [--dry-run] [--country US]',
    summary: `Import an orders CSV (Shopify, Square, any spreadsheet) as conversions; fields: ${ORDER_FIELDS_CLI.join(',')}.`,
    args: { min: 1, max: 1 },
    options: { map: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' }, country: { type: 'string' } },
    async run(ctx, { positionals: [file], values }) {
      const app = await ctx.app();
      const map = mapping(values.map) as Record<string, OrderField> | undefined;
      for (const target of Object.values(map ?? {}))
        if (!(ORDER_FIELDS_CLI as readonly string[]).includes(target))
          throw new UsageError(`--map field must be one of ${ORDER_FIELDS_CLI.join(', ')}, got "${target}"`);
      const path = resolve(file);
      const orders = await readOrdersFile(path, path.split(/[\\/]/).pop() ?? path);
      const r: OrderImportReport = importOrders(
        orderImportContext(app, values.country as string | undefined),
        orders,
        mapOrderColumns(orders.headers, map),
        !!values['dry-run'],
      );
      const json = {
        importId: r.importId,
        rows: r.rows,
        matched: r.matched,
        unmatched: r.unmatched,
        duplicates: r.duplicates,
        invalid: r.invalid,
        rejects: r.rejects,
      };
      const text = [
        `${r.dryRun ? 'Dry run: would import' : 'Imported'} ${r.matched} of ${r.rows} orders (${formatMoney(r.revenueMinor, r.currency)}, ${r.attributed} attributed to a campaign); ${r.unmatched} matched no contact, ${r.duplicates} already recorded, ${r.invalid} invalid${r.lineItems ? `, ${r.lineItems} further line items of multi-item orders` : ''}.`,
        ...r.rejects.slice(0, 10).map((x) => `  row ${x.row}: ${x.reason}`),
        r.dryRun ? '' : `Undo with the import id ${r.importId}.`,
      ]
        .filter(Boolean)
        .join('\n');
      return { json, text };
    },
  }),
  defineCommand({
    name: 'analytics summary',
    usage: 'analytics summary [--from ISO] [--to ISO] [--channel sms|email|voice]',
    summary:
      'Sent, spend, revenue, ROI, rates, list growth and top campaigns for a period (default: last 30 days), per channel and in all; --channel keeps one channel.',
    options: { from: { type: 'string' }, to: { type: 'string' }, channel: { type: 'string' } },
    async run(ctx, { values }) {
      for (const k of ['from', 'to'] as const)
        if (values[k] && Number.isNaN(Date.parse(values[k] as string)))
          throw new UsageError(`--${k} must be an ISO date such as 2026-11-01, got "${String(values[k])}"`);
      const channel = values.channel as string | undefined;
      if (channel !== undefined && !(CHANNELS as readonly string[]).includes(channel))
        throw new UsageError(`--channel must be one of ${CHANNELS.join(', ')}, got "${channel}"`);
      const s = await callLoose(await ctx.app(), 'analytics:summary', {
        ...(values.from ? { from: values.from } : {}),
        ...(values.to ? { to: values.to } : {}),
        ...(channel ? { channel } : {}),
      });
      // With --channel, the breakdown is that channel's line: `channels` always adds up to the figures above it.
      const channels = s.channels.filter((c) => s.channel === null || c.channel === s.channel);
      const json = {
        from: s.from,
        to: s.to,
        sent: s.sent,
        delivered: s.delivered,
        replied: s.replied,
        clicked: s.clicked,
        optedOut: s.optedOut,
        converted: s.converted,
        revenue: s.revenue,
        spend: s.spend,
        roi: s.roi,
        newContacts: s.newContacts,
        optOuts: s.optOuts,
        topCampaigns: s.topCampaigns,
        channels: channels.map((c) => ({
          channel: c.channel,
          sent: c.sent,
          delivered: c.delivered,
          failed: c.failed,
          replied: c.replied,
          clicked: c.clicked,
          optedOut: c.optedOut,
          converted: c.converted,
          revenue: fromMinor(c.revenueMinor, s.currency),
          spend: fromMinor(c.spendMinor, s.currency),
          roi: c.roi,
        })),
      };
      const notMeasured = (n: number | null) => (n === null ? 'not measured' : String(n));
      const text = [
        `${s.from} to ${s.to} (end excluded; ${s.dayNote})${s.channel ? ` — ${CHANNEL_LABEL[s.channel]} only` : ''}`,
        `Sent ${s.sent}, delivered ${s.delivered}, replied ${s.replied}, clicked ${s.clicked}, opted out ${s.optedOut}, converted ${s.converted}`,
        `Revenue ${formatMoney(s.current.revenueMinor, s.currency)}, spend ${formatMoney(s.current.spendMinor, s.currency)}, ROI ${s.roi === null ? '–' : pct(s.roi)}`,
        ...(channels.length > 1 || channels.some((c) => c.channel !== 'sms')
          ? channels.map(
              (c) =>
                `  ${CHANNEL_LABEL[c.channel]}: sent ${c.sent}, delivered ${c.delivered}, failed ${c.failed}, replied ${notMeasured(c.replied)}, clicked ${notMeasured(c.clicked)}, opted out ${c.optedOut}, converted ${c.converted}, revenue ${formatMoney(c.revenueMinor, s.currency)}, spend ${formatMoney(c.spendMinor, s.currency)}, ROI ${c.roi === null ? '–' : pct(c.roi)}`,
            )
          : []),
        `List (all channels): ${s.newContacts} new, ${s.optOuts} opted out`,
        ...s.topCampaigns.map((t) => `  ${t.id}\t${t.name}\t${t.revenue}\t${t.roi === null ? '–' : pct(t.roi)}`),
        s.windowsNote,
      ].join('\n');
      return { json, text };
    },
  }),
  defineCommand({
    name: 'analytics rebuild',
    usage: 'analytics rebuild',
    summary: 'Recompute the daily roll-ups from the stored messages, outcomes and conversions.',
    async run(ctx) {
      const r = await call(await ctx.app(), 'analytics:rebuild', {});
      return { json: r, text: `Rebuilt ${r.days} daily roll-ups of ${r.campaigns} campaigns in ${r.ms} ms.` };
    },
  }),
  defineCommand({
    name: 'export',
    usage: 'export messages|results|conversions|inbox <file> [--campaign ID]',
    summary:
      'Write a spreadsheet-safe CSV: every message with state, outcome and cost; campaign results; conversions; the inbox.',
    args: { min: 2, max: 2 },
    options: { campaign: { type: 'string' } },
    async run(ctx, { positionals: [kind, file], values }) {
      if (!(EXPORT_KINDS as readonly string[]).includes(kind))
        throw new UsageError(`export what? one of ${EXPORT_KINDS.join(', ')}, got "${kind}"`);
      const app = await ctx.app();
      const s = analyticsSettings(app.settings);
      catchUpOutcomes(app.db, s, app.now());
      const out = createWriteStream(resolve(file));
      let rows = -1;
      out.write('\ufeff');
      for (const l of exportLines(
        app.db,
        s,
        kind as ExportKind,
        values.campaign ? positiveId(values.campaign as string) : undefined,
      )) {
        rows++;
        if (!out.write(`${l}\r\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
      out.end();
      await finished(out);
      return { json: { file: resolve(file), rows }, text: `Wrote ${rows} rows to ${resolve(file)}` };
    },
  }),
];
