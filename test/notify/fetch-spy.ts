import { vi } from 'vitest';

/** Answers the n-th request (from 0) the code under test makes. */
export type ProviderAnswers = (request: Request, index: number) => Response | Promise<Response>;

/**
 * Replaces only the network: the global `fetch` answers from `answers`, and each request is kept
 * (its body read once as JSON) so a test can assert the URL, the headers and the fields sent.
 */
export function spyOnFetch(answers: ProviderAnswers) {
  const requests: { request: Request; body: unknown }[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const body: unknown = await request.clone().json();
    requests.push({ request, body });
    return answers(request, requests.length - 1);
  });
  return { requests, spy };
}

/** A JSON answer as the providers send it. */
export function jsonAnswer(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
