import PDFDocument from 'pdfkit';
import { formatMoney } from '../../shared/analytics';
import { funnelBase, periodFunnel } from '../../shared/reports/funnel';
import type { ReportContent, ReportFigure } from './content';
import { drawBarChart, drawFunnel, PDF_COLOURS } from './pdf-charts';

const PAGE = { width: 595.28, height: 841.89, margin: 42 };
const WIDTH = PAGE.width - 2 * PAGE.margin;
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function heading(doc: PDFKit.PDFDocument, text: string, y: number): number {
  doc.fillColor(PDF_COLOURS.text).font('Helvetica-Bold').fontSize(12).text(text, PAGE.margin, y, { lineBreak: false });
  return y + 20;
}

function figureBox(doc: PDFKit.PDFDocument, f: ReportFigure, x: number, y: number, w: number, h: number): void {
  doc.roundedRect(x, y, w, h, 4).lineWidth(0.6).strokeColor(PDF_COLOURS.grid).stroke();
  doc
    .fillColor(PDF_COLOURS.muted)
    .font('Helvetica')
    .fontSize(7.5)
    .text(f.label.toUpperCase(), x + 8, y + 7, { width: w - 16, lineBreak: false });
  const words = /[a-z]/.test(f.value) && !/^[−+-]?\d/.test(f.value);
  doc
    .fillColor(words ? PDF_COLOURS.muted : PDF_COLOURS.text)
    .font('Helvetica-Bold')
    .fontSize(words ? 10 : 15)
    .text(f.value, x + 8, y + (words ? 22 : 19), { width: w - 16, lineBreak: false });
  const good =
    f.direction === 'flat' ? PDF_COLOURS.muted : (f.direction === 'up') !== f.inverse ? '#15803d' : '#b91c1c';
  const change = f.change ? `${f.change} vs ${f.previous}` : `before: ${f.previous}`;
  doc
    .fillColor(f.change ? good : PDF_COLOURS.muted)
    .font('Helvetica')
    .fontSize(7.5)
    .text(change, x + 8, y + h - 14, { width: w - 16, lineBreak: false });
}

/**
 * The report as a PDF (pdfkit, vector graphics, the standard Helvetica so nothing is embedded or downloaded):
 * headline figures against the previous period, activity and outcomes over time, the funnel, top campaigns and the
 * attribution windows used.
 */
export function renderReportPdf(r: ReportContent): Promise<Buffer> {
  const s = r.summary;
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    info: {
      Title: `${r.business || 'SMS Campaign Desk'} — ${r.period.label}`,
      Author: 'SMS Campaign Desk',
      Subject: 'Texting results report',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const money = (minor: number) => formatMoney(minor, s.currency, 'en-US');
  const kind = r.period.kind === 'week' ? 'Weekly' : 'Monthly';

  let y = PAGE.margin;
  doc.fillColor(PDF_COLOURS.text).font('Helvetica-Bold').fontSize(20).text(`${kind} texting report`, PAGE.margin, y);
  y += 26;
  doc
    .fillColor(PDF_COLOURS.muted)
    .font('Helvetica')
    .fontSize(10.5)
    .text(
      `${r.business ? `${r.business} · ` : ''}${r.period.label} · compared with the ${r.period.kind} before`,
      PAGE.margin,
      y,
    );
  y += 26;

  const cols = 4;
  const gap = 8;
  const w = (WIDTH - gap * (cols - 1)) / cols;
  const h = 50;
  r.figures.forEach((f, i) =>
    figureBox(doc, f, PAGE.margin + (i % cols) * (w + gap), y + Math.floor(i / cols) * (h + gap), w, h),
  );
  y += Math.ceil(r.figures.length / cols) * (h + gap) + 10;

  y = heading(doc, 'Messages sent', y);
  drawBarChart(
    doc,
    { x: PAGE.margin, y, width: WIDTH, height: 130 },
    s.series,
    (p) => p.label,
    [{ label: 'Sent', value: (p) => p.sent }],
    (n) => n.toLocaleString('en-US'),
  );
  y += 146;
  y = heading(doc, 'Replies, clicks and conversions', y);
  drawBarChart(
    doc,
    { x: PAGE.margin, y, width: WIDTH, height: 130 },
    s.series,
    (p) => p.label,
    [
      { label: 'Replies', value: (p) => p.replied },
      { label: 'Clicks', value: (p) => p.clicked },
      { label: 'Conversions', value: (p) => p.converted },
    ],
    (n) => n.toLocaleString('en-US'),
  );
  y += 146;
  y = heading(doc, 'Funnel', y);
  drawFunnel(
    doc,
    { x: PAGE.margin, y, width: WIDTH, height: 110 },
    periodFunnel(s.current).map((step) => ({
      label: step.label,
      count: step.count,
      share: step.ofPrevious === null ? '' : `${pct(step.ofPrevious)} of ${funnelBase(step.step)}`,
    })),
  );
  y += 122;

  doc.addPage();
  y = heading(doc, 'Top campaigns', PAGE.margin);
  const columns = [
    { title: 'Campaign', width: 195, align: 'left' as const },
    { title: 'Sent', width: 60, align: 'right' as const },
    { title: 'Reply rate', width: 70, align: 'right' as const },
    { title: 'Conversions', width: 70, align: 'right' as const },
    { title: 'Revenue', width: 60, align: 'right' as const },
    { title: 'ROI', width: 56, align: 'right' as const },
  ];
  const row = (cells: string[], bold: boolean) => {
    let x = PAGE.margin;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(9)
      .fillColor(bold ? PDF_COLOURS.muted : PDF_COLOURS.text);
    cells.forEach((c, i) => {
      doc.text(c, x + 2, y, { width: columns[i].width - 4, align: columns[i].align, lineBreak: false, ellipsis: true });
      x += columns[i].width;
    });
    y += 16;
    doc
      .moveTo(PAGE.margin, y - 4)
      .lineTo(PAGE.margin + WIDTH, y - 4)
      .lineWidth(0.4)
      .strokeColor(PDF_COLOURS.grid)
      .stroke();
  };
  row(
    columns.map((c) => c.title),
    true,
  );
  if (s.topCampaignRows.length === 0) {
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(PDF_COLOURS.muted)
      .text('No campaign sent anything in this period.', PAGE.margin, y);
    y += 16;
  }
  for (const c of s.topCampaignRows) {
    const roi =
      c.revenueMinor === 0 && c.converted === 0
        ? 'no revenue recorded'
        : c.roi === null
          ? '—'
          : `${(c.roi * 100).toFixed(0)}%`;
    row(
      [
        c.name,
        c.sent.toLocaleString('en-US'),
        pct(c.replyRate),
        c.converted.toLocaleString('en-US'),
        money(c.revenueMinor),
        roi,
      ],
      false,
    );
  }
  y += 14;
  y = heading(doc, 'How these figures are counted', y);
  const notes = [
    s.windowsNote,
    'Replies, clicks, opt-outs and conversions are counted once per recipient; rates are per delivered message (delivery rate per sent message).',
    `Spend is segments sent × the provider's price per segment at the time of sending, in ${s.currency}.`,
    s.dayNote,
    `Generated ${new Date(r.generatedAt).toUTCString()} by SMS Campaign Desk.`,
  ];
  doc.font('Helvetica').fontSize(9).fillColor(PDF_COLOURS.muted);
  for (const n of notes) {
    doc.text(n, PAGE.margin, y, { width: WIDTH });
    y = doc.y + 4;
  }
  doc.end();
  return done;
}
