// The assistant's answer as a stream (text/event-stream): `delta` events with text as the model
// writes it, then `done` with the figures and sources, or `error`. Posted by the assistant page's
// form script with the session cookie and the CSRF token; the page works without it too.

import { askAssistant } from "../../workers/ai/assistant";
import { outcomeView } from "../lib/assistant.server";
import { envOf, formText, readCheckedForm, requireCabinet } from "../lib/auth.server";
import type { Route } from "./+types/cabinet.assistant-chat";

export async function action({ request, context, params }: Route.ActionArgs) {
  const { viewer, auth, db } = await requireCabinet(request, context, params.cabinetId);
  const form = await readCheckedForm(request, viewer);
  const question = formText(form, "question");
  const env = envOf(context);
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const encoder = new TextEncoder();
  const send = (event: string, payload: unknown) => writer.write(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`));
  const work = (async () => {
    try {
      const outcome = await askAssistant(env, db, auth, question, { onDelta: (text) => void send("delta", { text }) });
      const view = outcomeView(outcome);
      await send(view.ok ? "done" : "error", view);
    } catch (error) {
      console.error("assistant stream failed", error instanceof Error ? error.message : error);
      await send("error", { ok: false, kind: "failed", message: "Внутренняя ошибка. Попробуйте ещё раз." });
    } finally {
      await writer.close();
    }
  })();
  context.cloudflare.ctx.waitUntil(work);
  return new Response(readable, { headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform" } });
}
