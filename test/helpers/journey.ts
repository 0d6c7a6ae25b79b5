import { request } from './http';

export const ORIGIN = 'http://farout.test';

/** A form post from our own pages (the CSRF check wants our Origin). */
export function postForm(path: string, fields: Record<string, string | Blob>, headers = {}) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return request(path, {
    method: 'POST',
    body,
    headers: { Origin: ORIGIN, ...headers },
    redirect: 'manual',
  });
}

/** Starts a journey through the public start link and returns its id. */
export async function startJourney(campaignId: string, order?: string): Promise<string> {
  const query = order ? `?order=${encodeURIComponent(order)}` : '';
  const response = await request(`/c/${campaignId}/start${query}`, { redirect: 'manual' });
  const location = response.headers.get('Location') ?? '';
  const match = location.match(/^\/j\/([\w-]+)$/);
  if (!match?.[1]) throw new Error(`start did not redirect to a journey: ${location}`);
  return match[1];
}

/** A journey past step 1, on the given platform. */
export async function journeyWithAccount(
  campaignId: string,
  platform = 'sandbox',
  username = 'shopper',
) {
  const journeyId = await startJourney(campaignId);
  const response = await postForm(`/j/${journeyId}/account`, { platform, username });
  if (response.status !== 303) throw new Error(`account step answered ${response.status}`);
  return journeyId;
}
