import type { OrderColumnView, OrderField } from '../../../shared/ipc/channels/analytics';

/**
 * Header aliases of the layouts owners export: Shopify's orders export (Name = order number, Total, Created at,
 * Email, Phone, Billing Phone), Square's transactions export (Transaction ID, Total Collected, Date +
 * Time, Time Zone; Square lists the customer by Customer ID and Customer Name only), and plain spreadsheets. Compared case- and punctuation-insensitively.
 */
const ALIASES: Record<Exclude<OrderField, 'drop'>, string[]> = {
  order_id: [
    'order id',
    'order',
    'order number',
    'order no',
    'name',
    'transaction id',
    'receipt number',
    'invoice',
    'invoice number',
    'id',
  ],
  phone: [
    'phone',
    'phone number',
    'billing phone',
    'shipping phone',
    'customer phone',
    'mobile',
    'mobile phone',
    'cell',
  ],
  email: ['email', 'e mail', 'customer email', 'email address'],
  date: ['date', 'created at', 'order date', 'paid at', 'processed at', 'created', 'datetime'],
  time: ['time', 'order time'],
  time_zone: ['time zone', 'timezone'],
  amount: ['amount', 'total', 'total collected', 'order total', 'gross sales', 'total amount', 'price', 'revenue'],
  currency: ['currency'],
};

const norm = (h: string) =>
  h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export function detectLayout(headers: string[]): 'shopify' | 'square' | null {
  const set = new Set(headers.map(norm));
  if (set.has('name') && set.has('financial status') && set.has('total')) return 'shopify';
  if (set.has('transaction id') && set.has('total collected')) return 'square';
  return null;
}

/** One target per column: the user's choice, else the first alias that fits a still-free field (earlier columns first). */
export function mapOrderColumns(headers: string[], user: Record<string, OrderField> = {}): OrderColumnView[] {
  const userByHeader = new Map(Object.entries(user).map(([h, t]) => [norm(h), t]));
  const taken = new Set<OrderField>();
  const columns: OrderColumnView[] = headers.map((header, index) => {
    const chosen = userByHeader.get(norm(header));
    if (chosen) {
      if (chosen !== 'drop') taken.add(chosen);
      return { index, header, target: chosen, source: 'user' as const };
    }
    return { index, header, target: 'drop' as const, source: 'unmapped' as const };
  });
  // Aliases in priority order: a Shopify file has both "Phone" and "Billing Phone"; the first alias listed wins.
  for (const [field, aliases] of Object.entries(ALIASES) as Array<[Exclude<OrderField, 'drop'>, string[]]>) {
    if (taken.has(field)) continue;
    for (const alias of aliases) {
      const col = columns.find((c) => c.source === 'unmapped' && norm(c.header) === alias);
      if (col) {
        col.target = field;
        col.source = 'alias';
        taken.add(field);
        // Every phone or e-mail column is kept: a Shopify order often has its number under Billing Phone only.
        if (field !== 'phone' && field !== 'email') break;
      }
    }
  }
  return columns;
}

/** Why this mapping cannot import anything, or null. */
export function mappingProblem(columns: OrderColumnView[]): string | null {
  const has = (f: OrderField) => columns.some((c) => c.target === f);
  if (!has('amount')) return 'No column holds the order amount: map one to "amount" (e.g. Total).';
  if (!has('phone') && !has('email')) {
    if (detectLayout(columns.map((c) => c.header)) === 'square') {
      return 'This Square transactions export names customers (Customer ID, Customer Name) but has no phone or e-mail column to find them by. Add a "Customer Phone" or "Customer Email" column (Square\'s Customers export has both, by Square Customer ID), then import again.';
    }
    return 'No column holds a phone number or an e-mail to find the customer by: map one to "phone" or "email".';
  }
  if (!has('date')) return 'No column holds the order date: map one to "date" (e.g. Created at).';
  if (!has('order_id'))
    return 'No column holds the order id: map one to "order_id" (e.g. Name in a Shopify export), so a re-import never counts an order twice.';
  return null;
}
