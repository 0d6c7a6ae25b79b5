import type { Child } from 'hono/jsx';

// The pieces the console's charts (Charts.tsx) share: number formats, the frame with the
// accessible name and the figures table, the empty state, and rows of horizontal bars.

// The viewBox is narrow so that text stays readable on a phone, where the chart is drawn at about
// 360 CSS pixels; app.css caps the width on wide screens so the text does not grow too large.
export const WIDTH = 400;
const LABEL_CHARS = 34;

// Bars and text at 6:1 or more on white and on the page background (WCAG 1.4.11 asks 3:1 of a
// bar, 1.4.3 asks 4.5:1 of text); the track behind a bar is decoration and may be faint.
export const BAR_COLOUR = '#1f5fa8';
export const MUTED_COLOUR = '#5d5d66';
const TEXT_COLOUR = '#1b1b1f';
const TRACK_COLOUR = '#edeae5';

export const NUMBER = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
export const NOT_AVAILABLE = '–';

export function formatValue(value: number, unit?: string): string {
  return unit ? `${NUMBER.format(value)} ${unit}` : NUMBER.format(value);
}

export function formatShare(part: number, whole: number): string {
  return whole > 0 ? PERCENT.format(part / whole) : NOT_AVAILABLE;
}

// A NaN or an infinity from a division upstream is drawn as nothing rather than breaking the SVG.
export function finite(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? value : 0;
}

// SVG text does not wrap, so long labels are shortened in the picture; the table has them whole.
// Counted in code points, so an emoji is never cut in half.
function shorten(label: string, max: number): string {
  const chars = Array.from(label);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : label;
}

// Ids only need to be unique on the page; deriving them from the content keeps the output the
// same for the same figures. Two charts of the same kind, title and figures on one page would
// share ids: pass `id` to tell them apart.
export function chartId(kind: string, content: unknown): string {
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(content)) {
    hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193);
  }
  return `chart-${kind}-${(hash >>> 0).toString(36)}`;
}

type FigureTable = { head: string[]; rows: string[][] };

type ChartFrameProps = {
  id: string;
  title: string;
  summary: string;
  height: number;
  table: FigureTable;
  legend?: Child;
  children: Child;
};

/** The parts every chart shares: visible title, the SVG with its name, the figures as a table. */
export function ChartFrame({
  id,
  title,
  summary,
  height,
  table,
  legend,
  children,
}: ChartFrameProps) {
  return (
    <figure class="chart" id={id}>
      <figcaption class="chart-title">{title}</figcaption>
      <svg
        class="chart-svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {children}
      </svg>
      {legend}
      <details class="chart-figures">
        <summary>The figures as a table</summary>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              {table.head.map((cell) => (
                <th scope="col">{cell}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map(([first, ...rest]) => (
              <tr>
                <th scope="row">{first}</th>
                {rest.map((cell) => (
                  <td>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export function EmptyChart({ title, text }: { title: string; text: string }) {
  return (
    <figure class="chart chart-empty">
      <figcaption class="chart-title">{title}</figcaption>
      <p class="muted">{text}</p>
    </figure>
  );
}

export type BarRow = { label: string; value: number; valueText: string; note?: string | undefined };

const ROW_HEIGHT = 50;
const NOTE_HEIGHT = 16;
const BAR_TOP = 22;
const BAR_HEIGHT = 18;

export function rowHeight(rows: BarRow[]): number {
  return ROW_HEIGHT + (rows.some((row) => row.note) ? NOTE_HEIGHT : 0);
}

// Each row: label and figure on one line, the bar under them on a track as wide as the largest
// value, and an optional note under the bar.
export function HorizontalBars({ rows }: { rows: BarRow[] }) {
  const max = Math.max(...rows.map((row) => row.value));
  const height = rowHeight(rows);

  return (
    <>
      {rows.map((row, index) => {
        const top = index * height;
        const share = max > 0 ? Math.max(0, row.value) / max : 0;
        // A value above zero always shows a sliver, so it does not look like nothing.
        const width = share > 0 ? Math.max(2, share * WIDTH) : 0;
        return (
          <g>
            <text class="chart-label" x="0" y={top + 15} fill={TEXT_COLOUR}>
              {shorten(row.label, LABEL_CHARS)}
            </text>
            <text class="chart-value" x={WIDTH} y={top + 15} text-anchor="end" fill={TEXT_COLOUR}>
              {row.valueText}
            </text>
            <rect
              x="0"
              y={top + BAR_TOP}
              width={WIDTH}
              height={BAR_HEIGHT}
              rx="3"
              fill={TRACK_COLOUR}
            />
            <rect
              class="chart-bar"
              x="0"
              y={top + BAR_TOP}
              width={round(width)}
              height={BAR_HEIGHT}
              rx="3"
              fill={BAR_COLOUR}
            />
            {row.note && (
              <text
                class="chart-note"
                x="0"
                y={top + BAR_TOP + BAR_HEIGHT + 15}
                fill={MUTED_COLOUR}
              >
                {shorten(row.note, LABEL_CHARS + 20)}
              </text>
            )}
          </g>
        );
      })}
    </>
  );
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
