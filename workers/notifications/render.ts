// Message plans as Telegram messages: Russian texts from ru.ftl, the bot's own list rows and
// cards (orders, stocks, reviews, questions, the dashboard), and the bot's buttons, so a
// notification looks like the screen it points to and its buttons open the same flows.

import { InlineKeyboard } from "grammy/web";

import type { Cabinet, Feedback, Question } from "../../db/schema";
import { fmtDateTime, fmtDay, fmtGrowth, fmtInt, fmtMoney, fmtShare, fmtShortDateTime, moscowParts, safe } from "../bot/format";
import { truncate } from "../bot/html";
import { t, tPlain } from "../bot/i18n";
import { cabRef, cb, dashboardText, fitText, questionCard, questionReplyButton, reviewCard, reviewReplyButton, stockLine } from "../bot/seller";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { growthPercent } from "../domain/growth";
import type { MessagePlan } from "../domain/notifications/grouping";
import type { OrderItem, QuestionItem, ReviewItem, StockItem, SyncProblemItem } from "../domain/notifications/types";
import { periodAnalytics } from "../queries/analytics";
import { getDashboardSummary } from "../queries/dashboard";

export interface RenderedMessage {
  text: string;
  keyboard?: InlineKeyboard;
}

export interface RenderContext {
  db: Db;
  now: Date;
  /** The recipient's access to the plan's cabinet (summaries read its data as that user). */
  auth: AuthorizedCabinet;
}

const DAY_MS = 86_400_000;

function cabinetLine(cabinet: Pick<Cabinet, "name" | "isDemo">): string {
  return t("notify-cabinet", { cabinet: cabinet.name, demo: cabinet.isDemo ? 1 : 0 });
}

/** The bot's order row (`order-line`), from the payload the sync captured. */
export function orderItemLine(o: OrderItem, n: number): string {
  return t("order-line", {
    n: `${n}. `,
    when: fmtShortDateTime(new Date(o.at)),
    price: fmtMoney(o.price),
    cancelled: o.cancelled ? 1 : 0,
    article: truncate(o.article ?? String(o.nmId), 40),
    nmId: o.nmId,
    size: o.size && o.size !== "0" ? truncate(o.size, 20) : "",
    subject: truncate([o.subject, o.brand].filter(Boolean).join(" · "), 60),
    region: truncate(o.region || o.okrug || o.country || "—", 40),
    warehouse: truncate(o.warehouse ?? "", 40),
  });
}

/** A review payload as the Feedback row the bot's reviewCard reads (unanswered: it is new). */
function feedbackOf(cabinetId: string, r: ReviewItem): Feedback {
  return {
    cabinetId,
    id: r.id,
    nmId: r.nmId,
    imtId: null,
    productName: r.product,
    supplierArticle: r.article,
    size: r.size,
    rating: r.rating,
    text: r.text,
    pros: r.pros,
    cons: r.cons,
    userName: r.author,
    createdAt: new Date(r.at),
    state: null,
    answerText: null,
    answerState: null,
    answeredAt: null,
    answerSource: null,
    isAnswered: false,
    orderStatus: null,
    photoCount: 0,
    hasVideo: false,
    wasViewed: false,
    syncedAt: new Date(r.at),
  };
}

function questionOf(cabinetId: string, q: QuestionItem): Question {
  return {
    cabinetId,
    id: q.id,
    nmId: q.nmId,
    imtId: null,
    productName: q.product,
    supplierArticle: q.article,
    text: q.text ?? "",
    createdAt: new Date(q.at),
    state: null,
    answerText: null,
    answeredAt: null,
    answerSource: null,
    isAnswered: false,
    wasViewed: false,
    syncedAt: new Date(q.at),
  };
}

function stockItemLine(s: StockItem, zero: boolean): string {
  return stockLine({
    status: zero ? "zero" : "critical",
    vendorCode: s.article,
    nmId: s.nmId,
    title: s.title,
    techSize: s.size,
    units: s.units,
    daysOfStock: s.daysOfStock,
    avgDailyOrders: s.avgDailyOrders,
  });
}

function problemText(p: SyncProblemItem, head: string, now: Date): string {
  const dataset = p.dataset ? tPlain(`dataset-${p.dataset}`) : "";
  const reason = p.message ?? "";
  const cabinet = safe(head);
  switch (p.problem) {
    case "token_invalid":
      return t("notify-token-invalid", { reason, cabinet });
    case "token_expiring": {
      const at = new Date(p.expiresAt ?? now.getTime());
      return t("notify-token-expiring", { date: fmtDateTime(at), days: Math.max(1, Math.ceil((at.getTime() - now.getTime()) / DAY_MS)), cabinet });
    }
    case "dataset_disabled":
      return t("notify-dataset-disabled", { dataset, reason, cabinet });
    case "sync_failing":
      return t("notify-sync-failing", { dataset, reason, failures: p.failures ?? 0, cabinet });
  }
}

