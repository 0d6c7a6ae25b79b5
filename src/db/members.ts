import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { newToken, tokenId } from '../accounts/tokens';
import { newId } from '../lib/ids';
import { fail, ok, type Result } from '../lib/result';
import type { Database } from './client';
import {
  type MEMBER_TOKEN_KINDS,
  memberSessions,
  members,
  memberTokens,
  merchants,
} from './schema';

export type Member = typeof members.$inferSelect;
export type MemberRole = Member['role'];
export type MemberTokenKind = (typeof MEMBER_TOKEN_KINDS)[number];

/** Who is signed in to the console: the member and the merchant every query is scoped to. */
export type ConsoleMember = Pick<Member, 'id' | 'merchantId' | 'email' | 'name' | 'role'> & {
  merchantName: string;
};

// Sessions last two weeks from sign-in; signing out, a password reset or removal ends them.
export const SESSION_TTL_MS = 14 * 24 * 60 * 60_000;

const TOKEN_TTL_MS: Record<MemberTokenKind, number> = {
  password_reset: 60 * 60_000,
  invite: 7 * 24 * 60 * 60_000,
};

const normalEmail = (email: string) => email.trim().toLowerCase();

const isUniqueViolation = (error: unknown) =>
  String((error as { cause?: unknown })?.cause ?? error).includes('UNIQUE constraint failed');

/** A member by email address, whatever its case. */
export async function findMemberByEmail(db: Database, email: string): Promise<Member | undefined> {
  return db.query.members.findFirst({ where: eq(members.email, normalEmail(email)) });
}

type NewMerchant = { merchantName: string; email: string; name: string; passwordHash: string };

/** A new merchant with its first member, the owner; refused when the address is taken. */
export async function createMerchantWithOwner(
  db: Database,
  input: NewMerchant,
): Promise<Result<Member, 'email_taken'>> {
  const merchant = { id: newId('mer'), name: input.merchantName };
  const owner = {
    id: newId('mem'),
    merchantId: merchant.id,
    email: normalEmail(input.email),
    name: input.name,
    role: 'owner' as const,
    passwordHash: input.passwordHash,
    createdAt: new Date(),
  };

  try {
    await db.batch([db.insert(merchants).values(merchant), db.insert(members).values(owner)]);
  } catch (error) {
    if (isUniqueViolation(error)) return emailTaken();
    throw error;
  }
  return ok(owner);
}

function emailTaken() {
  return fail('email_taken', 'An account with this email already exists. Sign in instead.');
}

/** Opens a session for `member`; the returned token goes in the cookie, only its hash is kept. */
export async function createSession(db: Database, member: Member, now = Date.now()) {
  const token = newToken();
  await db.insert(memberSessions).values({
    id: await tokenId(token),
    memberId: member.id,
    merchantId: member.merchantId,
    createdAt: new Date(now),
    expiresAt: new Date(now + SESSION_TTL_MS),
  });
  return token;
}

/** The member behind a session cookie, if the session exists and has not expired. */
export async function findSessionMember(
  db: Database,
  token: string,
  now = Date.now(),
): Promise<ConsoleMember | undefined> {
  const rows = await db
    .select({
      id: members.id,
      merchantId: members.merchantId,
      email: members.email,
      name: members.name,
      role: members.role,
      merchantName: merchants.name,
    })
    .from(memberSessions)
    .innerJoin(members, eq(members.id, memberSessions.memberId))
    .innerJoin(merchants, eq(merchants.id, members.merchantId))
    .where(
      and(eq(memberSessions.id, await tokenId(token)), gt(memberSessions.expiresAt, new Date(now))),
    )
    .limit(1);
  return rows[0];
}

/** Ends the session of a cookie token. */
export async function endSession(db: Database, token: string): Promise<void> {
  await db.delete(memberSessions).where(eq(memberSessions.id, await tokenId(token)));
}

/** A one-time link token for a member; only its hash is stored. */
export async function createMemberToken(
  db: Database,
  memberId: string,
  kind: MemberTokenKind,
  now = Date.now(),
): Promise<{ token: string; id: string }> {
  const token = newToken();
  const id = await tokenId(token);
  await db.insert(memberTokens).values({
    id,
    memberId,
    kind,
    createdAt: new Date(now),
    expiresAt: new Date(now + TOKEN_TTL_MS[kind]),
  });
  return { token, id };
}

/** The member a link token belongs to, when the token is unused, unexpired and of `kind`. */
export async function findTokenMember(
  db: Database,
  token: string,
  kind: MemberTokenKind,
  now = Date.now(),
): Promise<Member | undefined> {
  const rows = await db
    .select({ member: members })
    .from(memberTokens)
    .innerJoin(members, eq(members.id, memberTokens.memberId))
    .where(
      and(
        eq(memberTokens.id, await tokenId(token)),
        eq(memberTokens.kind, kind),
        isNull(memberTokens.usedAt),
        gt(memberTokens.expiresAt, new Date(now)),
      ),
    )
    .limit(1);
  return rows[0]?.member;
}

/**
 * Spends a link token and sets the member's password, in one transaction; the member's other
 * sessions end. Of two uses of one token only the first sets anything.
 */
export async function setPasswordWithToken(
  db: Database,
  token: string,
  kind: MemberTokenKind,
  passwordHash: string,
  now = Date.now(),
): Promise<Result<Member, 'invalid_token'>> {
  const member = await findTokenMember(db, token, kind, now);
  if (!member) {
    return fail('invalid_token', 'This link has expired or was already used. Ask for a new one.');
  }

  const id = await tokenId(token);
  // True only in the transaction that spent the token: of two uses, the second matches nothing.
  const spentNow = sql`(select ${memberTokens.usedAt} from ${memberTokens}
    where ${memberTokens.id} = ${id}) = ${now}`;
  const [spent] = await db.batch([
    db
      .update(memberTokens)
      .set({ usedAt: new Date(now) })
      .where(and(eq(memberTokens.id, id), isNull(memberTokens.usedAt))),
    db
      .update(members)
      .set({ passwordHash })
      .where(and(eq(members.id, member.id), spentNow)),
    db.delete(memberSessions).where(and(eq(memberSessions.memberId, member.id), spentNow)),
  ]);
  if (spent.meta.changes === 0) {
    return fail('invalid_token', 'This link has expired or was already used. Ask for a new one.');
  }
  return ok({ ...member, passwordHash });
}

/** The members of one merchant, owners first. */
export async function listMembers(db: Database, merchantId: string): Promise<Member[]> {
  return db.query.members.findMany({
    where: eq(members.merchantId, merchantId),
    orderBy: [asc(members.role), asc(members.email)],
  });
}

/** Adds a member (no password yet: they set one from their invitation link). */
export async function addMember(
  db: Database,
  merchantId: string,
  input: { email: string; name: string | null; role: MemberRole },
): Promise<Result<Member, 'email_taken'>> {
  const member = {
    id: newId('mem'),
    merchantId,
    email: normalEmail(input.email),
    name: input.name,
    role: input.role,
    passwordHash: null,
    createdAt: new Date(),
  };
  try {
    await db.insert(members).values(member);
  } catch (error) {
    if (isUniqueViolation(error)) return emailTaken();
    throw error;
  }
  return ok(member);
}

/** Removes a member of `merchantId` (their sessions go with them); false when there is none. */
export async function removeMember(
  db: Database,
  merchantId: string,
  memberId: string,
): Promise<boolean> {
  const removed = await db
    .delete(members)
    .where(and(eq(members.id, memberId), eq(members.merchantId, merchantId)))
    .returning({ id: members.id });
  return removed.length > 0;
}
