// Small building blocks shared by the pages. No client state: they render the same on the server
// and in the browser.

import type { ReactNode } from "react";
import { Link, isRouteErrorResponse, useRouteLoaderData } from "react-router";

import type { FreshnessLabel } from "../lib/freshness";

/** The hidden field the server checks (workers/auth/csrf.ts CSRF_FIELD; a test keeps the two equal). */
export const CSRF_FIELD = "_csrf";

interface CabinetLayoutData {
  csrf: string;
  role: "owner" | "manager" | "viewer";
  cabinet: { id: string; name: string };
}

/** The cabinet layout's data (routes/cabinet.tsx): CSRF token, role, cabinet. */
export function useCabinetLayout(): CabinetLayoutData {
  const data = useRouteLoaderData("routes/cabinet") as CabinetLayoutData | undefined;
  if (!data) throw new Error("useCabinetLayout outside /c/:cabinetId");
  return data;
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

export function Freshness({ f, testId }: { f: FreshnessLabel; testId?: string }) {
  return (
    <span className="freshness" data-stale={f.stale ? "1" : undefined} data-never={f.never ? "1" : undefined} title={f.title} data-testid={testId}>
      <span className="dot" aria-hidden="true" />
      {f.text}
    </span>
  );
}

export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-title">
      <h1>{title}</h1>
      {children ? <div className="page-title-aside">{children}</div> : null}
    </div>
  );
}

/** A figure with its raw value in data attributes, so tests compare numbers, not formatting. */
export function Figure({ name, value, children, className }: { name: string; value: number | null; children: ReactNode; className?: string }) {
  return (
    <span className={className} data-figure={name} data-value={value === null ? "null" : String(value)}>
      {children}
    </span>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state" role="status">
      <svg viewBox="0 0 48 48" width="48" height="48" aria-hidden="true">
        <rect x="8" y="12" width="32" height="26" rx="4" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M8 20h32M18 12v-4M30 12v-4" stroke="currentColor" strokeWidth="2" />
      </svg>
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-text">{children}</div> : null}
    </div>
  );
}

export function Notice({ tone, children, testId }: { tone: "ok" | "error" | "info" | "warn"; children: ReactNode; testId?: string }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === "error" ? "alert" : "status"} data-testid={testId}>
      {children}
    </div>
  );
}

export function GrowthBadge({ percent, name, invert = false }: { percent: number | null; name?: string; invert?: boolean }) {
  const good = percent === null || percent === 0 ? "flat" : (percent > 0) !== invert ? "up" : "down";
  const text = percent === null ? "—" : `${percent > 0 ? "+" : percent < 0 ? "\u2212" : ""}${Math.abs(percent)}\u00a0%`;
  return (
    <span className={`growth growth-${good}`} data-figure={name} data-value={percent === null ? "null" : String(percent)}>
      {text}
    </span>
  );
}

/** The error state of a page inside the cabinet layout (the header and navigation stay). */
export function PageError({ error }: { error: unknown }) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const data = isRouteErrorResponse(error) ? (error.data as { message?: unknown } | null) : null;
  const message =
    typeof data?.message === "string"
      ? data.message
      : status === 404
        ? "Такой страницы нет."
        : "Не удалось загрузить страницу. Попробуйте обновить её через минуту — если ошибка повторится, мы уже знаем о ней.";
  return (
    <div className="card state-card" role="alert" data-testid="page-error">
      <h2>{status === 403 ? "Нет доступа" : status === 404 ? "Не найдено" : "Ошибка"}</h2>
      <p>{message}</p>
      <p>
        <Link to=".">Обновить</Link> · <Link to="/">К кабинетам</Link>
      </p>
    </div>
  );
}
