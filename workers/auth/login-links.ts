// One-time dashboard sign-in links: the bot's /web and `npm start` hand one out; it is valid for
// LOGIN_LINK_TTL_MS and can be redeemed once. Only the token's SHA-256 is stored
// (workers/security/hash.ts), so a leaked table cannot be used to sign in.
//
// Opening the link does not consume it: Telegram (and other messengers) fetch links for previews,
// which would burn a link on GET. The page behind the link asks for one click, and that POST
// redeems it (app/routes/login-link.tsx).

import { and, eq, lt } from "drizzle-orm";

import { loginLinks, users } from "../../db/schema";
import type { Db } from "../db/client";
import { randomToken, sha256Hex } from "../security/hash";

export const LOGIN_LINK_TTL_MS = 10 * 60 * 1000;
export const LOGIN_PATH = "/login/";

/** 32 random bytes in base64url: exactly 43 characters. Anything else is not one of ours. */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export function isLoginToken(token: string): boolean {
  return TOKEN_RE.test(token);
}

/**
 * A fresh one-time sign-in link for the user: `${origin}/login/<token>`. The bot calls this for
 * /web; `origin` is the Worker's public origin (PUBLIC_URL, or the request's own origin).
 */
export async function createLoginLink(db: Db, userId: number, origin: string, now = new Date()): Promise<string> {
  const token = randomToken();
  await db.batch([
    // Housekeeping on the way: the user's expired links are of no further use.
    db.delete(loginLinks).where(and(eq(loginLinks.userId, userId), lt(loginLinks.expiresAt, now))),
    db.insert(loginLinks).values({
      tokenHash: await sha256Hex(token),
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_LINK_TTL_MS),
    }),
  ]);
  return `${origin.replace(/\/+$/, "")}${LOGIN_PATH}${token}`;
}

export type LoginLinkState =
  | { status: "valid"; userId: number; firstName: string; username: string | null; expiresAt: Date }
  | { status: "invalid" | "expired" | "used" };

/** What the link would do, without redeeming it (for the page that asks to confirm). */
export async function peekLoginLink(db: Db, token: string, now = new Date()): Promise<LoginLinkState> {
  if (!isLoginToken(token)) return { status: "invalid" };
  const [row] = await db
    .select({ link: loginLinks, firstName: users.firstName, username: users.username })
    .from(loginLinks)
    .innerJoin(users, eq(users.id, loginLinks.userId))
    .where(eq(loginLinks.tokenHash, await sha256Hex(token)))
    .limit(1);
  if (!row) return { status: "invalid" };
  if (row.link.usedAt) return { status: "used" };
  if (row.link.expiresAt <= now) return { status: "expired" };
  return { status: "valid", userId: row.link.userId, firstName: row.firstName, username: row.username, expiresAt: row.link.expiresAt };
}

export type LoginLinkRedemption = { status: "ok"; userId: number } | { status: "invalid" | "expired" | "used" };

/**
 * Redeems the link: one conditional UPDATE, so of two concurrent redemptions exactly one wins.
 * The losers learn why (used or expired) from a second read.
 */
export async function redeemLoginLink(db: Db, token: string, now = new Date()): Promise<LoginLinkRedemption> {
  if (!isLoginToken(token)) return { status: "invalid" };
  const tokenHash = await sha256Hex(token);
  const { results } = await db.$client
    .prepare("UPDATE login_links SET used_at = ?1 WHERE token_hash = ?2 AND used_at IS NULL AND expires_at > ?1 RETURNING user_id AS userId")
    .bind(now.getTime(), tokenHash)
    .all<{ userId: number }>();
  const won = results[0];
  if (won) return { status: "ok", userId: won.userId };
  const state = await peekLoginLink(db, token, now);
  // "valid" here would mean the row changed under us between the two statements; treat as used.
  return { status: state.status === "valid" ? "used" : state.status };
}
