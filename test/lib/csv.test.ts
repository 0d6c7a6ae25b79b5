import { describe, expect, it } from 'vitest';
import { csvResponseHeaders, toCsv } from '../../src/lib/csv';

const BOM = '\uFEFF';

// The records of a document, without the byte order mark and the final line end.
function records(csv: string): string[] {
  return csv.slice(BOM.length).replace(/\r\n$/, '').split('\r\n');
}

describe('toCsv', () => {
  it('starts with a UTF-8 byte order mark and ends every record with CRLF', () => {
    const csv = toCsv(['campaign', 'submissions'], [['Summer', 12]]);

    expect(csv).toBe(`${BOM}campaign,submissions\r\nSummer,12\r\n`);
  });

  it('writes only the header when there are no rows', () => {
    const csv = toCsv(['day', 'orders'], []);

    expect(records(csv)).toEqual(['day,orders']);
  });

  it('quotes fields holding a comma, a quote, CR or LF and doubles the quotes inside', () => {
    const csv = toCsv(
      ['comment'],
      [['Fast, friendly'], ['She said "wow"'], ['line one\nline two'], ['a\r\nb'], ['plain']],
    );

    expect(csv.slice(BOM.length)).toBe(
      'comment\r\n"Fast, friendly"\r\n"She said ""wow"""\r\n"line one\nline two"\r\n' +
        '"a\r\nb"\r\nplain\r\n',
    );
  });

  it('quotes semicolons and tabs, which some Excel locales read as separators', () => {
    const csv = toCsv(['name'], [['a;=1+1'], ['a\t=1+1']]);

    expect(records(csv).slice(1)).toEqual(['"a;=1+1"', '"a\t=1+1"']);
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    const formulas = ['=HYPERLINK("http://x.test","Click")', '+1+1', '-2+3', '@SUM(A1)'];

    const csv = toCsv(
      ['caption'],
      formulas.map((text) => [text]),
    );

    expect(records(csv).slice(1)).toEqual([
      `"'=HYPERLINK(""http://x.test"",""Click"")"`,
      "'+1+1",
      "'-2+3",
      "'@SUM(A1)",
    ]);
  });

  it('neutralises text starting with a tab or a carriage return, and quotes it', () => {
    const csv = toCsv(['caption'], [['\t=1+1'], ['\r=1+1']]);

    expect(csv.slice(BOM.length)).toBe(`caption\r\n"'\t=1+1"\r\n"'\r=1+1"\r\n`);
  });

  it('leaves text alone when the risky character is not the first one', () => {
    const csv = toCsv(['caption'], [['Promo 20% = great'], ['me@example.com'], ['a-b']]);

    expect(records(csv).slice(1)).toEqual(['Promo 20% = great', 'me@example.com', 'a-b']);
  });

  it('leaves numbers alone, negative ones included, but guards a negative number sent as text', () => {
    const csv = toCsv(['amount'], [[-12.5], [0], [1234567.89], ['-12.5']]);

    expect(records(csv).slice(1)).toEqual(['-12.5', '0', '1234567.89', "'-12.5"]);
  });

  it('guards the header too, since a header can carry a campaign name', () => {
    const csv = toCsv(['=cmd|calc', 'orders'], []);

    expect(records(csv)).toEqual(["'=cmd|calc,orders"]);
  });

  it('writes dates in ISO 8601 UTC and null, NaN and an invalid date as empty fields', () => {
    const csv = toCsv(
      ['at', 'empty', 'ratio', 'bad date'],
      [[new Date(Date.UTC(2024, 4, 1, 9, 30)), null, Number.NaN, new Date('not a date')]],
    );

    expect(records(csv)[1]).toBe('2024-05-01T09:30:00.000Z,,,');
  });

  it('keeps accents, non-Latin scripts and emoji as they are', () => {
    const csv = toCsv(['name', 'comment'], [['Café Ünïcödé', 'すごい 👍🏽']]);

    expect(records(csv)[1]).toBe('Café Ünïcödé,すごい 👍🏽');
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('throws when a row has a different number of fields than the header', () => {
    expect(() => toCsv(['a', 'b'], [['1', '2'], ['3']])).toThrow(/row 1 has 1 fields/);
  });
});

describe('csvResponseHeaders', () => {
  it('answers with the CSV type, its charset, an attachment and no caching', () => {
    const headers = csvResponseHeaders('results-2024-05.csv');

    expect(headers).toEqual({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="results-2024-05.csv"',
      'Cache-Control': 'private, no-store',
    });
  });

  it('adds the .csv extension when it is missing', () => {
    const headers = csvResponseHeaders('results');

    expect(headers['Content-Disposition']).toBe('attachment; filename="results.csv"');
  });

  it('drops paths, quotes and header-breaking characters from the file name', () => {
    const headers = csvResponseHeaders('../../etc/"x"\r\nSet-Cookie: a=b;.csv');

    const disposition = headers['Content-Disposition'] ?? '';
    expect(disposition).toMatch(/^attachment; filename="etc-x-Set-Cookie-a-b\.csv"; filename\*=/);
    expect(disposition).not.toMatch(/[\r\n]|\.\.|%2F|%5C|%22/);
  });

  it('keeps accents in filename* and gives an ASCII name to older clients', () => {
    const headers = csvResponseHeaders('Résultats été (2024).csv');

    expect(headers['Content-Disposition']).toBe(
      `attachment; filename="Resultats-ete-2024.csv"; ` +
        `filename*=UTF-8''R%C3%A9sultats%20%C3%A9t%C3%A9%20%282024%29.csv`,
    );
  });

  it('removes a right-to-left override that would disguise the extension', () => {
    const headers = csvResponseHeaders('report\u202Evsc.exe');

    expect(headers['Content-Disposition']).not.toContain('%E2%80%AE');
    expect(headers['Content-Disposition']).toMatch(/filename="report-vsc\.exe\.csv"/);
  });

  it('falls back to a plain name when nothing usable is left', () => {
    const headers = csvResponseHeaders('../.csv');

    expect(headers['Content-Disposition']).toBe('attachment; filename="export.csv"');
  });
});
