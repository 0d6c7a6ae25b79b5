// Server-rendered SVG charts for the console's results page. No client script and no `style=`
// (the CSP forbids it): colours are SVG presentation attributes, the rest is in app.css under
// "Console charts". Every chart carries its figures in a table for screen readers and keyboards,
// since an SVG with role="img" is one picture to assistive technology.
import {
  ChartFrame,
  chartId,
  EmptyChart,
  finite,
  formatShare,
  formatValue,
  HorizontalBars,
  NOT_AVAILABLE,
  NUMBER,
  rowHeight,
} from './ChartParts';

type FunnelChartProps = {
  title: string;
  steps: { label: string; count: number }[];
  id?: string;
  emptyText?: string;
};

/** Horizontal funnel: each step's count, its share of the first step and of the step before. */
export function FunnelChart({ title, steps, id, emptyText }: FunnelChartProps) {
  const counts = steps.map((step) => finite(step.count));
  if (!counts.some((count) => count !== 0)) {
    return <EmptyChart title={title} text={emptyText ?? 'Nothing to show for this period yet.'} />;
  }

  const first = counts[0] ?? 0;
  const rows = steps.map((step, index) => {
    const count = counts[index] ?? 0;
    const previous = counts[index - 1] ?? 0;
    const ofFirst = formatShare(count, first);
    const ofPrevious = index > 0 ? formatShare(count, previous) : NOT_AVAILABLE;
    const note =
      index === 0 ? undefined : `${ofFirst} of the first step, ${ofPrevious} of the previous`;
    return { label: step.label, value: count, ofFirst, ofPrevious, note };
  });
  const last = rows[rows.length - 1];
  const summary =
    rows.length > 1 && last
      ? `${NUMBER.format(first)} at ${rows[0]?.label}, ${NUMBER.format(last.value)} at ` +
        `${last.label} (${last.ofFirst} of the first step).`
      : `${NUMBER.format(first)} at ${rows[0]?.label}.`;
  const barRows = rows.map((row) => ({ ...row, valueText: NUMBER.format(row.value) }));

  return (
    <ChartFrame
      id={id ?? chartId('funnel', { title, steps })}
      title={title}
      summary={summary}
      height={rowHeight(barRows) * rows.length}
      table={{
        head: ['Step', 'Count', 'Share of the first step', 'Share of the previous step'],
        rows: rows.map((row) => [row.label, NUMBER.format(row.value), row.ofFirst, row.ofPrevious]),
      }}
    >
      <HorizontalBars rows={barRows} />
    </ChartFrame>
  );
}

type BarChartProps = {
  title: string;
  bars: { label: string; value: number; note?: string }[];
  unit?: string;
  id?: string;
  emptyText?: string;
};

/** Horizontal bars, one per label (a platform, say), scaled to the largest value. */
export function BarChart({ title, bars, unit, id, emptyText }: BarChartProps) {
  const rows = bars.map((bar) => {
    const value = finite(bar.value);
    return { label: bar.label, value, valueText: formatValue(value, unit), note: bar.note };
  });
  if (!rows.some((row) => row.value !== 0)) {
    return <EmptyChart title={title} text={emptyText ?? 'Nothing to show for this period yet.'} />;
  }

  const top = rows.reduce((best, row) => (row.value > best.value ? row : best));
  const hasNotes = rows.some((row) => row.note);

  return (
    <ChartFrame
      id={id ?? chartId('bars', { title, rows })}
      title={title}
      summary={`Highest: ${top.label}, ${top.valueText}.`}
      height={rowHeight(rows) * rows.length}
      table={{
        head: ['Name', unit ? `Value (${unit})` : 'Value', ...(hasNotes ? ['Note'] : [])],
        rows: rows.map((row) => [
          row.label,
          NUMBER.format(row.value),
          ...(hasNotes ? [row.note ?? ''] : []),
        ]),
      }}
    >
      <HorizontalBars rows={rows} />
    </ChartFrame>
  );
}

export { TimeSeriesChart } from './TimeSeriesChart';
