import { fail, ok, type Result } from '../../lib/result';

/** A provider's answer: the status and the body, parsed as JSON when it is JSON. */
export type ProviderAnswer = { status: number; headers: Headers; body: unknown };

export type PostOptions = { timeoutMs?: number; fetchImpl?: typeof fetch };

// A send normally answers within a second or two; past this the attempt is given up and the
// outbox retries it later, which the idempotency key (where the provider has one) makes safe.
const SEND_TIMEOUT_MS = 10_000;

/**
 * POSTs JSON to a fixed provider host. `safeFetch` is not used: it only makes reads, and these
 * hosts are constants in the code, so there is no shopper-controlled address to check.
 */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  options: PostOptions = {},
): Promise<Result<ProviderAnswer, 'timeout' | 'network'>> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? SEND_TIMEOUT_MS);
  const fetchImpl = options.fetchImpl ?? ((input, init) => globalThis.fetch(input, init));

  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal,
    });
    const text = await response.text();
    return ok({ status: response.status, headers: response.headers, body: parseJson(text) });
  } catch (error) {
    if (signal.aborted) return fail('timeout', 'The email provider took too long to answer.');
    const detail = error instanceof Error ? error.message : String(error);
    return fail('network', `The email provider could not be reached: ${detail}`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
