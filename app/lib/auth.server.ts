// What every dashboard loader and action starts with: the database, the signed-in user (or a
// redirect to /login), the cabinet through requireCabinetAccess (the project's one access check),
// and the CSRF check of a submitted form.

import { type AppLoadContext, data, redirect } from "react-router";

import type { CabinetRole } from "../../db/schema";
import { CSRF_FIELD, csrfTokenFor, verifyCsrfToken } from "../../workers/auth/csrf";
import { type WebSession, loadSession } from "../../workers/auth/sessions";
import { type AuthorizedCabinet, requireCabinetAccess } from "../../workers/cabinets/access";
import { type Db, createDb } from "../../workers/db/client";
import { ProblemError } from "../../workers/http/problem";

export interface Viewer {
  userId: number;
  firstName: string;
  username: string | null;
  /** The session's CSRF token: every form puts it in a hidden field. */
  csrf: string;
  /** The raw session token (server only; never sent to the page). */
  sessionToken: string;
}

/** What an error response carries to the ErrorBoundary: a Russian sentence for the seller. */
export interface PageError {
  message: string;
}

export function dbOf(context: AppLoadContext): Db {
  return createDb(context.cloudflare.env.DB);
}

export function envOf(context: AppLoadContext): Env {
  return context.cloudflare.env;
}

// A document request runs several loaders with the same Request; one session lookup serves them all.
const sessions = new WeakMap<Request, Promise<WebSession | null>>();

function sessionOf(request: Request, db: Db): Promise<WebSession | null> {
  let pending = sessions.get(request);
  if (!pending) {
    pending = loadSession(db, request);
    sessions.set(request, pending);
  }
  return pending;
}

/** The signed-in user, or a redirect to /login that comes back here afterwards. */
export async function requireViewer(request: Request, context: AppLoadContext): Promise<Viewer> {
  const session = await sessionOf(request, dbOf(context));
  if (!session) {
    const url = new URL(request.url);
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return {
    userId: session.userId,
    firstName: session.firstName,
    username: session.username,
    csrf: await csrfTokenFor(session.token),
    sessionToken: session.token,
  };
}

/** The problem (404 for someone else's cabinet, 403 for a too-low role) as a page error. */
export function pageError(error: unknown): never {
  if (error instanceof ProblemError) {
    const status = error.problem.status;
    throw data<PageError>({ message: error.problem.detail }, { status });
  }
  throw error;
}

export async function requireCabinet(
  request: Request,
  context: AppLoadContext,
  cabinetId: string | undefined,
  minRole: CabinetRole = "viewer",
): Promise<{ viewer: Viewer; auth: AuthorizedCabinet; db: Db }> {
  const viewer = await requireViewer(request, context);
  const db = dbOf(context);
  try {
    const auth = await requireCabinetAccess(db, viewer.userId, cabinetId ?? "", minRole);
    return { viewer, auth, db };
  } catch (error) {
    return pageError(error);
  }
}

/** Reads the form and refuses it (403) unless it carries this session's CSRF token. */
export async function readCheckedForm(request: Request, viewer: Viewer): Promise<FormData> {
  const form = await request.formData();
  if (!(await verifyCsrfToken(viewer.sessionToken, form.get(CSRF_FIELD)))) {
    throw data<PageError>({ message: "Форма устарела или отправлена не со страницы WB Assist. Обновите страницу и попробуйте ещё раз." }, { status: 403 });
  }
  return form;
}

/** A role check for an action, with the same wording requireCabinetAccess uses. */
export async function requireRole(db: Db, viewer: Viewer, cabinetId: string, minRole: CabinetRole): Promise<AuthorizedCabinet> {
  try {
    return await requireCabinetAccess(db, viewer.userId, cabinetId, minRole);
  } catch (error) {
    return pageError(error);
  }
}

export function formText(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

/** Set-Cookie headers for a redirect or a response (one header per cookie). */
export function cookieHeaders(setCookie: readonly string[]): Headers {
  const headers = new Headers();
  for (const c of setCookie) headers.append("Set-Cookie", c);
  return headers;
}
