// Sign-in page. Three ways in: the one-time link from the bot (/web), the Telegram Mini App
// (initData from the URL fragment, checked on the server), and — only where the WB sandbox is on —
// the demo seller.

import { useCallback, useEffect, useState } from "react";
import { Form, data, redirect, useNavigation } from "react-router";

import { currentLoginCsrf, issueLoginCsrf } from "../../workers/auth/csrf";
import { loadSession } from "../../workers/auth/sessions";
import { safeNext, signInDemo } from "../../workers/auth/sign-in";
import { CsrfField, Notice } from "../components/ui";
import { cookieHeaders, dbOf, envOf } from "../lib/auth.server";
import { sellerBotUsername } from "../lib/bot.server";
import type { Route } from "./+types/login";

export function meta(): Route.MetaDescriptors {
  return [{ title: "Вход — WB Assist" }, { name: "description", content: "Помощник продавца Wildberries: заказы, остатки, отзывы и аналитика." }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const next = safeNext(url.searchParams.get("next"));
  if (await loadSession(dbOf(context), request)) throw redirect(next);
  const env = envOf(context);
  let csrf = currentLoginCsrf(request);
  const headers = new Headers();
  if (!csrf) {
    const issued = issueLoginCsrf(request);
    csrf = issued.token;
    headers.append("Set-Cookie", issued.setCookie);
  }
  return data(
    {
      csrf,
      next,
      sandbox: env.WB_SANDBOX === "1",
      telegramConfigured: Boolean(env.TELEGRAM_SELLER_BOT_TOKEN?.trim()),
      bot: sellerBotUsername(env),
      signedOut: url.searchParams.has("signedOut"),
    },
    { headers },
  );
}

export async function action({ request, context }: Route.ActionArgs) {
  const outcome = await signInDemo(dbOf(context), envOf(context), request);
  if (outcome.ok) throw redirect(outcome.location, { headers: cookieHeaders(outcome.setCookie) });
  return data({ error: outcome.message }, { status: outcome.status });
}

interface TelegramWindow {
  Telegram?: { WebApp?: { initData?: string } };
}

/** initData of a Mini App launch: Telegram's object if its script is present, else the fragment or what the boot script kept. */
function launchInitData(): string {
  const fromSdk = (window as TelegramWindow).Telegram?.WebApp?.initData;
  if (fromSdk) return fromSdk;
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get("tgWebAppData");
  if (fromHash) return fromHash;
  try {
    const saved = JSON.parse(window.sessionStorage.getItem("wba_tg") ?? "{}") as { data?: unknown };
    return typeof saved.data === "string" ? saved.data : "";
  } catch {
    return "";
  }
}

type TelegramPhase = { phase: "none" } | { phase: "checking" } | { phase: "failed"; message: string };

function TelegramSignIn({ next }: { next: string }) {
  const [state, setState] = useState<TelegramPhase>({ phase: "none" });
  const attempt = useCallback(async () => {
    const initData = launchInitData();
    if (!initData) return setState({ phase: "none" });
    setState({ phase: "checking" });
    try {
      const res = await fetch("/auth/telegram", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ initData, next }),
        credentials: "same-origin",
      });
      const body = (await res.json()) as { ok?: boolean; location?: string; message?: string };
      if (res.ok && body.ok && body.location) {
        window.location.replace(body.location);
        return;
      }
      setState({ phase: "failed", message: body.message ?? "Telegram не подтвердил вход." });
    } catch {
      setState({ phase: "failed", message: "Нет связи с сервером. Проверьте интернет и попробуйте ещё раз." });
    }
  }, [next]);
  useEffect(() => {
    void attempt();
  }, [attempt]);

  if (state.phase === "none") return null;
  if (state.phase === "checking") {
    return (
      <Notice tone="info" testId="tg-signin-checking">
        Входим через Telegram…
      </Notice>
    );
  }
  return (
    <Notice tone="error" testId="tg-signin-error">
      <p>{state.message}</p>
      <button type="button" className="button secondary" onClick={() => void attempt()}>
        Попробовать снова
      </button>
    </Notice>
  );
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  return (
    <main className="page-center">
      <div className="card login-card">
        <div className="login-brand">
          <span className="brand-mark">W</span>
          <h1>WB Assist</h1>
        </div>
        <p className="muted">Заказы, остатки, отзывы и аналитика вашего магазина на Wildberries.</p>
        {loaderData.signedOut ? <Notice tone="ok">Вы вышли из WB Assist на этом устройстве.</Notice> : null}
        {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}
        {loaderData.telegramConfigured ? <TelegramSignIn next={loaderData.next} /> : null}
        <h2>Как войти</h2>
        <ol className="steps">
          <li>
            Откройте бота WB Assist в Telegram
            {loaderData.bot ? (
              <>
                {" "}
                — <a href={`https://t.me/${loaderData.bot}`}>@{loaderData.bot}</a>
              </>
            ) : null}
            .
          </li>
          <li>
            Отправьте команду <code>/web</code>: бот пришлёт ссылку для входа. Она одноразовая и действует 10 минут.
          </li>
          <li>Или откройте дашборд кнопкой в боте: внутри Telegram вход происходит сам, без ссылки.</li>
        </ol>
        {loaderData.sandbox ? (
          <Form method="post" className="demo-login">
            <CsrfField token={loaderData.csrf} />
            <input type="hidden" name="next" value={loaderData.next} />
            <p className="muted">Локальный запуск с песочницей WB: можно войти демо-продавцом без Telegram.</p>
            <button type="submit" className="button" disabled={navigation.state !== "idle"} data-testid="demo-login">
              Войти в демо-кабинет
            </button>
          </Form>
        ) : null}
      </div>
    </main>
  );
}
