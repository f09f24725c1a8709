// /login/<token>: the one-time link from the bot. Opening it shows who is signing in; the button
// redeems it (a GET must not: Telegram fetches links for previews, which would use them up).

import { Form, Link, data, redirect, useNavigation } from "react-router";

import { currentLoginCsrf, issueLoginCsrf } from "../../workers/auth/csrf";
import { peekLoginLink } from "../../workers/auth/login-links";
import { signInWithLoginLink } from "../../workers/auth/sign-in";
import { CsrfField, Notice } from "../components/ui";
import { cookieHeaders, dbOf } from "../lib/auth.server";
import { fmtMoscowTime } from "../lib/format";
import type { Route } from "./+types/login-link";

export function meta(): Route.MetaDescriptors {
  return [{ title: "Вход по ссылке — WB Assist" }, { name: "robots", content: "noindex" }];
}

// The token is in the URL: never send it onwards in a Referer.
export function headers(): Headers {
  return new Headers({ "Referrer-Policy": "no-referrer" });
}

const STATE_MESSAGES = {
  used: "Эта ссылка для входа уже использована. Ссылки одноразовые: получите новую командой /web в боте.",
  expired: "Срок действия ссылки истёк (она действует 10 минут). Получите новую командой /web в боте.",
  invalid: "Такой ссылки для входа нет. Проверьте, что скопировали её целиком, или получите новую командой /web в боте.",
} as const;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const state = await peekLoginLink(dbOf(context), params.token);
  let csrf = currentLoginCsrf(request);
  const headers = new Headers({ "Referrer-Policy": "no-referrer" });
  if (!csrf) {
    const issued = issueLoginCsrf(request);
    csrf = issued.token;
    headers.append("Set-Cookie", issued.setCookie);
  }
  const view =
    state.status === "valid"
      ? { status: "valid" as const, name: state.firstName || (state.username ? `@${state.username}` : "продавец"), username: state.username, until: fmtMoscowTime(state.expiresAt) }
      : { status: state.status, message: STATE_MESSAGES[state.status] };
  return data({ csrf, link: view }, { headers, status: state.status === "valid" ? 200 : state.status === "invalid" ? 404 : 410 });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const outcome = await signInWithLoginLink(dbOf(context), request, params.token);
  if (outcome.ok) throw redirect(outcome.location, { headers: cookieHeaders(outcome.setCookie) });
  return data({ error: outcome.message, code: outcome.code }, { status: outcome.status });
}

export default function LoginLink({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const link = loaderData.link;
  return (
    <main className="page-center">
      <div className="card login-card" data-testid="login-link-page" data-link-status={link.status}>
        <div className="login-brand">
          <span className="brand-mark">W</span>
          <h1>Вход в WB Assist</h1>
        </div>
        {actionData?.error ? (
          <Notice tone="error" testId="login-link-error">
            {actionData.error}
          </Notice>
        ) : null}
        {link.status === "valid" && !actionData ? (
          <Form method="post">
            <CsrfField token={loaderData.csrf} />
            <p>
              Вы входите как <strong>{link.name}</strong>
              {link.username && link.name !== `@${link.username}` ? <span className="muted"> (@{link.username})</span> : null}.
            </p>
            <p className="muted">Ссылка одноразовая и действует до {link.until} МСК. Если вы её не запрашивали — просто закройте страницу.</p>
            <button type="submit" className="button wide" disabled={navigation.state !== "idle"} data-testid="login-confirm">
              {navigation.state === "submitting" ? "Входим…" : "Войти"}
            </button>
          </Form>
        ) : link.status !== "valid" ? (
          <>
            <Notice tone="error" testId="login-link-error">
              {link.message}
            </Notice>
            <p>
              <Link to="/login">Другие способы входа</Link>
            </p>
          </>
        ) : (
          <p>
            <Link to="/login">Другие способы входа</Link>
          </p>
        )}
      </div>
    </main>
  );
}
