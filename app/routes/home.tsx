// "/": the first cabinet's overview, or — for a user without cabinets — connecting one.

import { Form, data, redirect } from "react-router";

import { listUserCabinets } from "../../workers/cabinets/access";
import { ConnectCabinetForm } from "../components/connect-form";
import { CsrfField } from "../components/ui";
import { dbOf, envOf, readCheckedForm, requireViewer } from "../lib/auth.server";
import { connectFromForm } from "../lib/connect.server";
import type { Route } from "./+types/home";

export function meta(): Route.MetaDescriptors {
  return [{ title: "WB Assist" }, { name: "description", content: "Помощник продавца Wildberries: заказы, остатки, отзывы и аналитика." }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = await requireViewer(request, context);
  const cabinets = await listUserCabinets(dbOf(context), viewer.userId);
  const first = cabinets[0];
  if (first) throw redirect(`/c/${first.cabinet.id}`);
  return { csrf: viewer.csrf, name: viewer.firstName, sandbox: envOf(context).WB_SANDBOX === "1" };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = await requireViewer(request, context);
  const form = await readCheckedForm(request, viewer);
  const result = await connectFromForm(form, viewer, context, new URL(request.url).origin);
  if (result.ok) return redirect(result.location);
  return data({ error: result.error }, { status: result.status });
}

export default function Home({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <main className="page-center">
      <div className="card onboarding">
        <div className="login-brand">
          <span className="brand-mark">W</span>
          <h1>Здравствуйте{loaderData.name ? `, ${loaderData.name}` : ""}!</h1>
        </div>
        <p>У вас пока нет подключённых кабинетов WB. Подключите свой по токену API — или попросите владельца кабинета прислать приглашение.</p>
        <ConnectCabinetForm csrf={loaderData.csrf} sandbox={loaderData.sandbox} error={actionData?.error} />
        <Form method="post" action="/logout" className="form-inline">
          <CsrfField token={loaderData.csrf} />
          <button type="submit" className="link-button">
            Выйти
          </button>
        </Form>
      </div>
    </main>
  );
}
