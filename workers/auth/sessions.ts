// Dashboard sessions: a random token in an HttpOnly cookie; web_sessions stores its SHA-256 as the
// row id, so the table alone cannot be replayed. Sessions last SESSION_TTL_MS from sign-in
// (no sliding renewal: signing in again through the bot is one tap).

import { eq, lt } from "drizzle-orm";

import { users, webSessions } from "../../db/schema";
import type { Db } from "../db/client";
import { randomToken, sha256Hex } from "../security/hash";
import { isSecureRequest, readCookies, serializeCookie } from "./cookies";

export const SESSION_TTL_MS = 30 * 86_400_000;

/** Over https the `__Host-` prefix makes the browser refuse the cookie unless Secure, Path=/ and host-only. */
export const SESSION_COOKIE = "wba_session";
export const SECURE_SESSION_COOKIE = "__Host-wba_session";

export interface WebSession {
  /** The raw cookie value; also the key the CSRF token is derived from. */
  token: string;
  userId: number;
  firstName: string;
  username: string | null;
  expiresAt: Date;
}

export async function createSession(db: Db, userId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(webSessions).values({ id: await sha256Hex(token), userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** Candidate session tokens from the request's cookies (both names; a name may appear twice). */
export function sessionTokens(request: Request): string[] {
  const header = request.headers.get("Cookie");
  return [...readCookies(header, SECURE_SESSION_COOKIE), ...readCookies(header, SESSION_COOKIE)].filter((t) => /^[A-Za-z0-9_-]{43}$/.test(t));
}

/** The signed-in user of the request, or null (no cookie, unknown, expired). */
export async function loadSession(db: Db, request: Request, now = new Date()): Promise<WebSession | null> {
  for (const token of sessionTokens(request).slice(0, 3)) {
    const [row] = await db
      .select({ userId: webSessions.userId, expiresAt: webSessions.expiresAt, firstName: users.firstName, username: users.username })
      .from(webSessions)
      .innerJoin(users, eq(users.id, webSessions.userId))
      .where(eq(webSessions.id, await sha256Hex(token)))
      .limit(1);
    if (row && row.expiresAt > now) return { token, ...row };
  }
  return null;
}

export async function destroySession(db: Db, token: string, now = new Date()): Promise<void> {
  await db.batch([
    db.delete(webSessions).where(eq(webSessions.id, await sha256Hex(token))),
    // Expired sessions of anyone: signing out is rare enough to carry this housekeeping.
    db.delete(webSessions).where(lt(webSessions.expiresAt, now)),
  ]);
}

export interface SessionCookieOptions {
  /** Served over https: Secure (and the __Host- name). */
  secure: boolean;
  /**
   * Signed in from the Telegram Mini App over https: Telegram Web shows Mini Apps in a cross-site
   * iframe, where a SameSite=Lax cookie is never sent, so this one is SameSite=None and
   * Partitioned (kept only under Telegram's site). Every form still carries the CSRF token.
   */
  embedded?: boolean;
}

export function sessionCookie(token: string, expiresAt: Date, o: SessionCookieOptions, now = new Date()): string {
  const embedded = Boolean(o.embedded && o.secure);
  return serializeCookie(o.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, {
    maxAgeSeconds: (expiresAt.getTime() - now.getTime()) / 1000,
    httpOnly: true,
    secure: o.secure,
    sameSite: embedded ? "None" : "Lax",
    partitioned: embedded,
  });
}

/** Set-Cookie values that remove the session cookie (both the plain and the partitioned one). */
export function clearSessionCookies(request: Request): string[] {
  const secure = isSecureRequest(request);
  const name = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const cleared = [serializeCookie(name, "", { maxAgeSeconds: 0, secure, sameSite: "Lax" })];
  if (secure) cleared.push(serializeCookie(name, "", { maxAgeSeconds: 0, secure, sameSite: "None", partitioned: true }));
  return cleared;
}
