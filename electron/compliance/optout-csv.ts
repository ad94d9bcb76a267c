import { CONSENT_SOURCE_LABEL, type OptOutReportRow } from '../../shared/ipc/channels/optouts';

export const OPT_OUT_CSV_HEADER = [
  'at',
  'phone',
  'name',
  'change',
  'previous_state',
  'how',
  'source',
  'actor',
  'message',
  'inbound_message_id',
  'channel',
  'email',
] as const;

/**
 * One CSV cell. Texts come from customers, so a reply such as "=HYPERLINK(…)" must not become a formula when the
 * file is opened in a spreadsheet: such cells get a leading apostrophe. A plain E.164 number is left alone (as a
 * formula it is only a number, and the report is read by phone number).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  // A number is never a formula: -1 stays a number a spreadsheet can add up.
  if (typeof value === 'number') return String(value);
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^\+\d{6,15}$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function optOutCsvLine(r: OptOutReportRow): string {
  return [
    r.at,
    r.phone,
    r.name,
    r.newState === 'opted_out' ? 'opted out' : 'opted in',
    r.oldState.replace('_', ' '),
    CONSENT_SOURCE_LABEL[r.source] ?? r.source,
    r.source,
    r.actor,
    r.message,
    r.inboundMessageId,
    r.channel,
    r.email,
  ]
    .map(csvCell)
    .join(',');
}

/** The report as RFC 4180 CSV (CRLF line ends), header first. */
export function optOutCsv(rows: Iterable<OptOutReportRow>): { csv: string; rows: number } {
  const lines = [OPT_OUT_CSV_HEADER.join(',')];
  for (const r of rows) lines.push(optOutCsvLine(r));
  return { csv: `${lines.join('\r\n')}\r\n`, rows: lines.length - 1 };
}
