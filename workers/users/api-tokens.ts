// Personal access tokens for the REST API: shown once, stored as SHA-256 hashes.

import { and, eq, isNull } from "drizzle-orm";

import type { Db } from "../db/client";
import { apiTokens } from "../../db/schema";
import { randomToken, sha256Hex } from "../security/hash";

const PREFIX = "wba_";

export interface IssuedApiToken {
  id: string;
  /** The token itself; never stored, so this is the only time it is known. */
  token: string;
  name: string;
}

export async function issueApiToken(db: Db, userId: number, name: string): Promise<IssuedApiToken> {
  const token = randomToken({ prefix: PREFIX });
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: await sha256Hex(token), tokenPrefix: token.slice(0, PREFIX.length + 6) })
    .returning({ id: apiTokens.id });
  if (!row) throw new Error("insert returned no token");
  return { id: row.id, token, name };
}

/** The user id a presented token belongs to, or null (unknown, revoked or expired). */
export async function authenticateApiToken(db: Db, token: string, now = new Date()): Promise<number | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const hash = await sha256Hex(token);
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row || (row.expiresAt && row.expiresAt <= now)) return null;
  return row.userId;
}

/** Revokes the user's tokens with this name (the demo re-issues its token on every start). */
export async function revokeApiTokensNamed(db: Db, userId: number, name: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.name, name), isNull(apiTokens.revokedAt)));
}
