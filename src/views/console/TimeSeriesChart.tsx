// The daily chart of the console's results page; see Charts.tsx for the rules all charts keep.
import {
  BAR_COLOUR,
  ChartFrame,
  chartId,
  EmptyChart,
  finite,
  formatValue,
  MUTED_COLOUR,
  NUMBER,
  round,
  WIDTH,
} from './ChartParts';

// Each 5.3:1 or more on white and on the page background. Series differ by dash pattern as well,
// so colour is not the only way to tell them apart (WCAG 1.4.1); beyond six, both repeat.
const SERIES_COLOURS = [BAR_COLOUR, '#b4450f', '#1b6b3a', '#6b3fa0', '#a3195b', '#2e5f6b'];
const SERIES_DASHES = [undefined, '7 4', '2 3', '10 3 2 3', '4 4', '1 5'];
// The axis line at 3:1 on white; the grid line is decoration and lighter.
const AXIS_COLOUR = '#8a8a93';
const GRID_COLOUR = '#d9d6d0';

type TimeSeriesChartProps = {
  title: string;
  // Calendar days, YYYY-MM-DD, oldest first; each series has one value per day.
  days: string[];
  series: { name: string; values: number[] }[];
  unit?: string;
  id?: string;
  emptyText?: string;
};

const PLOT_TOP = 10;
const PLOT_BOTTOM = 170;
const SERIES_HEIGHT = 196;
const POINT_MARKERS_UP_TO = 31;

function seriesStroke(index: number) {
  return {
    colour: SERIES_COLOURS[index % SERIES_COLOURS.length] ?? BAR_COLOUR,
    dash: SERIES_DASHES[index % SERIES_DASHES.length],
  };
}

function SeriesLegend({ names }: { names: string[] }) {
  return (
    <ul class="chart-legend">
      {names.map((name, index) => {
        const { colour, dash } = seriesStroke(index);
        return (
          <li>
            <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" focusable="false">
              <line
                x1="0"
                y1="6"
                x2="28"
                y2="6"
                stroke={colour}
                stroke-width="3"
                stroke-dasharray={dash}
              />
            </svg>
            {name}
          </li>
        );
      })}
    </ul>
  );
}

type Plot = {
  left: number;
  right: number;
  min: number;
  x: (day: number) => number;
  y: (value: number) => number;
};

// Days spread evenly from the left edge of the plot (past the value labels) to the right edge;
// values from the lower of zero and the lowest value up to the highest.
function plotFor(dayCount: number, min: number, max: number, labelChars: number): Plot {
  // Room on the left for the longer value label, at about 7 units a character.
  const left = Math.min(140, 8 + 7 * labelChars);
  const right = WIDTH - 4;
  const x = (day: number) =>
    dayCount === 1 ? (left + right) / 2 : left + 4 + (day * (right - left - 4)) / (dayCount - 1);
  const y = (value: number) =>
    PLOT_BOTTOM - ((value - min) / (max - min)) * (PLOT_BOTTOM - PLOT_TOP);
  return { left, right, min, x, y };
}

type AxisTextProps = { x: number; y: number; anchor?: 'middle' | 'end'; children: string };

function AxisText({ x, y, anchor, children }: AxisTextProps) {
  return (
    <text class="chart-axis" x={round(x)} y={y} text-anchor={anchor} fill={MUTED_COLOUR}>
      {children}
    </text>
  );
}

type AxesProps = { plot: Plot; days: string[]; topLabel: string; bottomLabel: string };

function Axes({ plot, days, topLabel, bottomLabel }: AxesProps) {
  const { left, right } = plot;
  const dayY = PLOT_BOTTOM + 20;

  return (
    <>
      <AxisText x={left - 6} y={PLOT_TOP + 4} anchor="end">
        {topLabel}
      </AxisText>
      <AxisText x={left - 6} y={PLOT_BOTTOM + 4} anchor="end">
        {bottomLabel}
      </AxisText>
      <line
        x1={left}
        y1={PLOT_TOP}
        x2={right}
        y2={PLOT_TOP}
        stroke={GRID_COLOUR}
        stroke-dasharray="3 3"
      />
      {plot.min < 0 && (
        <line
          x1={left}
          y1={round(plot.y(0))}
          x2={right}
          y2={round(plot.y(0))}
          stroke={GRID_COLOUR}
        />
      )}
      <line x1={left} y1={PLOT_BOTTOM} x2={right} y2={PLOT_BOTTOM} stroke={AXIS_COLOUR} />
      {days.length === 1 ? (
        <AxisText x={plot.x(0)} y={dayY} anchor="middle">
          {days[0] ?? ''}
        </AxisText>
      ) : (
        <>
          <AxisText x={left} y={dayY}>
            {days[0] ?? ''}
          </AxisText>
          <AxisText x={right} y={dayY} anchor="end">
            {days[days.length - 1] ?? ''}
          </AxisText>
        </>
      )}
    </>
  );
}

function SeriesLine({ plot, values, index }: { plot: Plot; values: number[]; index: number }) {
  const { colour, dash } = seriesStroke(index);
  const points = values.map((value, day) => [round(plot.x(day)), round(plot.y(value))] as const);

  return (
    <g class="chart-series">
      {points.length > 1 && (
        <polyline
          points={points.map(([px, py]) => `${px},${py}`).join(' ')}
          fill="none"
          stroke={colour}
          stroke-width="2.5"
          stroke-linejoin="round"
          stroke-dasharray={dash}
        />
      )}
      {points.length <= POINT_MARKERS_UP_TO &&
        points.map(([px, py]) => <circle cx={px} cy={py} r="3" fill={colour} />)}
    </g>
  );
}

/**
 * A line per series over days, with the first and last day and the highest value on the axes.
 * A series shorter than `days` counts the missing days as zero.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { title, days, series, unit } = props;
  const lines = series.map((one) => ({
    name: one.name,
    values: days.map((_, index) => finite(one.values[index])),
  }));
  const all = lines.flatMap((line) => line.values);
  if (!all.some((value) => value !== 0)) {
    return <EmptyChart title={title} text={props.emptyText ?? 'No figures for these days yet.'} />;
  }

  const max = Math.max(0, ...all);
  const min = Math.min(0, ...all);
  const topLabel = formatValue(max, unit);
  const bottomLabel = formatValue(min, unit);
  const plot = plotFor(days.length, min, max, Math.max(topLabel.length, bottomLabel.length));
  const peak = lines
    .flatMap((line) => line.values.map((value, index) => ({ line, value, index })))
    .reduce((best, point) => (point.value > best.value ? point : best));
  const span = days.length === 1 ? days[0] : `${days[0]} to ${days[days.length - 1]}`;

  return (
    <ChartFrame
      id={props.id ?? chartId('days', { title, days, lines })}
      title={title}
      summary={`${span}; highest ${topLabel} (${peak.line.name}, ${days[peak.index]}).`}
      height={SERIES_HEIGHT}
      legend={<SeriesLegend names={lines.map((line) => line.name)} />}
      table={{
        head: ['Day', ...lines.map((line) => (unit ? `${line.name} (${unit})` : line.name))],
        rows: days.map((day, index) => [
          day,
          ...lines.map((line) => NUMBER.format(line.values[index] ?? 0)),
        ]),
      }}
    >
      <Axes plot={plot} days={days} topLabel={topLabel} bottomLabel={bottomLabel} />
      {lines.map((line, index) => (
        <SeriesLine plot={plot} values={line.values} index={index} />
      ))}
    </ChartFrame>
  );
}
