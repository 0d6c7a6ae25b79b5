import { vi } from 'vitest';

/** Answers one request of the code under test; `undefined` fails the test loudly. */
export type FakeServer = (url: URL, request: Request) => Response | undefined;

/**
 * Replaces only the network: the global `fetch` answers from `server`, and every request is
 * kept so a test can assert its URL, query and headers.
 */
export function mockNetwork(server: FakeServer) {
  const requests: Request[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    requests.push(request);
    const response = server(new URL(request.url), request);
    if (!response) throw new Error(`no fake answer for ${request.url}`);
    return response;
  });
  return { requests, spy };
}

/** A JSON answer as the platforms send it. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** An image answer with a few JPEG bytes. */
export function imageResponse(bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xd9])) {
  return new Response(bytes, { headers: { 'content-type': 'image/jpeg' } });
}
