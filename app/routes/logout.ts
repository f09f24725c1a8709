// POST /logout: ends the session (the form carries the CSRF token).

import { data, redirect } from "react-router";

import { signOut } from "../../workers/auth/sign-in";
import { cookieHeaders, dbOf } from "../lib/auth.server";
import type { Route } from "./+types/logout";

export async function action({ request, context }: Route.ActionArgs) {
  const outcome = await signOut(dbOf(context), request);
  if (!outcome.ok) throw data({ message: outcome.message }, { status: outcome.status });
  return redirect(outcome.location, { headers: cookieHeaders(outcome.setCookie) });
}

export function loader() {
  return redirect("/");
}
