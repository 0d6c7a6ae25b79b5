// CSV exports of the console (RFC 4180), safe to open in a spreadsheet.

export type CsvCell = string | number | null | Date;

// Excel reads a CSV file in the computer's legacy code page (Windows-1252 in Western Europe)
// unless it starts with a UTF-8 byte order mark, so without one "Café" opens as "CafÃ©".
// LibreOffice, Numbers and Google Sheets skip the mark; a script reading the file may need to
// strip it (Python's "utf-8-sig" does).
const BOM = '\uFEFF';

// RFC 4180 section 2: records end with CRLF.
const CRLF = '\r\n';

// OWASP "CSV Injection": a spreadsheet runs a cell that starts with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

// RFC 4180 quotes fields holding a comma, a quote, CR or LF. We also quote semicolons and tabs,
// which Excel takes as separators in some locales and imports: unquoted, "a;=1+1" would become
// a second cell starting with "=", past the check above (OWASP warns of exactly this).
const NEEDS_QUOTES = /[",;\t\r\n]/;

function cellText(cell: CsvCell): string {
  if (cell === null) {
    return '';
  }
  if (typeof cell === 'number') {
    // A NaN or an infinity is not a figure a spreadsheet can read: the cell is left empty.
    return Number.isFinite(cell) ? String(cell) : '';
  }
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  }
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function field(cell: CsvCell): string {
  const text = cellText(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV document: a UTF-8 byte order mark, the header, then one CRLF-ended record per row.
 * Numbers are written as they are, dates in ISO 8601 (UTC), null as an empty field; text that
 * a spreadsheet would run as a formula gets a leading apostrophe. A row whose length differs
 * from the header's is a bug of the caller and throws.
 */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  for (const [index, row] of rows.entries()) {
    if (row.length !== header.length) {
      throw new RangeError(`CSV row ${index} has ${row.length} fields, header ${header.length}`);
    }
  }

  const records = [header, ...rows].map((row) => row.map(field).join(',') + CRLF);
  return BOM + records.join('');
}

const MAX_NAME_CHARS = 100;
const EXTENSION = /\.csv$/i;

// The plain ASCII name every browser understands: accents dropped, anything else outside
// letters, digits, dot, dash and underscore turned into a dash, never starting with a dot.
function asciiName(stem: string): string {
  return stem
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

// The Unicode name for browsers that read `filename*` (RFC 6266): no control or format
// characters (a right-to-left override can disguise an extension), nothing Windows refuses in
// a file name, no path.
function unicodeName(stem: string): string {
  return stem
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}<>:"/\\|?*]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
}

function withExtension(stem: string): string {
  const chars = Array.from(stem).slice(0, MAX_NAME_CHARS - 4);
  return `${chars.join('') || 'export'}.csv`;
}

// RFC 8187 value characters: encodeURIComponent leaves ' ( ) * as they are, which it does not.
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Headers for a CSV download: the type with its charset, an attachment with a file name that
 * is safe on every system (`filename*` keeps accents where browsers support it), and no
 * caching, since exports hold a merchant's figures.
 */
export function csvResponseHeaders(filename: string): Record<string, string> {
  const stem = filename.replace(EXTENSION, '');
  const ascii = withExtension(asciiName(stem));
  const unicode = withExtension(unicodeName(stem));
  const disposition =
    unicode === ascii
      ? `attachment; filename="${ascii}"`
      : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(unicode)}`;

  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': disposition,
    'Cache-Control': 'private, no-store',
  };
}
