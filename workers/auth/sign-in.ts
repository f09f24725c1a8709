// The dashboard's sign-in and sign-out flows at the level of a Request: the React Router actions
// (app/routes/login*.tsx, auth.telegram.ts, logout.ts) turn these outcomes into responses, and the
// integration tests call them directly inside workerd.

import { DEMO_USER_ID, ensureDemoCabinet } from "../cabinets/demo";
import type { Db } from "../db/client";
import { upsertUser } from "../users/users";
import { isSecureRequest, serializeCookie } from "./cookies";
import { CSRF_FIELD, LOGIN_CSRF_COOKIE, isSameOriginRequest, verifyCsrfToken, verifyLoginCsrf } from "./csrf";
import { redeemLoginLink } from "./login-links";
import { clearSessionCookies, createSession, destroySession, loadSession, sessionCookie } from "./sessions";
import { type InitDataFailure, verifyInitData } from "./telegram-init-data";

export type AuthOutcome =
  | { ok: true; userId: number; location: string; setCookie: string[] }
  | { ok: false; status: 400 | 401 | 403 | 404 | 410 | 415 | 503; code: string; message: string };

/** Where to go after signing in: only a path on this site ("/c/…"), never "//evil" or "https://…". */
export function safeNext(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  if (next.startsWith("/login") || next.length > 500) return fallback;
  return next;
}

const STALE_FORM = "Форма входа устарела. Обновите страницу и нажмите «Войти» ещё раз.";

function fail(status: 400 | 401 | 403 | 404 | 410 | 415 | 503, code: string, message: string): AuthOutcome {
  return { ok: false, status, code, message };
}

async function startSession(db: Db, request: Request, userId: number, next: unknown, now: Date, embedded = false): Promise<AuthOutcome> {
  const secure = isSecureRequest(request);
  const session = await createSession(db, userId, now);
  return {
    ok: true,
    userId,
    location: safeNext(next),
    setCookie: [
      sessionCookie(session.token, session.expiresAt, { secure, embedded }, now),
      // The sign-in form's double-submit value has done its job.
      serializeCookie(LOGIN_CSRF_COOKIE, "", { maxAgeSeconds: 0, secure, sameSite: "Lax" }),
    ],
  };
}

/** POST /login/<token>: the one-time link from the bot (or `npm start`). */
export async function signInWithLoginLink(db: Db, request: Request, token: string, now = new Date()): Promise<AuthOutcome> {
  const form = await request.formData();
  if (!verifyLoginCsrf(request, form.get(CSRF_FIELD))) return fail(403, "csrf", STALE_FORM);
  const redeemed = await redeemLoginLink(db, token, now);
  switch (redeemed.status) {
    case "ok":
      return startSession(db, request, redeemed.userId, form.get("next"), now);
    case "used":
      return fail(410, "used", "Эта ссылка для входа уже использована. Ссылки одноразовые: получите новую командой /web в боте.");
    case "expired":
      return fail(410, "expired", "Срок действия ссылки истёк (она действует 10 минут). Получите новую командой /web в боте.");
    case "invalid":
      return fail(404, "invalid", "Такой ссылки для входа нет. Проверьте, что скопировали её целиком, или получите новую командой /web в боте.");
  }
}

const INIT_DATA_MESSAGES: Record<InitDataFailure, string> = {
  not_configured: "Вход через Telegram не настроен на этом сервере (нет токена бота). Войдите по ссылке из бота.",
  malformed: "Telegram передал данные входа в неверном формате. Откройте приложение из бота ещё раз.",
  bad_hash: "Telegram не подтвердил вход: подпись данных не сошлась. Откройте приложение из бота ещё раз.",
  stale: "Данные входа от Telegram устарели. Закройте и снова откройте приложение из бота.",
  future: "Данные входа от Telegram пришли с неверным временем. Проверьте часы устройства и откройте приложение снова.",
  no_user: "Telegram не передал, кто входит. Откройте приложение из чата с ботом.",
};

/** POST /auth/telegram with JSON {initData, next}: the Telegram Mini App signs in by itself. */
export async function signInWithTelegram(db: Db, env: Pick<Env, "TELEGRAM_SELLER_BOT_TOKEN">, request: Request, now = new Date()): Promise<AuthOutcome> {
  if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("application/json")) {
    return fail(415, "content_type", "Ожидается JSON.");
  }
  if (!isSameOriginRequest(request)) return fail(403, "origin", "Вход возможен только со страницы WB Assist.");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return fail(400, "malformed", INIT_DATA_MESSAGES.malformed);
  }
  const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const initData = typeof fields.initData === "string" ? fields.initData : "";
  const check = await verifyInitData(initData, env.TELEGRAM_SELLER_BOT_TOKEN?.trim() || undefined, now);
  if (!check.ok) return fail(check.reason === "not_configured" ? 503 : 401, check.reason, INIT_DATA_MESSAGES[check.reason]);
  const u = check.user;
  await upsertUser(db, { id: u.id, username: u.username, firstName: [u.firstName, u.lastName].filter(Boolean).join(" "), language: u.languageCode });
  return startSession(db, request, u.id, fields.next, now, true);
}

/** POST /login?intent=demo: only where the WB sandbox is on (local runs), signs in as the demo seller. */
export async function signInDemo(db: Db, env: Env, request: Request, now = new Date()): Promise<AuthOutcome> {
  const form = await request.formData();
  if (env.WB_SANDBOX !== "1") return fail(404, "no_demo", "Демо-вход доступен только при локальном запуске с песочницей WB.");
  if (!verifyLoginCsrf(request, form.get(CSRF_FIELD))) return fail(403, "csrf", STALE_FORM);
  await ensureDemoCabinet(db, env, new URL(request.url).origin);
  return startSession(db, request, DEMO_USER_ID, form.get("next"), now);
}

/** POST /logout: ends the session (CSRF-checked, so another site cannot sign the user out). */
export async function signOut(db: Db, request: Request, now = new Date()): Promise<AuthOutcome> {
  const form = await request.formData();
  const session = await loadSession(db, request, now);
  if (session) {
    if (!(await verifyCsrfToken(session.token, form.get(CSRF_FIELD)))) return fail(403, "csrf", "Форма устарела. Обновите страницу и попробуйте ещё раз.");
    await destroySession(db, session.token, now);
  }
  return { ok: true, userId: session?.userId ?? 0, location: "/login?signedOut=1", setCookie: clearSessionCookies(request) };
}
