import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ORIGIN } from '../helpers/journey';

/**
 * One bad request of the corpus: how to send it, the status it must get and the words of the
 * answer that tell a person what to do. Requests are built lazily, once the fixtures exist.
 */
export type BadRequest = {
  name: string;
  send: () => Request;
  status: number;
  says: RegExp;
};

type Headers = Record<string, string>;

const url = (path: string) => new URL(path, ORIGIN);

/** A GET, with a session cookie when given. */
export function get(path: string, cookie?: string, headers: Headers = {}): Request {
  return new Request(url(path), {
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
    redirect: 'manual',
  });
}

/** Any method, no body, from our own origin. */
export function call(method: string, path: string, cookie?: string): Request {
  return new Request(url(path), {
    method,
    headers: { Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}) },
    redirect: 'manual',
  });
}

export type FormFields = Record<string, string | Blob | string[]>;

/** A multipart form post from our own pages unless `headers` says otherwise. */
export function form(path: string, fields: FormFields, cookie?: string, headers: Headers = {}) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return new Request(url(path), {
    method: 'POST',
    body,
    headers: { Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}), ...headers },
    redirect: 'manual',
  });
}

/** A post of exactly these bytes with this content type, from our own origin. */
export function raw(
  path: string,
  body: Uint8Array | string,
  contentType: string,
  cookie?: string,
  headers: Headers = {},
) {
  return new Request(url(path), {
    method: 'POST',
    body,
    headers: {
      Origin: ORIGIN,
      'Content-Type': contentType,
      ...(cookie ? { Cookie: cookie } : {}),
      ...headers,
    },
    redirect: 'manual',
  });
}

const BOUNDARY = 'farout-hostile-boundary';

/** A multipart body cut off inside its first part: no closing boundary, no end of the field. */
export function truncatedMultipart(path: string, field: string, cookie?: string) {
  const text = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\nhal`;
  return raw(path, text, `multipart/form-data; boundary=${BOUNDARY}`, cookie);
}

/** A multipart content type with no boundary to split the body on. */
export function boundlessMultipart(path: string, cookie?: string) {
  return raw(path, 'name=value', 'multipart/form-data', cookie);
}

/** An urlencoded body whose value holds bytes that are not UTF-8 (a lone 0xff, 0xc3 0x28). */
export function invalidUtf8(path: string, field: string, cookie?: string, extra = '') {
  const prefix = new TextEncoder().encode(`${extra}${field}=`);
  const body = new Uint8Array([...prefix, 0x61, 0xff, 0xfe, 0xc3, 0x28, 0x62]);
  return raw(path, body, 'application/x-www-form-urlencoded', cookie);
}

/** An urlencoded form of one field holding `bytes` bytes: far more than any text form needs. */
export function hugeForm(path: string, field: string, bytes: number, cookie?: string) {
  return raw(path, `${field}=${'a'.repeat(bytes)}`, 'application/x-www-form-urlencoded', cookie);
}

/** Hostile values for one text field; each case says which of them a field must refuse. */
export const HOSTILE_TEXT = {
  script: '<script>alert(1)</script>',
  sql: "' OR 1=1; DROP TABLE submissions; --",
  nul: 'ab\u0000cd',
  emoji: '☕️🔥💯',
  rtl: '\u202Egnp.exe\u202C',
  overlong: 'a'.repeat(5000),
} as const;

export type HostileKind = keyof typeof HOSTILE_TEXT;

// A stack trace, an exception name or the generic 500 text is never a reason a person can use.
const INTERNALS = /\bat [\w.<>]+ \(|Error: |node_modules|\.ts:\d+|on our side/;

/** Every row of every table and every stored object, to show a refusal changed nothing. */
export async function storedState(): Promise<Map<string, string>> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' " +
      "AND name NOT LIKE '_cf_%' AND name != 'd1_migrations' ORDER BY name",
  ).all<{ name: string }>();
  const names = tables.results.map((table) => table.name);
  const rows = await env.DB.batch(names.map((name) => env.DB.prepare(`SELECT * FROM "${name}"`)));

  const state = new Map<string, string>();
  names.forEach((name, index) => {
    state.set(name, JSON.stringify(rows[index]?.results ?? []));
  });
  const objects = await env.MEDIA.list({ limit: 1000 });
  state.set('r2', JSON.stringify(objects.objects.map((object) => [object.key, object.etag])));
  return state;
}

/** The tables (and `r2`) whose content differs between two snapshots. */
export function changedParts(before: Map<string, string>, after: Map<string, string>) {
  return [...after.keys()].filter((name) => before.get(name) !== after.get(name));
}

/** Sends a corpus request and checks the answer; returns the body for further assertions. */
export async function expectRefused(entry: BadRequest): Promise<string> {
  const before = await storedState();

  const response = await exports.default.fetch(entry.send());
  const body = await response.text();

  const after = await storedState();
  expect({ status: response.status, body: body.slice(0, 400) }).toMatchObject({
    status: entry.status,
  });
  expect(body).toMatch(entry.says);
  expect(body).not.toMatch(INTERNALS);
  expect(changedParts(before, after)).toEqual([]);
  return body;
}

type Case = { name: string; status: number };

/**
 * One test per case of every group, named by the status the case must get; each check sends
 * the case and asserts its answer. The names must be unique, or a case would hide another.
 */
export function describeCorpus<T extends Case>(
  title: string,
  groups: [string, T[]][],
  check: (entry: T) => Promise<unknown>,
) {
  describe.each(groups)(title, (_, cases) => {
    it.each(cases.map((entry) => [entry.status, entry.name, entry] as const))(
      'answers %i to %s, with a reason, storing nothing',
      async (_status, _name, entry) => {
        await check(entry);
      },
    );
  });

  it(`names each case of "${title.replace(': %s', '')}" once`, () => {
    const names = groups.flatMap(([, cases]) => cases.map((entry) => entry.name));

    expect(new Set(names).size).toBe(names.length);
  });
}
