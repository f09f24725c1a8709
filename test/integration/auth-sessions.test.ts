// Dashboard sessions and CSRF inside workerd: sessions stored hashed and expiring, the per-session
// CSRF token refused when missing, wrong or from another session (in sign-out and in the
// dashboard's form check), and sign-out clearing the cookie.

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { webSessions } from "../../db/schema";
import { readCheckedForm } from "../../app/lib/auth.server";
import { CSRF_FIELD as UI_CSRF_FIELD } from "../../app/components/ui";
import { CSRF_FIELD, csrfTokenFor, isSameOriginRequest, verifyCsrfToken } from "../../workers/auth/csrf";
import { SESSION_TTL_MS, createSession, loadSession, sessionCookie } from "../../workers/auth/sessions";
import { signOut } from "../../workers/auth/sign-in";
import { sha256Hex } from "../../workers/security/hash";
import { db, newUser } from "./api-helpers";

function formPost(url: string, fields: Record<string, string>, cookie?: string): Request {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (cookie) headers.Cookie = cookie;
  return new Request(url, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
}

describe("sessions", () => {
  it("are stored by the SHA-256 of the cookie value and expire", async () => {
    const userId = await newUser();
    const now = new Date("2026-11-24T10:00:00Z");
    const { token, expiresAt } = await createSession(db, userId, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(SESSION_TTL_MS);
    const [row] = await db.select().from(webSessions).where(eq(webSessions.id, await sha256Hex(token)));
    expect(row?.userId).toBe(userId);

    const request = new Request("http://localhost/", { headers: { Cookie: `other=1; wba_session=${token}` } });
    expect((await loadSession(db, request, new Date(expiresAt.getTime() - 1)))?.userId).toBe(userId);
    expect(await loadSession(db, request, expiresAt)).toBeNull();
    expect(await loadSession(db, new Request("http://localhost/", { headers: { Cookie: "wba_session=forged-forged-forged-forged-forged-forged-1" } }))).toBeNull();
    expect(await loadSession(db, new Request("http://localhost/"))).toBeNull();
  });

  it("cookies: Lax by default, None + Partitioned only for the Mini App over https", () => {
    const expires = new Date(Date.now() + 3_600_000);
    const plain = sessionCookie("a".repeat(43), expires, { secure: false });
    expect(plain).toMatch(/^wba_session=a{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const secure = sessionCookie("a".repeat(43), expires, { secure: true });
    expect(secure).toMatch(/^__Host-wba_session=a{43}; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Lax$/);
    const embedded = sessionCookie("a".repeat(43), expires, { secure: true, embedded: true });
    expect(embedded).toContain("SameSite=None");
    expect(embedded).toContain("Secure");
    expect(embedded).toContain("Partitioned");
    expect(embedded).toContain("HttpOnly");
    // Without https an embedded session falls back to Lax (SameSite=None requires Secure).
    expect(sessionCookie("a".repeat(43), expires, { secure: false, embedded: true })).toContain("SameSite=Lax");
  });
});

describe("CSRF", () => {
  it("tokens are per session and verified in constant form", async () => {
    const a = await csrfTokenFor("a".repeat(43));
    const b = await csrfTokenFor("b".repeat(43));
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await verifyCsrfToken("a".repeat(43), a)).toBe(true);
    expect(await verifyCsrfToken("a".repeat(43), b)).toBe(false);
    expect(await verifyCsrfToken("a".repeat(43), "")).toBe(false);
    expect(await verifyCsrfToken("a".repeat(43), null)).toBe(false);
    expect(await verifyCsrfToken("a".repeat(43), a.slice(0, -1))).toBe(false);
  });

  it("the pages and the server use the same field name", () => {
    expect(UI_CSRF_FIELD).toBe(CSRF_FIELD);
  });

  it("the dashboard's form check rejects a missing or foreign token with 403 and accepts the session's own", async () => {
    const viewer = { userId: 1, firstName: "", username: null, sessionToken: "s".repeat(43), csrf: await csrfTokenFor("s".repeat(43)) };
    const reject = async (fields: Record<string, string>) => {
      try {
        await readCheckedForm(formPost("http://localhost/c/x/reviews", fields), viewer);
        return null;
      } catch (error) {
        return error as { init?: { status?: number }; data?: { message?: string } };
      }
    };
    const missing = await reject({ intent: "answer" });
    expect(missing?.init?.status).toBe(403);
    expect(missing?.data?.message).toMatch(/Форма устарела/);
    expect((await reject({ [CSRF_FIELD]: await csrfTokenFor("t".repeat(43)) }))?.init?.status).toBe(403);
    expect(await reject({ [CSRF_FIELD]: viewer.csrf, intent: "answer" })).toBeNull();
  });

  it("JSON sign-in requests must come from our own origin", () => {
    const req = (headers: Record<string, string>) => new Request("https://wb.example/auth/telegram", { method: "POST", headers });
    expect(isSameOriginRequest(req({ Origin: "https://wb.example" }))).toBe(true);
    expect(isSameOriginRequest(req({ Origin: "https://evil.example" }))).toBe(false);
    expect(isSameOriginRequest(req({ "Sec-Fetch-Site": "same-origin" }))).toBe(true);
    expect(isSameOriginRequest(req({ "Sec-Fetch-Site": "cross-site" }))).toBe(false);
    expect(isSameOriginRequest(req({}))).toBe(false);
  });
});

describe("sign-out", () => {
  it("needs the session's CSRF token, then deletes the session and clears the cookie", async () => {
    const userId = await newUser();
    const { token } = await createSession(db, userId);
    const cookie = `wba_session=${token}`;

    const forged = await signOut(db, formPost("http://localhost/logout", { [CSRF_FIELD]: "nope" }, cookie));
    expect(forged).toMatchObject({ ok: false, status: 403, code: "csrf" });
    expect(await loadSession(db, new Request("http://localhost/", { headers: { Cookie: cookie } }))).not.toBeNull();

    const out = await signOut(db, formPost("http://localhost/logout", { [CSRF_FIELD]: await csrfTokenFor(token) }, cookie));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.location).toBe("/login?signedOut=1");
    expect(out.setCookie.some((c) => c.startsWith("wba_session=;") && c.includes("Max-Age=0"))).toBe(true);
    expect(await loadSession(db, new Request("http://localhost/", { headers: { Cookie: cookie } }))).toBeNull();
  });
});
