import { describe, expect, it } from 'vitest';
import { BarChart, FunnelChart, TimeSeriesChart } from '../../src/views/console/Charts';

// A JSX element renders to HTML through toString(), which may answer with a promise.
async function render(element: { toString(): string | Promise<string> }): Promise<string> {
  return String(await element.toString());
}

// The attributes of every `<tag ...>` whose class list holds `className`.
function elements(html: string, tag: string, className?: string): Record<string, string>[] {
  const found = [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((match) =>
    Object.fromEntries(
      [...(match[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, name, value]) => [
        name,
        value,
      ]),
    ),
  );
  return className
    ? found.filter((attrs) => (attrs.class ?? '').split(' ').includes(className))
    : found;
}

function barWidths(html: string): number[] {
  return elements(html, 'rect', 'chart-bar').map((rect) => Number(rect.width));
}

// The accessible name of the SVG: the text of the element its aria-labelledby points to.
function accessibleName(html: string): string | undefined {
  const [svg] = elements(html, 'svg', 'chart-svg');
  const id = svg?.['aria-labelledby'];
  return id ? html.match(new RegExp(`<title id="${id}">([^<]*)</title>`))?.[1] : undefined;
}

// The text of each cell of the figures table, row by row.
function tableRows(html: string): string[][] {
  const body = html.match(/<tbody>(.*)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1] ?? ''),
  );
}

const HOSTILE = '<script>alert(1)</script>';

const FUNNEL = [
  { label: 'Widget views', count: 400 },
  { label: 'Journeys started', count: 200 },
  { label: 'Posts found', count: 50 },
  { label: 'Codes activated', count: 40 },
];

