// POST /auth/telegram: the Mini App's sign-in with Telegram initData (JSON in, JSON out).

import { signInWithTelegram } from "../../workers/auth/sign-in";
import { cookieHeaders, dbOf, envOf } from "../lib/auth.server";
import type { Route } from "./+types/auth-telegram";

export async function action({ request, context }: Route.ActionArgs) {
  const outcome = await signInWithTelegram(dbOf(context), envOf(context), request);
  if (!outcome.ok) {
    return Response.json({ ok: false, code: outcome.code, message: outcome.message }, { status: outcome.status, headers: { "Cache-Control": "no-store" } });
  }
  const headers = cookieHeaders(outcome.setCookie);
  headers.set("Cache-Control", "no-store");
  return Response.json({ ok: true, location: outcome.location }, { headers });
}

export function loader() {
  return Response.json({ ok: false, message: "Используйте POST." }, { status: 405, headers: { Allow: "POST" } });
}
