// The frame of every cabinet page: header with the cabinet switcher and sign-out, the navigation,
// and the cabinet's status. Each page below checks access again in its own loader (loaders run in
// parallel, so none may rely on this one).

import { Form, Link, NavLink, Outlet, useLocation } from "react-router";

import { listUserCabinets, ROLE_LABELS } from "../../workers/cabinets/access";
import { CsrfField, PageError } from "../components/ui";
import { requireCabinet } from "../lib/auth.server";
import type { Route } from "./+types/cabinet";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { viewer, auth, db } = await requireCabinet(request, context, params.cabinetId);
  const cabinets = await listUserCabinets(db, viewer.userId);
  return {
    user: { firstName: viewer.firstName, username: viewer.username },
    csrf: viewer.csrf,
    role: auth.role,
    roleLabel: ROLE_LABELS[auth.role],
    cabinet: { id: auth.cabinet.id, name: auth.cabinet.name, isDemo: auth.cabinet.isDemo, status: auth.cabinet.status, statusReason: auth.cabinet.statusReason },
    cabinets: cabinets.map((c) => ({ id: c.cabinet.id, name: c.cabinet.name, role: ROLE_LABELS[c.role], isDemo: c.cabinet.isDemo })),
  };
}

export function meta({ data }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: data ? `${data.cabinet.name} — WB Assist` : "WB Assist" }];
}

const NAV = [
  { to: "", label: "Обзор", end: true },
  { to: "orders", label: "Заказы" },
  { to: "stocks", label: "Остатки" },
  { to: "reviews", label: "Отзывы" },
  { to: "analytics", label: "Аналитика" },
  { to: "assistant", label: "Ассистент" },
  { to: "sync", label: "Синхронизация" },
  { to: "settings", label: "Настройки" },
] as const;

function CabinetSwitcher({ current, cabinets }: { current: { id: string; name: string }; cabinets: { id: string; name: string; role: string; isDemo: boolean }[] }) {
  const location = useLocation();
  // Switching keeps the page: /c/<a>/orders → /c/<b>/orders (filters and cursors are per cabinet, so dropped).
  const rest = location.pathname.split("/").slice(3).join("/");
  return (
    <details className="switcher" data-testid="cabinet-switcher">
      <summary>
        <span className="switcher-label">Кабинет</span>
        <span className="switcher-name">{current.name}</span>
      </summary>
      <ul>
        {cabinets.map((c) => (
          <li key={c.id}>
            <Link to={`/c/${c.id}/${rest}`} aria-current={c.id === current.id ? "page" : undefined}>
              {c.name}
              <small>
                {c.role}
                {c.isDemo ? " · демо" : ""}
              </small>
            </Link>
          </li>
        ))}
        <li>
          <Link to={`/c/${current.id}/settings#connect`} className="switcher-add">
            + Подключить кабинет
          </Link>
        </li>
      </ul>
    </details>
  );
}

export default function CabinetLayout({ loaderData }: Route.ComponentProps) {
  const { cabinet, cabinets, user, csrf, roleLabel } = loaderData;
  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand" aria-label="WB Assist — к кабинетам">
          <span className="brand-mark">W</span>
          <span className="brand-name">WB Assist</span>
        </Link>
        <CabinetSwitcher current={cabinet} cabinets={cabinets} />
        <div className="user">
          <span className="user-name" title={`Роль в кабинете: ${roleLabel}`}>
            {user.firstName || (user.username ? `@${user.username}` : "Продавец")}
            <small>{roleLabel}</small>
          </span>
          <Form method="post" action="/logout">
            <CsrfField token={csrf} />
            <button type="submit" className="link-button" data-testid="sign-out">
              Выйти
            </button>
          </Form>
        </div>
      </header>
      <nav className="tabs" aria-label="Разделы">
        {NAV.map((item) => (
          <NavLink key={item.to} to={item.to} end={"end" in item ? item.end : false} prefetch="intent">
            {item.label}
          </NavLink>
        ))}
      </nav>
      {cabinet.isDemo ? (
        <div className="banner banner-info">Демо-кабинет: данные приходят из встроенной песочницы WB, а не из настоящего магазина.</div>
      ) : null}
      {cabinet.status !== "active" ? (
        <div className="banner banner-warn" role="alert">
          Синхронизация с WB приостановлена{cabinet.statusReason ? `: ${cabinet.statusReason}` : "."} <Link to="settings">Заменить токен</Link>
        </div>
      ) : null}
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return (
    <main className="page-center">
      <PageError error={error} />
    </main>
  );
}