describe('FunnelChart', () => {
  it('draws bars in proportion to the counts', async () => {
    const html = await render(<FunnelChart title="Journeys" steps={FUNNEL} />);

    const [first = 0, ...rest] = barWidths(html);
    expect(first).toBeGreaterThan(0);
    expect(rest.map((width) => width / first)).toEqual([0.5, 0.125, 0.1]);
  });

  it('shows each step share of the first step and of the previous step', async () => {
    const html = await render(<FunnelChart title="Journeys" steps={FUNNEL} />);

    expect(html).toContain('12.5% of the first step, 25% of the previous');
    expect(tableRows(html)).toEqual([
      ['Widget views', '400', '100%', '–'],
      ['Journeys started', '200', '50%', '50%'],
      ['Posts found', '50', '12.5%', '25%'],
      ['Codes activated', '40', '10%', '80%'],
    ]);
  });

  it('is an image named by its title, with a summary and a figures table', async () => {
    const html = await render(<FunnelChart title="Journeys in May" steps={FUNNEL} />);

    expect(html).toContain('role="img"');
    expect(accessibleName(html)).toBe('Journeys in May');
    expect(html).toContain('400 at Widget views, 40 at Codes activated (10% of the first step).');
    expect(html).toMatch(/<details class="chart-figures"><summary>[^<]+<\/summary><table>/);
    expect(html).toContain('<caption>Journeys in May</caption>');
  });

  it('escapes step labels and the title', async () => {
    const html = await render(
      <FunnelChart title={HOSTILE} steps={[{ label: HOSTILE, count: 3 }]} />,
    );

    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('says there is nothing to show instead of drawing when every count is zero', async () => {
    const html = await render(
      <FunnelChart title="Journeys" steps={[{ label: 'Widget views', count: 0 }]} />,
    );

    expect(html).toContain('Nothing to show for this period yet.');
    expect(html).not.toContain('<svg');
  });

  it('reports a share it cannot compute as unavailable rather than dividing by zero', async () => {
    const steps = [
      { label: 'Widget views', count: 0 },
      { label: 'Journeys started', count: 5 },
    ];

    const html = await render(<FunnelChart title="Journeys" steps={steps} />);

    expect(tableRows(html)[1]).toEqual(['Journeys started', '5', '–', '–']);
    expect(html).not.toMatch(/NaN|Infinity/);
  });
});

const DAYS = ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04', '2024-05-05'];

function linePoints(html: string): { x: number; y: number }[][] {
  return elements(html, 'polyline').map((line) =>
    (line.points ?? '').split(' ').map((pair) => {
      const [x, y] = pair.split(',').map(Number);
      return { x: x ?? Number.NaN, y: y ?? Number.NaN };
    }),
  );
}

describe('TimeSeriesChart', () => {
  it('places points by day from left to right and by value from bottom to top', async () => {
    const series = [{ name: 'Submissions', values: [0, 2, 4, 6, 8] }];

    const html = await render(<TimeSeriesChart title="Per day" days={DAYS} series={series} />);

    const [points = []] = linePoints(html);
    const xs = points.map((point) => point.x);
    const heights = points.map((point) => (points[0]?.y ?? 0) - point.y);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(5);
    expect(heights.map((height) => height / (heights[1] ?? 1))).toEqual([0, 1, 2, 3, 4]);
  });

  it('runs the line from the first day label to the last one', async () => {
    const series = [{ name: 'Submissions', values: [1, 1, 1, 1, 1] }];

    const html = await render(<TimeSeriesChart title="Per day" days={DAYS} series={series} />);

    const [points = []] = linePoints(html);
    const [, , firstDay, lastDay] = elements(html, 'text', 'chart-axis');
    expect(Number(lastDay?.x)).toBe(points[points.length - 1]?.x);
    expect(Number(firstDay?.x)).toBeLessThan(points[0]?.x ?? 0);
  });

  it('scales every series to the same highest value', async () => {
    const series = [
      { name: 'Found', values: [10, 0, 0, 0, 0] },
      { name: 'Verified', values: [5, 0, 0, 0, 0] },
    ];

    const html = await render(<TimeSeriesChart title="Per day" days={DAYS} series={series} />);

    const [found = [], verified = []] = linePoints(html);
    const bottom = found[1]?.y ?? 0;
    expect(bottom - (verified[0]?.y ?? 0)).toBeCloseTo((bottom - (found[0]?.y ?? 0)) / 2, 1);
  });

  it('labels the first and last day and the highest value with its unit', async () => {
    const series = [{ name: 'Revenue', values: [3, 1250.5, 7, 0, 2] }];

    const html = await render(
      <TimeSeriesChart title="Revenue" days={DAYS} series={series} unit="EUR" />,
    );

    const axis = [...html.matchAll(/<text class="chart-axis"[^>]*>([^<]*)<\/text>/g)].map(
      (match) => match[1],
    );
    expect(axis).toEqual(['1,250.5 EUR', '0 EUR', '2024-05-01', '2024-05-05']);
    expect(html).toContain('highest 1,250.5 EUR (Revenue, 2024-05-02)');
  });

  it('gives each series its own colour and dash, with a legend naming it', async () => {
    const series = ['Views', 'Journeys', 'Posts', 'Codes'].map((name, index) => ({
      name,
      values: [index + 1, index + 2, 1, 1, 1],
    }));

    const html = await render(<TimeSeriesChart title="Per day" days={DAYS} series={series} />);

    const lines = elements(html, 'polyline');
    expect(new Set(lines.map((line) => line.stroke)).size).toBe(4);
    expect(new Set(lines.map((line) => line['stroke-dasharray'] ?? 'solid')).size).toBe(4);
    expect(html).toMatch(/<ul class="chart-legend">(<li>.*?Views<\/li>).*Codes<\/li><\/ul>/);
  });

  it('lists every day and series value in the figures table', async () => {
    const series = [
      { name: 'Found', values: [1, 2, 3, 4, 5] },
      { name: 'Verified', values: [0, 1] },
    ];

    const html = await render(<TimeSeriesChart title="Per day" days={DAYS} series={series} />);

    expect(accessibleName(html)).toBe('Per day');
    expect(tableRows(html)).toEqual([
      ['2024-05-01', '1', '0'],
      ['2024-05-02', '2', '1'],
      ['2024-05-03', '3', '0'],
      ['2024-05-04', '4', '0'],
      ['2024-05-05', '5', '0'],
    ]);
  });

  it('extends the scale below zero for a negative value and marks the zero line', async () => {
    const series = [{ name: 'Net revenue', values: [10, -5, 0, 0, 0] }];

    const html = await render(<TimeSeriesChart title="Net" days={DAYS} series={series} />);

    const [points = []] = linePoints(html);
    const zeroY = points[2]?.y ?? 0;
    expect(html).toContain('>-5</text>');
    expect(elements(html, 'line').some((line) => Number(line.y1) === zeroY)).toBe(true);
    expect((points[1]?.y ?? 0) - zeroY).toBeCloseTo((zeroY - (points[0]?.y ?? 0)) / 2, 1);
  });

  it('draws a lone day as a point', async () => {
    const html = await render(
      <TimeSeriesChart title="Today" days={['2024-05-01']} series={[{ name: 'A', values: [4] }]} />,
    );

    expect(elements(html, 'polyline')).toEqual([]);
    expect(elements(html, 'circle')).toHaveLength(1);
  });

  it('escapes series names', async () => {
    const series = [{ name: HOSTILE, values: [1, 2, 3, 4, 5] }];

    const html = await render(<TimeSeriesChart title="Per day" days={DAYS} series={series} />);

    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('says there is nothing to show when there are no days or only zeros', async () => {
    const none = await render(<TimeSeriesChart title="Per day" days={[]} series={[]} />);
    const zeros = await render(
      <TimeSeriesChart title="Per day" days={DAYS} series={[{ name: 'A', values: [0, 0] }]} />,
    );

    for (const html of [none, zeros]) {
      expect(html).toContain('No figures for these days yet.');
      expect(html).not.toContain('<svg');
    }
  });
});

describe('BarChart', () => {
  const PLATFORMS = [
    { label: 'Instagram', value: 30, note: '12 verified' },
    { label: 'Bluesky', value: 15 },
    { label: 'X', value: 0 },
  ];

  it('draws bars in proportion to the values, a zero as no bar', async () => {
    const html = await render(<BarChart title="Posts per platform" bars={PLATFORMS} />);

    const [first = 0, second, third] = barWidths(html);
    expect(second).toBe(first / 2);
    expect(third).toBe(0);
  });

  it('keeps a small value visible', async () => {
    const bars = [
      { label: 'Instagram', value: 100000 },
      { label: 'Mastodon', value: 1 },
    ];

    const html = await render(<BarChart title="Views" bars={bars} />);

    expect(barWidths(html)[1]).toBeGreaterThan(0);
  });

  it('shows values with their unit, notes, and the same in the figures table', async () => {
    const html = await render(<BarChart title="Revenue" bars={PLATFORMS} unit="EUR" />);

    expect(html).toContain('>30 EUR</text>');
    expect(html).toContain('>12 verified</text>');
    expect(html).toContain('<th scope="col">Value (EUR)</th>');
    expect(tableRows(html)).toEqual([
      ['Instagram', '30', '12 verified'],
      ['Bluesky', '15', ''],
      ['X', '0', ''],
    ]);
  });

  it('is an image named by its title', async () => {
    const html = await render(<BarChart title="Posts per platform" bars={PLATFORMS} />);

    expect(accessibleName(html)).toBe('Posts per platform');
    expect(html).toContain('Highest: Instagram, 30.');
  });

  it('escapes labels and notes, and shortens long labels only in the picture', async () => {
    const long = `${HOSTILE} and a platform name far too long to fit`;
    const bars = [{ label: long, value: 1, note: HOSTILE }];

    const html = await render(<BarChart title="Posts" bars={bars} />);

    expect(html).not.toContain('<script>');
    expect(html).toMatch(/<text class="chart-label"[^>]*>&lt;script&gt;[^<]*…<\/text>/);
    expect(tableRows(html)[0]?.[0]).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; and a platform name far too long to fit',
    );
  });

  it('says there is nothing to show when there are no bars', async () => {
    const html = await render(<BarChart title="Posts" bars={[]} emptyText="No posts yet." />);

    expect(html).toContain('<p class="muted">No posts yet.</p>');
    expect(html).not.toContain('<svg');
  });
});

describe('every chart', () => {
  const charts = [
    <FunnelChart title="Journeys" steps={FUNNEL} />,
    <TimeSeriesChart title="Per day" days={DAYS} series={[{ name: 'A', values: [1, 2] }]} />,
    <BarChart title="Per platform" bars={[{ label: 'X', value: 2 }]} />,
  ];

  it('uses no style attribute, which the Content Security Policy would block', async () => {
    const html = (await Promise.all(charts.map(render))).join('');

    expect(html).not.toMatch(/\sstyle=/);
  });

  it('scales to its container through a viewBox at full width', async () => {
    const html = (await Promise.all(charts.map(render))).join('');

    const svgs = elements(html, 'svg', 'chart-svg');
    expect(svgs).toHaveLength(3);
    for (const svg of svgs) {
      expect(svg.viewBox).toMatch(/^0 0 \d+ \d+$/);
      expect(svg.width).toBe('100%');
    }
  });

  it('gets ids that differ between charts and that an explicit id replaces', async () => {
    const html = (await Promise.all(charts.map(render))).join('');
    const named = await render(
      <BarChart id="platforms" title="P" bars={[{ label: 'X', value: 1 }]} />,
    );

    const ids = elements(html, 'figure').map((figure) => figure.id);
    expect(new Set(ids).size).toBe(3);
    expect(named).toContain('aria-labelledby="platforms-title"');
  });
});
