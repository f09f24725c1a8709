// /sync: per dataset, when it was last loaded, whether a run is going, the 90-day history
// backfill's progress and the last error; «Обновить сейчас» (syncNow) and the screen then follows
// the runs in place for a short while.

import { Composer, InlineKeyboard } from "grammy/web";

import type { SyncDataset } from "../../../../db/schema";
import type { AuthorizedCabinet } from "../../../cabinets/access";
import { SyncNowError, type SyncNowResult, syncNow } from "../../../jobs/sync-now";
import { type DatasetSyncStatus, readSyncStatus } from "../../../queries/sync-state";
import { bar, fmtInt, fmtShare, fmtWhen } from "../../format";
import { truncate } from "../../html";
import { t, tPlain } from "../../i18n";
import { activeCabinet, cabinetByRef } from "../access";
import { cabRef, cb } from "../callback-data";
import { type Screen, type SellerContext, answerCallback, fitText, show } from "../context";
import { withMenu } from "../keyboards/menu";
import { noCabinet } from "./common";
import type { Feature } from "./types";

/** How long and how often the screen follows a run it started (edits in place). */
export const LIVE_REFRESH_EVERY_MS = 3_000;
export const LIVE_REFRESH_FOR_MS = 30_000;

const HISTORY_DATASETS: ReadonlySet<SyncDataset> = new Set(["orders", "sales", "feedbacks", "questions", "finance"]);

function datasetBlock(s: DatasetSyncStatus, now: Date): string {
  const st = s.state;
  const label = tPlain(`dataset-${s.dataset}`);
  const running = st?.inFlightSince != null;
  const failing = (st?.consecutiveFailures ?? 0) > 0 && st?.lastError;
  const mark = running ? "🔄" : failing ? "❗" : !st?.lastSuccessAt ? "⏳" : s.freshness.stale ? "⚠️" : "✅";
  const lines = [
    t("sync-line", {
      mark,
      label,
      when: st?.lastSuccessAt ? fmtWhen(st.lastSuccessAt, now) : "",
      loaded: st?.lastSuccessAt ? 1 : 0,
      rows: fmtInt(st?.rowsTotal ?? 0),
      running: running ? 1 : 0,
    }),
  ];
  // Only for datasets with a history to load (cards, prices and stocks are a current snapshot).
  if (st && HISTORY_DATASETS.has(s.dataset) && !st.backfillDone && st.backfillFrom) {
    lines.push(t("sync-backfill", { bar: bar(st.backfillProgress), percent: fmtShare(st.backfillProgress) }));
  }
  if (failing && st?.lastError) lines.push(t("sync-error", { error: truncate(st.lastError, 300) }));
  return lines.join("\n");
}

function resultBlock(r: SyncNowResult, now: Date): string {
  const names = (list: readonly SyncDataset[]) => list.map((d) => tPlain(`dataset-${d}`)).join(", ");
  const parts: string[] = [];
  if (r.enqueued.length > 0) parts.push(t("sync-now-enqueued", { list: names(r.enqueued) }));
  for (const d of r.delayed) parts.push(t("sync-now-delayed", { dataset: tPlain(`dataset-${d.dataset}`), when: fmtWhen(d.runAt, now) }));
  if (r.inFlight.length > 0) parts.push(t("sync-now-in-flight", { list: names(r.inFlight) }));
  for (const u of r.unavailable) parts.push(t("sync-now-unavailable", { dataset: tPlain(`dataset-${u.dataset}`), reason: u.reason }));
  return parts.join("\n");
}

export async function syncScreen(ctx: SellerContext, auth: AuthorizedCabinet, started?: SyncNowResult): Promise<Screen & { running: boolean }> {
  const now = ctx.svc.now();
  const status = await readSyncStatus(ctx.svc.db, auth, now);
  const blocks = [t("sync-title", { cabinet: auth.cabinet.name, at: fmtWhen(now, now) })];
  if (started) blocks.push(resultBlock(started, now));
  blocks.push(status.map((s) => datasetBlock(s, now)).join("\n"));
  if (auth.cabinet.status !== "active") blocks.push(t("sync-paused", { reason: auth.cabinet.statusReason ?? "" }));
  const cab = cabRef(auth.cabinet.id);
  const kb = new InlineKeyboard().text(tPlain("btn-sync-now"), cb({ a: "sync_now", cab })).text(tPlain("btn-refresh"), cb({ a: "sync", cab }));
  const running = status.some((s) => s.state?.inFlightSince != null);
  return { text: blocks.join("\n\n"), keyboard: withMenu(kb), running };
}

/** Re-renders the message while runs go on, so progress moves without pressing anything. */
function followInPlace(ctx: SellerContext, auth: AuthorizedCabinet, chatId: number, messageId: number, started: SyncNowResult): void {
  const until = Date.now() + LIVE_REFRESH_FOR_MS;
  const loop = async () => {
    let last = "";
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, LIVE_REFRESH_EVERY_MS));
      const screen = await syncScreen(ctx, auth, started);
      if (screen.text !== last) {
        last = screen.text;
        await ctx.api.editMessageText(chatId, messageId, fitText(screen.text), { reply_markup: screen.keyboard }).catch(() => undefined);
      }
      if (!screen.running) return;
    }
  };
  ctx.svc.waitUntil(loop().catch((error: unknown) => console.warn("bot: live sync refresh stopped", error)));
}

const commands = new Composer<SellerContext>();
commands.command("sync", async (ctx) => {
  const auth = await activeCabinet(ctx);
  if (!auth) return noCabinet(ctx);
  await show(ctx, await syncScreen(ctx, auth));
});

export const syncFeature: Feature = {
  commands,
  callbacks: {
    sync: async (ctx, data) => show(ctx, await syncScreen(ctx, await cabinetByRef(ctx, data.cab))),
    sync_now: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab, "manager");
      let started: SyncNowResult;
      try {
        started = await syncNow(ctx.svc.env, auth.cabinet.id);
      } catch (error) {
        if (!(error instanceof SyncNowError)) throw error;
        await answerCallback(ctx, error.userMessage, true);
        return;
      }
      await answerCallback(ctx, tPlain("sync-now-toast"));
      await show(ctx, await syncScreen(ctx, auth, started));
      const message = ctx.callbackQuery?.message;
      if (message) followInPlace(ctx, auth, message.chat.id, message.message_id, started);
    },
  },
};
