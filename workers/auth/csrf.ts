// CSRF protection for the dashboard's forms.
//
// - Signed-in forms carry a per-session token in a hidden field: HMAC-SHA256 of a fixed label keyed
//   by the session cookie's value. The server recomputes it from the cookie on every action, so
//   nothing extra is stored, and a page on another site can neither read the cookie nor the token.
// - Sign-in forms (no session yet) use a double-submit cookie: a random value in an HttpOnly
//   cookie and the same value in the form. This stops "login CSRF" (signing the victim in as the
//   attacker with the attacker's own link).
// - The Mini App sign-in is a JSON request: it must come from our own origin (Origin header).

import { randomToken } from "../security/hash";
import { isSecureRequest, readCookies, serializeCookie } from "./cookies";

export const CSRF_FIELD = "_csrf";
export const LOGIN_CSRF_COOKIE = "wba_login_csrf";
const LOGIN_CSRF_TTL_S = 60 * 60;

const encoder = new TextEncoder();

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Compares without an early exit, so the time taken says nothing about where strings differ. */
export function timingSafeEqualText(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export async function csrfTokenFor(sessionToken: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(sessionToken), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return base64Url(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode("wb-assist/dashboard-csrf/v1"))));
}

export async function verifyCsrfToken(sessionToken: string, presented: unknown): Promise<boolean> {
  if (typeof presented !== "string" || presented.length === 0 || presented.length > 100) return false;
  return timingSafeEqualText(await csrfTokenFor(sessionToken), presented);
}

/** A new double-submit value for a sign-in form, and the cookie that carries it. */
export function issueLoginCsrf(request: Request): { token: string; setCookie: string } {
  const token = randomToken({ bytes: 16 });
  return {
    token,
    setCookie: serializeCookie(LOGIN_CSRF_COOKIE, token, { maxAgeSeconds: LOGIN_CSRF_TTL_S, secure: isSecureRequest(request), sameSite: "Lax" }),
  };
}

/** The value already set for this browser, if any (so a reload keeps the form valid). */
export function currentLoginCsrf(request: Request): string | null {
  return readCookies(request.headers.get("Cookie"), LOGIN_CSRF_COOKIE).find((v) => /^[A-Za-z0-9_-]{22}$/.test(v)) ?? null;
}

export function verifyLoginCsrf(request: Request, presented: unknown): boolean {
  if (typeof presented !== "string" || presented === "") return false;
  return readCookies(request.headers.get("Cookie"), LOGIN_CSRF_COOKIE).some((v) => timingSafeEqualText(v, presented));
}

/**
 * For JSON endpoints called by our own pages: the browser's Origin header must be ours. (A form
 * on another site cannot send application/json without a CORS preflight we never answer, and
 * Origin is set by the browser, not by page scripts.)
 */
export function isSameOriginRequest(request: Request): boolean {
  const origin = request.headers.get("Origin");
  if (origin) return origin === new URL(request.url).origin;
  return request.headers.get("Sec-Fetch-Site") === "same-origin";
}
