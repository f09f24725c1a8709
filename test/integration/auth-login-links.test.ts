// One-time sign-in links inside workerd with real local D1: stored hashed, single use (also under
// concurrent redemption), expiring after 10 minutes, and the sign-in flow around them (login CSRF,
// session cookie flags, where it redirects).

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { loginLinks } from "../../db/schema";
import { LOGIN_CSRF_COOKIE } from "../../workers/auth/csrf";
import { LOGIN_LINK_TTL_MS, createLoginLink, peekLoginLink, redeemLoginLink } from "../../workers/auth/login-links";
import { loadSession } from "../../workers/auth/sessions";
import { safeNext, signInWithLoginLink } from "../../workers/auth/sign-in";
import { sha256Hex } from "../../workers/security/hash";
import { db, newUser } from "./api-helpers";

const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

function loginPost(url: string, fields: Record<string, string>, cookie?: string): Request {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (cookie) headers.Cookie = cookie;
  return new Request(url, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
}

describe("login links", () => {
  it("are URLs on the given origin whose token is stored only as its SHA-256", async () => {
    const userId = await newUser();
    const url = await createLoginLink(db, userId, "https://wb.example/");
    expect(url).toMatch(/^https:\/\/wb\.example\/login\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(url);
    const rows = await db.select().from(loginLinks).where(eq(loginLinks.userId, userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(await sha256Hex(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(LOGIN_LINK_TTL_MS);
  });

  it("work exactly once", async () => {
    const userId = await newUser();
    const token = tokenOf(await createLoginLink(db, userId, "https://wb.example"));
    expect((await peekLoginLink(db, token)).status).toBe("valid");
    expect(await redeemLoginLink(db, token)).toEqual({ status: "ok", userId });
    expect(await redeemLoginLink(db, token)).toEqual({ status: "used" });
    expect((await peekLoginLink(db, token)).status).toBe("used");
  });

  it("have one winner when redeemed concurrently", async () => {
    const userId = await newUser();
    const token = tokenOf(await createLoginLink(db, userId, "https://wb.example"));
    const results = await Promise.all(Array.from({ length: 5 }, () => redeemLoginLink(db, token)));
    expect(results.filter((r) => r.status === "ok")).toHaveLength(1);
    expect(results.filter((r) => r.status === "used")).toHaveLength(4);
  });

  it("expire after 10 minutes", async () => {
    const userId = await newUser();
    const created = new Date("2026-11-24T10:00:00Z");
    const early = tokenOf(await createLoginLink(db, userId, "https://wb.example", created));
    const late = tokenOf(await createLoginLink(db, userId, "https://wb.example", created));
    expect(await redeemLoginLink(db, early, new Date(created.getTime() + LOGIN_LINK_TTL_MS - 1000))).toEqual({ status: "ok", userId });
    expect(await redeemLoginLink(db, late, new Date(created.getTime() + LOGIN_LINK_TTL_MS))).toEqual({ status: "expired" });
    // An expired link stays expired, and is not turned into "used" by the failed attempt.
    expect((await peekLoginLink(db, late, new Date(created.getTime() + LOGIN_LINK_TTL_MS + 1))).status).toBe("expired");
  });

  it("refuse unknown and malformed tokens", async () => {
    expect(await redeemLoginLink(db, "x".repeat(43))).toEqual({ status: "invalid" });
    expect(await redeemLoginLink(db, "short")).toEqual({ status: "invalid" });
    expect(await redeemLoginLink(db, "' OR 1=1 --")).toEqual({ status: "invalid" });
  });
});

describe("signing in with a login link", () => {
  it("over http sets an HttpOnly, SameSite=Lax session cookie without Secure, and the session works", async () => {
    const userId = await newUser();
    const url = await createLoginLink(db, userId, "http://localhost:8787");
    const outcome = await signInWithLoginLink(db, loginPost(url, { _csrf: "pre-session-value-123", next: "/c/abc/orders" }, `${LOGIN_CSRF_COOKIE}=pre-session-value-123`), tokenOf(url));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.userId).toBe(userId);
    expect(outcome.location).toBe("/c/abc/orders");
    const session = outcome.setCookie.find((c) => c.startsWith("wba_session="));
    expect(session).toBeDefined();
    expect(session).toContain("HttpOnly");
    expect(session).toContain("SameSite=Lax");
    expect(session).toContain("Path=/");
    expect(session).toMatch(/Max-Age=2592000/);
    expect(session).not.toContain("Secure");
    // The double-submit cookie of the sign-in form is cleared.
    expect(outcome.setCookie.some((c) => c.startsWith(`${LOGIN_CSRF_COOKIE}=;`) && c.includes("Max-Age=0"))).toBe(true);

    const cookie = session!.split(";")[0]!;
    const loaded = await loadSession(db, new Request("http://localhost:8787/", { headers: { Cookie: cookie } }));
    expect(loaded?.userId).toBe(userId);
  });

  it("over https uses the __Host- cookie with Secure", async () => {
    const userId = await newUser();
    const url = await createLoginLink(db, userId, "https://wb.example");
    const outcome = await signInWithLoginLink(db, loginPost(url, { _csrf: "v" }, `${LOGIN_CSRF_COOKIE}=v`), tokenOf(url));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const session = outcome.setCookie.find((c) => c.startsWith("__Host-wba_session="));
    expect(session).toBeDefined();
    expect(session).toContain("Secure");
    expect(session).toContain("HttpOnly");
    expect(session).toContain("SameSite=Lax");
    expect(session).not.toContain("Domain=");
  });

  it("refuses a form without the matching double-submit value (login CSRF) and leaves the link usable", async () => {
    const userId = await newUser();
    const url = await createLoginLink(db, userId, "https://wb.example");
    const token = tokenOf(url);
    const noCookie = await signInWithLoginLink(db, loginPost(url, { _csrf: "v" }), token);
    expect(noCookie).toMatchObject({ ok: false, status: 403, code: "csrf" });
    const mismatch = await signInWithLoginLink(db, loginPost(url, { _csrf: "v" }, `${LOGIN_CSRF_COOKIE}=w`), token);
    expect(mismatch).toMatchObject({ ok: false, status: 403 });
    expect((await peekLoginLink(db, token)).status).toBe("valid");
  });

  it("answers a used link with 410 and a Russian explanation", async () => {
    const userId = await newUser();
    const url = await createLoginLink(db, userId, "https://wb.example");
    const form = () => loginPost(url, { _csrf: "v" }, `${LOGIN_CSRF_COOKIE}=v`);
    expect((await signInWithLoginLink(db, form(), tokenOf(url))).ok).toBe(true);
    const again = await signInWithLoginLink(db, form(), tokenOf(url));
    expect(again).toMatchObject({ ok: false, status: 410, code: "used" });
    if (!again.ok) expect(again.message).toMatch(/уже использована/);
  });

  it("only redirects to paths on this site", () => {
    expect(safeNext("/c/1/orders?status=active")).toBe("/c/1/orders?status=active");
    expect(safeNext("//evil.example/")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext("https://evil.example/")).toBe("/");
    expect(safeNext("/login/abc")).toBe("/");
    expect(safeNext(null)).toBe("/");
  });
});
