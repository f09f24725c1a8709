// Connecting a cabinet from a form (onboarding and settings): a new cabinet by WB token, or the
// demo cabinet where the sandbox is on. Returns where to go next, or a Russian error.

import type { AppLoadContext } from "react-router";

import { connectCabinet } from "../../workers/cabinets/connect";
import { connectDemoCabinetFor } from "../../workers/cabinets/demo-for-user";
import { wbConnectionFor } from "../../workers/cabinets/wb-connection";
import { ProblemError } from "../../workers/http/problem";
import { type Viewer, dbOf, envOf, formText } from "./auth.server";

export type ConnectResult = { ok: true; location: string } | { ok: false; status: number; error: string };

export async function connectFromForm(form: FormData, viewer: Viewer, context: AppLoadContext, origin: string): Promise<ConnectResult> {
  const env = envOf(context);
  const db = dbOf(context);
  try {
    if (formText(form, "connect") === "demo") {
      const demo = await connectDemoCabinetFor(db, env, viewer.userId, origin);
      return { ok: true, location: `/c/${demo.cabinet.id}` };
    }
    const token = formText(form, "token").trim();
    if (token.length < 20) {
      return { ok: false, status: 400, error: "Вставьте токен WB API целиком: это длинная строка из кабинета продавца (Настройки → Доступ к API)." };
    }
    const connection = wbConnectionFor(env, null);
    const connected = await connectCabinet(db, {
      userId: viewer.userId,
      token,
      name: formText(form, "name").trim().slice(0, 100) || undefined,
      wbApiBase: connection.apiBase ?? null,
      fetch: connection.fetch,
      encryptionKey: env.ENCRYPTION_KEY,
      clientSecret: env.WB_CLIENT_SECRET || undefined,
    });
    // The first load takes a few minutes: the sync page shows its progress.
    return { ok: true, location: `/c/${connected.cabinet.id}/sync?connected=1` };
  } catch (error) {
    if (error instanceof ProblemError) return { ok: false, status: error.problem.status, error: error.problem.detail };
    throw error;
  }
}
