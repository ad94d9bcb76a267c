import { describe, expect, it } from 'vitest';
import { reportContent } from '../../../electron/reports/content';
import { reportCsv } from '../../../electron/reports/csv';
import { renderReportPdf } from '../../../electron/reports/pdf';
import { lastCompletePeriod } from '../../../electron/reports/period';
import { parseCsvRecords } from '../../../electron/contacts/import/csv-parser';
import { salonWeek } from './summary-fixture';
import { pdfPages } from './pdf-text';

const period = lastCompletePeriod('week', new Date('2026-12-09T10:00:00Z'));

describe('the report PDF', () => {
  it('is a real PDF whose text says the period, the figures against the week before, the top campaigns and the windows', async () => {
    const pdf = await renderReportPdf(
      reportContent('Bloom Salon', period, salonWeek(period.from), '2026-12-09T10:00:00.000Z'),
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const [first, second] = await pdfPages(pdf);
    expect(first).toContain('Weekly texting report');
    expect(first).toContain('Bloom Salon · Week 49: 30 Nov – 6 Dec 2026 · compared with the week before');
    for (const label of [
      'SENT',
      'DELIVERY RATE',
      'REPLY RATE',
      'CLICK RATE',
      'OPT-OUT RATE',
      'REVENUE',
      'SPEND',
      'ROI',
      'NEW CONTACTS',
    ])
      expect(first).toContain(label);
    expect(first).toContain('421'); // sent in the week
    expect(first).toMatch(/up \d+% vs 300/); // sent against the week before
    expect(first).toMatch(/up \d\.\d pts vs 6\.9%/); // the reply rate, in points
    expect(first).toContain('Messages sent');
    expect(first).toContain('Funnel');
    expect(first).toMatch(/Delivered \d+ +97\.\d% of sent/);
    expect(second).toContain('Top campaigns');
    expect(second).toContain('Colour week');
    expect(second).toContain('Gift cards for December');
    expect(second).toContain('Attribution: last touch, 5-day click window, 24-hour delivery window.');
  });

  it('says "no revenue recorded" rather than −100 % when no sale was connected', async () => {
    const pdf = await renderReportPdf(
      reportContent('Bloom Salon', period, salonWeek(period.from, { revenue: false }), '2026-12-09T10:00:00.000Z'),
    );
    const [first, second] = await pdfPages(pdf);
    expect(first).toContain('no revenue recorded');
    expect(first).not.toContain('-100%');
    expect(second).toContain('no revenue recorded');
  });
});

describe('the report CSV', () => {
  it('has the figures, the days and the top campaigns as tables a spreadsheet reads, formulas defused', () => {
    const summary = salonWeek(period.from);
    summary.topCampaignRows[1].name = '=HYPERLINK("http://evil")';
    const csv = reportCsv(reportContent('Bloom Salon', period, summary, '2026-12-09T10:00:00.000Z'));
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = parseCsvRecords(csv.slice(1).replace(/\r\n/g, '\n'), ',');
    expect(rows[0]).toEqual(['report', 'period', 'from', 'to', 'currency', 'attribution']);
    expect(rows.find((r) => r[0] === 'Sent')).toEqual(['Sent', '421', '300', 'up 40%']);
    expect(rows.find((r) => r[0] === 'Reply rate')?.[1]).toMatch(/^0\.1/);
    expect(rows.filter((r) => /^2026-1[12]-\d\d$/.test(r[0]))).toHaveLength(7);
    expect(rows.find((r) => r[0] === '2')?.[1]).toBe(`'=HYPERLINK("http://evil")`);
  });
});
