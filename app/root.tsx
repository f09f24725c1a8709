import { isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useNavigation } from "react-router";

import type { Route } from "./+types/root";
import stylesHref from "./styles/app.css?url";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%237b2cbf'/%3E%3Ctext x='16' y='22' font-size='16' text-anchor='middle' fill='white' font-family='sans-serif'%3EW%3C/text%3E%3C/svg%3E" },
];

// Runs before the first paint, without telegram-web-app.js (Telegram's CDN is not reachable
// offline and is not needed): when opened as a Mini App, Telegram puts tgWebAppData and
// tgWebAppThemeParams in the URL fragment. They are kept in sessionStorage (the fragment is gone
// after the first navigation), the theme becomes --tg-theme-* CSS variables, and Telegram is told
// the app is ready, over the same channels its own script uses.
const TELEGRAM_BOOT = `(function(){try{
var K="wba_tg",s=window.sessionStorage,p=new URLSearchParams(location.hash.slice(1)),saved={};
try{saved=JSON.parse(s.getItem(K)||"{}")}catch(e){}
if(p.get("tgWebAppData")||p.get("tgWebAppThemeParams")){saved={data:p.get("tgWebAppData")||saved.data||"",theme:p.get("tgWebAppThemeParams")||saved.theme||""};s.setItem(K,JSON.stringify(saved))}
var w=window.Telegram&&window.Telegram.WebApp,theme=null;
if(w&&w.themeParams&&Object.keys(w.themeParams).length)theme=w.themeParams;else if(saved.theme){try{theme=JSON.parse(saved.theme)}catch(e){}}
if(!theme&&!saved.data&&!(w&&w.initData))return;
var r=document.documentElement;r.setAttribute("data-tg","1");
if(theme)for(var k in theme){if(/^[a-z_]+$/.test(k)&&/^#[0-9a-fA-F]{3,8}$/.test(String(theme[k])))r.style.setProperty("--tg-theme-"+k.replace(/_/g,"-"),theme[k])}
function post(t){var d={};if(window.TelegramWebviewProxy)window.TelegramWebviewProxy.postEvent(t,JSON.stringify(d));else if(window.parent!==window)window.parent.postMessage(JSON.stringify({eventType:t,eventData:d}),"*")}
post("web_app_ready");post("web_app_expand");
}catch(e){}})();`;

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    // The boot script may add data-tg and theme variables before hydration.
    <html lang="ru" suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="color-scheme" content="light dark" />
        <script dangerouslySetInnerHTML={{ __html: TELEGRAM_BOOT }} />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/** A thin bar at the top while a page loads or a form is sent. */
function NavigationProgress() {
  const navigation = useNavigation();
  return <div className="nav-progress" data-active={navigation.state !== "idle" ? "1" : undefined} aria-hidden="true" />;
}

export default function App() {
  return (
    <>
      <NavigationProgress />
      <Outlet />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    isRouteErrorResponse(error) && typeof (error.data as { message?: unknown } | null)?.message === "string"
      ? (error.data as { message: string }).message
      : status === 404
        ? "Такой страницы нет. Проверьте адрес."
        : "Что-то пошло не так. Попробуйте обновить страницу через минуту.";
  return (
    <main className="page-center">
      <div className="card state-card" role="alert">
        <h1>{status === 404 ? "Страница не найдена" : status === 403 ? "Нет доступа" : "Ошибка"}</h1>
        <p>{message}</p>
        <p>
          <Link to="/">На главную</Link>
        </p>
      </div>
    </main>
  );
}
