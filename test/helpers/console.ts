import { createSession, type MemberRole } from '../../src/db/members';
import { members } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { request } from './http';
import { ORIGIN } from './journey';
import { db, seedMerchant } from './seed';

/** A member of `merchantId` with an open session; `cookie` goes in the Cookie header. */
export async function seedMember(merchantId: string, role: MemberRole = 'owner') {
  const member = {
    id: newId('mem'),
    merchantId,
    email: `${role}-${newId('e').slice(2, 12).toLowerCase()}@example.com`,
    name: `A ${role}`,
    role,
    passwordHash: null,
    createdAt: new Date(),
  };
  await db().insert(members).values(member);

  const token = await createSession(db(), member);
  return { member, cookie: `__Host-farout_session=${token}` };
}

/** A merchant (sandbox store, live test-mode campaign) with a signed-in owner. */
export async function signedInMerchant(overrides: Parameters<typeof seedMerchant>[0] = {}) {
  const seeded = await seedMerchant(overrides);
  const owner = await seedMember(seeded.merchant.id, 'owner');
  return { ...seeded, owner };
}

/** A console page visit with a session cookie (none for a signed-out visitor). */
export function consoleGet(path: string, cookie?: string, headers: Record<string, string> = {}) {
  return request(path, {
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
    redirect: 'manual',
  });
}

/** A console form post from our own pages, with a session cookie. */
export function consolePost(
  path: string,
  fields: Record<string, string | Blob | string[]>,
  cookie?: string,
  headers: Record<string, string> = {},
) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return request(path, {
    method: 'POST',
    body,
    headers: { Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}), ...headers },
    redirect: 'manual',
  });
}