async function weeklyText(ctx: RenderContext, head: string, from: string, to: string): Promise<string> {
  const days = Math.max(1, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1);
  const a = await periodAnalytics(ctx.db, ctx.auth, to, days, 3);
  const c = a.current;
  const settled = c.salesCount + c.returnsCount;
  const top = a.top.map((p, i) =>
    t("analytics-top-line", {
      n: i + 1,
      article: truncate(p.vendorCode ?? String(p.nmId), 40),
      title: truncate(p.title ?? "", 40),
      count: fmtInt(p.ordersCount),
      sum: fmtMoney(p.ordersSumKopecks),
    }),
  );
  return [
    [t("notify-weekly", { from: fmtDay(a.period.from), to: fmtDay(a.period.to), pfrom: fmtDay(a.previous.from), pto: fmtDay(a.previous.to) }), head].join("\n"),
    t("analytics-body", {
      orders: fmtInt(c.ordersCount),
      ordersSum: fmtMoney(c.ordersSumKopecks),
      ordersGrowth: fmtGrowth(growthPercent(c.ordersSumKopecks, a.before.ordersSumKopecks)),
      cancels: fmtInt(c.cancelsCount),
      cancelShare: c.ordersCount > 0 ? fmtShare(c.cancelsCount / c.ordersCount) : "—",
      sales: fmtInt(c.salesCount),
      salesSum: fmtMoney(c.salesSumKopecks),
      salesGrowth: fmtGrowth(growthPercent(c.salesSumKopecks, a.before.salesSumKopecks)),
      returns: fmtInt(c.returnsCount),
      returnsSum: fmtMoney(c.returnsSumKopecks),
      forPay: fmtMoney(c.forPayKopecks),
      avgCheck: c.ordersCount > 0 ? fmtMoney(Math.round(c.ordersSumKopecks / c.ordersCount)) : "—",
      buyout: settled > 0 ? fmtShare(c.salesCount / settled) : "—",
    }),
    top.length > 0 ? t("analytics-top", { lines: safe(top.join("\n")) }) : t("analytics-no-top"),
  ].join("\n\n");
}

/** The message for one plan. Reads data only for summaries and digests (rendered as of sending). */
export async function renderPlan(plan: MessagePlan, ctx: RenderContext): Promise<RenderedMessage> {
  const cabinet = ctx.auth.cabinet;
  const cab = cabRef(cabinet.id);
  const head = cabinetLine(cabinet);
  switch (plan.kind) {
    case "new_order": {
      const items = plan.items.map((i) => i.payload);
      const title = t("notify-orders", {
        count: items.length,
        sum: fmtMoney(items.reduce((s, o) => s + o.price, 0)),
        time: moscowParts(new Date(items[0]?.at ?? ctx.now.getTime())).time,
        part: plan.part,
        parts: plan.parts,
      });
      const lines = items.map((o, i) => orderItemLine(o, i + 1));
      const keyboard = new InlineKeyboard().text(tPlain("btn-orders"), cb({ a: "orders", cab, filter: "a", page: null }));
      return { text: fitText([title, head, "", lines.join("\n\n")].join("\n")), keyboard };
    }
    case "new_review": {
      const keyboard = new InlineKeyboard();
      const only = plan.items[0];
      if (plan.negative && only) {
        const r = only.payload;
        reviewReplyButton(keyboard, cabinet.id, r.id);
        return { text: fitText([t("notify-review-negative"), head, "", reviewCard(feedbackOf(cabinet.id, r), { max: 1000 })].join("\n")), keyboard };
      }
      const cards = plan.items.map((r, i) => {
        reviewReplyButton(keyboard, cabinet.id, r.payload.id, tPlain("btn-reply-n", { n: i + 1 }));
        return reviewCard(feedbackOf(cabinet.id, r.payload), { n: i + 1, max: 150 });
      });
      return { text: fitText([t("notify-reviews", { count: plan.items.length }), head, "", cards.join("\n\n")].join("\n")), keyboard };
    }
    case "new_question": {
      const keyboard = new InlineKeyboard();
      const cards = plan.items.map((q, i) => {
        questionReplyButton(keyboard, cabinet.id, q.payload.id, plan.items.length === 1 ? tPlain("btn-reply") : tPlain("btn-reply-n", { n: i + 1 }));
        return questionCard(questionOf(cabinet.id, q.payload), plan.items.length === 1 ? { max: 1000 } : { n: i + 1, max: 300 });
      });
      return { text: fitText([t("notify-questions", { count: plan.items.length }), head, "", cards.join("\n\n")].join("\n")), keyboard };
    }
    case "stock_zero":
    case "stock_low": {
      const zero = plan.kind === "stock_zero";
      const days = plan.items[0]?.payload.thresholdDays ?? 0;
      const title = zero ? t("notify-stock-zero", { count: plan.items.length }) : t("notify-stock-low", { count: plan.items.length, days });
      const lines = plan.items.map((s) => stockItemLine(s.payload, zero));
      const keyboard = new InlineKeyboard().text(tPlain("btn-stocks"), cb({ a: "stocks", cab, filter: zero ? "z" : "c", offset: 0 }));
      return { text: fitText([title, head, "", lines.join("\n")].join("\n")), keyboard };
    }
    case "sync_problem": {
      const keyboard = new InlineKeyboard().text(tPlain("btn-sync"), cb({ a: "sync", cab }));
      return { text: fitText(problemText(plan.items[0].payload, head, ctx.now)), keyboard };
    }
    case "daily_summary": {
      const summary = await getDashboardSummary(ctx.db, ctx.auth, { now: ctx.now });
      const keyboard = new InlineKeyboard().text(tPlain("btn-dashboard"), cb({ a: "dashboard", cab })).text(tPlain("btn-settings"), cb({ a: "settings", cab }));
      return { text: fitText([t("notify-daily"), "", dashboardText(cabinet, summary, ctx.now)].join("\n")), keyboard };
    }
    case "weekly_digest": {
      // A digest held (quiet hours) still reports the week it was queued for.
      const { from, to } = plan.items[0].payload;
      const keyboard = new InlineKeyboard().text(tPlain("btn-analytics"), cb({ a: "analytics", cab, period: "7" }));
      return { text: fitText([await weeklyText(ctx, head, from, to), t("notify-footer")].join("\n\n")), keyboard };
    }
  }
}
