import { scaleBand, scaleLinear } from '@visx/scale';

/**
 * Charts drawn as vector graphics in the PDF, laid out with the same d3 scales (through @visx/scale) as the
 * app's charts, from the same figures. Colours are the app's light theme.
 */
export const PDF_COLOURS = {
  text: '#1b1f24',
  muted: '#5f6b7a',
  grid: '#dde1e7',
  track: '#eef0f4',
  series: ['#2563eb', '#0f766e', '#b45309', '#7c3aed', '#15803d'],
};

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartSeries<P> {
  label: string;
  value(p: P): number;
}

const AXIS = 44;
const BOTTOM = 18;
const LEGEND = 16;

/** Grouped bars over time with a value axis, tick labels and a legend. */
export function drawBarChart<P>(
  doc: PDFKit.PDFDocument,
  box: Box,
  points: P[],
  label: (p: P) => string,
  series: Array<ChartSeries<P>>,
  format: (n: number) => string,
): void {
  const plot = { x: box.x + AXIS, y: box.y + LEGEND, width: box.width - AXIS, height: box.height - LEGEND - BOTTOM };
  const labels = points.map(label);
  const x = scaleBand<string>({ domain: labels, range: [plot.x, plot.x + plot.width], padding: 0.25 });
  const max = Math.max(0, ...points.flatMap((p) => series.map((s) => s.value(p))));
  const y = scaleLinear<number>({ domain: [0, max > 0 ? max : 1], range: [plot.y + plot.height, plot.y], nice: true });
  const inner = scaleBand<number>({ domain: series.map((_, i) => i), range: [0, x.bandwidth()], padding: 0.1 });

  series.forEach((s, i) => {
    const lx = box.x + AXIS + i * 150;
    doc.rect(lx, box.y + 2, 8, 8).fill(PDF_COLOURS.series[i % 5]);
    doc
      .fillColor(PDF_COLOURS.muted)
      .font('Helvetica')
      .fontSize(8)
      .text(s.label, lx + 12, box.y + 2, { lineBreak: false });
  });
  for (const t of y.ticks(4)) {
    const ty = y(t);
    doc
      .moveTo(plot.x, ty)
      .lineTo(plot.x + plot.width, ty)
      .lineWidth(0.5)
      .strokeColor(PDF_COLOURS.grid)
      .stroke();
    doc
      .fillColor(PDF_COLOURS.muted)
      .fontSize(7.5)
      .text(format(t), box.x, ty - 4, { width: AXIS - 6, align: 'right', lineBreak: false });
  }
  points.forEach((p, i) => {
    series.forEach((s, j) => {
      const v = s.value(p);
      if (v <= 0) return;
      const top = y(v);
      doc
        .rect((x(labels[i]) ?? 0) + (inner(j) ?? 0), top, Math.max(0.8, inner.bandwidth()), plot.y + plot.height - top)
        .fill(PDF_COLOURS.series[j % 5]);
    });
  });
  const every = Math.max(1, Math.ceil(labels.length / Math.max(1, Math.floor(plot.width / 48))));
  labels.forEach((l, i) => {
    if (i % every !== 0) return;
    const cx = (x(l) ?? 0) + x.bandwidth() / 2;
    doc
      .fillColor(PDF_COLOURS.muted)
      .fontSize(7.5)
      .text(l, cx - 30, plot.y + plot.height + 5, { width: 60, align: 'center', lineBreak: false });
  });
  doc
    .moveTo(plot.x, plot.y + plot.height)
    .lineTo(plot.x + plot.width, plot.y + plot.height)
    .lineWidth(0.8)
    .strokeColor(PDF_COLOURS.muted)
    .stroke();
}

export interface FunnelStepPdf {
  label: string;
  count: number;
  share: string;
}

/** The funnel as horizontal bars on one scale, each with its count and its share of the step before. */
export function drawFunnel(doc: PDFKit.PDFDocument, box: Box, steps: FunnelStepPdf[]): void {
  const labelWidth = 70;
  const valueWidth = 150;
  const plotWidth = box.width - labelWidth - valueWidth;
  const y = scaleBand<number>({ domain: steps.map((_, i) => i), range: [box.y, box.y + box.height], padding: 0.25 });
  const x = scaleLinear<number>({ domain: [0, Math.max(1, ...steps.map((s) => s.count))], range: [0, plotWidth] });
  steps.forEach((s, i) => {
    const top = y(i) ?? 0;
    const h = y.bandwidth();
    doc
      .fillColor(PDF_COLOURS.text)
      .font('Helvetica')
      .fontSize(9)
      .text(s.label, box.x, top + h / 2 - 4.5, { width: labelWidth - 8, align: 'right', lineBreak: false });
    doc.roundedRect(box.x + labelWidth, top, plotWidth, h, 2).fill(PDF_COLOURS.track);
    if (s.count > 0)
      doc.roundedRect(box.x + labelWidth, top, Math.max(1.5, x(s.count)), h, 2).fill(PDF_COLOURS.series[i % 5]);
    doc
      .fillColor(PDF_COLOURS.text)
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(s.count.toLocaleString('en-US'), box.x + labelWidth + plotWidth + 8, top + h / 2 - 4.5, {
        continued: !!s.share,
        lineBreak: false,
      });
    if (s.share)
      doc.fillColor(PDF_COLOURS.muted).font('Helvetica').fontSize(8).text(`   ${s.share}`, { lineBreak: false });
  });
}
