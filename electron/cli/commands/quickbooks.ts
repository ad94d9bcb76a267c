import { formatMoney } from '../../../shared/analytics';
import { defineCommand, type Command } from '../framework';

export const quickbooksCommands: Command[] = [
  defineCommand({
    name: 'quickbooks status',
    usage: 'quickbooks status',
    summary:
      'QuickBooks Online: connection, last sync, customers and sales synced, conversions and the sales no contact matches.',
    options: {},
    async run(ctx) {
      const s = (await ctx.app()).quickbooks.status();
      const money = (minor: number) => formatMoney(minor, s.currency, 'en-US');
      const lines = [
        `QuickBooks: ${s.label} (${s.environment}${s.realmId ? `, company ${s.realmId}` : ''})`,
        `Last sync: ${s.lastSyncAt ?? 'never'}${s.lastError ? ` — ${s.lastError}` : ''}`,
        `Customers: ${s.counts.customers} (${s.counts.unmatchedCustomers} match no contact)`,
        `Sales: ${s.counts.sales}; ${s.counts.conversions} conversions worth ${money(s.counts.revenueMinor)}, ${s.counts.attributed} attributed to a campaign (${money(s.counts.attributedRevenueMinor)})`,
        `${s.counts.unmatchedSales} sales could not be matched to a contact`,
        ...s.unmatched.map(
          (u) =>
            `  ${u.at.slice(0, 10)}  ${u.entity} ${u.id}  ${u.customerName ?? '(no customer)'}  ${money(u.amountMinor)}`,
        ),
      ];
      return { json: s, text: lines.join('\n') };
    },
  }),
  defineCommand({
    name: 'quickbooks sync',
    usage: 'quickbooks sync [--full]',
    summary:
      'Read QuickBooks changes since the last sync (--full: everything) and record its sales as conversions; refreshes the token itself.',
    options: { full: { type: 'boolean' } },
    async run(ctx, { values }) {
      const r = await (await ctx.app()).quickbooks.sync(values.full === true);
      return {
        json: r,
        text: `${r.customers} customers, ${r.sales} sales read; ${r.conversions} conversions recorded; ${r.deleted} deleted sales removed; ${r.unmatched} sales could not be matched to a contact.`,
      };
    },
  }),
];
