// The pure notification rules (workers/domain/notifications/): grouping per minute, stock
// thresholds, the negative highlight, quiet hours across midnight, dedupe keys, the history rule,
// Telegram's answers — and that rendered messages stay within Telegram's limits.

import { describe, expect, it } from "vitest";

import type { Cabinet } from "../../db/schema";
import { hasText } from "../../workers/bot/i18n";
import { effectiveSettings } from "../../workers/bot/notification-prefs";
import {
  LEASE_MS,
  MAX_CHATS_IN_FLIGHT,
  MAX_MESSAGES_PER_CLAIM,
  PER_CHAT_INTERVAL_MS,
  SEND_WINDOW_MS,
  backoffMs,
  classifyTelegramFailure,
  dispositionOf,
} from "../../workers/domain/notifications/delivery";
import { ORDERS_PER_MESSAGE, REVIEWS_PER_MESSAGE, moscowMinute, planMessages, planRowIds } from "../../workers/domain/notifications/grouping";
import {
  dailySummaryKey,
  datasetDisabledKey,
  orderKey,
  questionKey,
  reviewKey,
  stockKey,
  syncFailingKey,
  tokenExpiringKey,
  tokenInvalidKey,
  weeklyDigestKey,
} from "../../workers/domain/notifications/keys";
import {
  NEW_ORDER_MAX_AGE_MS,
  isNegativeReview,
  isNewsworthyOrder,
  notifiesNewRows,
  periodicDue,
  stockAlert,
  tokenExpiresSoon,
} from "../../workers/domain/notifications/rules";
import type { ItemOf, OrderItem, OutboxItem, ReviewItem } from "../../workers/domain/notifications/types";
import { followUpDelay } from "../../workers/jobs/notify-consumer";
import { renderPlan } from "../../workers/notifications/render";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** 2026-11-24 12:00 Moscow (a Tuesday). */
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const CAB = "0f1e2d3c-0000-4000-8000-000000000001";

let nextId = 1;

function order(at: number, extra: Partial<OrderItem> = {}, cabinetId = CAB): ItemOf<"new_order"> {
  const id = nextId++;
  return {
    id,
    userId: 7,
    cabinetId,
    kind: "new_order",
    createdAt: T0,
    attempts: 0,
    payload: {
      srid: `srid-${id}`,
      at,
      price: 129_900,
      cancelled: false,
      article: "DRESS-01",
      nmId: 1000 + id,
      size: "44",
      subject: "Платья",
      brand: "Лето",
      region: "Московская область",
      okrug: "Центральный",
      country: "Россия",
      warehouse: "Склад WB РФ",
      ...extra,
    },
  };
}

function review(rating: number, at = T0): ItemOf<"new_review"> {
  const id = nextId++;
  const payload: ReviewItem = { id: `fb${id}`, nmId: 1, rating, text: "Текст", pros: null, cons: null, product: "Платье", article: "A-1", size: "44", author: "Мария", at };
  return { id, userId: 7, cabinetId: CAB, kind: "new_review", createdAt: at, attempts: 0, payload };
}

describe("grouping per minute", () => {
  it("puts the orders of one Moscow minute in one message and every order in exactly one", () => {
    const items: OutboxItem[] = [
      order(T0 + 5_000),
      order(T0 + 59_000),
      order(T0 + MIN + 1_000), // the next minute
      order(T0 + 10_000, {}, "0f1e2d3c-0000-4000-8000-000000000002"), // same minute, another cabinet
      order(T0 - 3 * MIN),
    ];
    const plans = planMessages(items);
    expect(plans.map((p) => (p.kind === "new_order" ? `${p.cabinetId.slice(-1)} ${p.minute} ${p.items.length}` : p.kind))).toEqual([
      "1 2026-11-24T11:57 1",
      "1 2026-11-24T12:00 2",
      "2 2026-11-24T12:00 1",
      "1 2026-11-24T12:01 1",
    ]);
    const ids = plans.flatMap(planRowIds).sort((a, b) => a - b);
    expect(ids).toEqual(items.map((i) => i.id).sort((a, b) => a - b));
  });

  it("splits a crowded minute into parts and keeps the orders in time order", () => {
    const items = Array.from({ length: 23 }, (_, i) => order(T0 + 59_000 - i * 2_000));
    const plans = planMessages(items);
    expect(plans).toHaveLength(3);
    expect(plans.map((p) => (p.kind === "new_order" ? [p.part, p.parts, p.items.length] : null))).toEqual([
      [1, 3, ORDERS_PER_MESSAGE],
      [2, 3, ORDERS_PER_MESSAGE],
      [3, 3, 3],
    ]);
    const times = plans.flatMap((p) => (p.kind === "new_order" ? p.items.map((i) => i.payload.at) : []));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(plans.flatMap(planRowIds)).size).toBe(23);
  });

  it("uses Moscow minutes (UTC+3), not the server's", () => {
    expect(moscowMinute(Date.UTC(2026, 10, 24, 21, 30, 59))).toBe("2026-11-25T00:30");
  });
});

describe("new reviews", () => {
  it("highlights 1–3★ and sends each negative review alone; others go five to a message", () => {
    expect([1, 2, 3, 4, 5].map(isNegativeReview)).toEqual([true, true, true, false, false]);
    const items = [review(5), review(2), review(4), review(3), ...Array.from({ length: 6 }, () => review(5))];
    const plans = planMessages(items);
    const reviewPlans = plans.filter((p) => p.kind === "new_review");
    expect(reviewPlans.map((p) => (p.kind === "new_review" ? [p.negative, p.items.length] : null))).toEqual([
      [true, 1],
      [true, 1],
      [false, REVIEWS_PER_MESSAGE],
      [false, 3],
    ]);
  });
});

describe("stock thresholds", () => {
  const demand = 2; // orders a day
  it("alerts when a size reaches zero or falls under the user's threshold, once per state change", () => {
    expect(stockAlert({ units: 0, avgDailyOrders: demand }, 30, 7)).toBe("zero");
    expect(stockAlert({ units: 0, avgDailyOrders: demand }, 0, 7)).toBeNull(); // was already zero
    expect(stockAlert({ units: 10, avgDailyOrders: demand }, 30, 7)).toBe("low"); // 5 days < 7
    expect(stockAlert({ units: 10, avgDailyOrders: demand }, 12, 7)).toBeNull(); // 6 days yesterday: already low
    expect(stockAlert({ units: 10, avgDailyOrders: demand }, 0, 7)).toBeNull(); // restocked a little: better, not worse
    expect(stockAlert({ units: 20, avgDailyOrders: demand }, 40, 7)).toBeNull(); // 10 days: fine
  });

  it("uses the user's threshold", () => {
    expect(stockAlert({ units: 10, avgDailyOrders: demand }, 30, 3)).toBeNull(); // 5 days ≥ 3
    expect(stockAlert({ units: 10, avgDailyOrders: demand }, 30, 14)).toBe("low");
  });

  it("needs yesterday's record: no alerts on a cabinet's first day or for a new size", () => {
    expect(stockAlert({ units: 0, avgDailyOrders: demand }, undefined, 7)).toBeNull();
    expect(stockAlert({ units: 1, avgDailyOrders: demand }, undefined, 7)).toBeNull();
  });

  it("does not call a size without demand 'running out'", () => {
    expect(stockAlert({ units: 3, avgDailyOrders: 0 }, 50, 7)).toBeNull();
  });
});

describe("quiet hours", () => {
  const quiet = effectiveSettings(
    { userId: 7, cabinetId: CAB, enabledKinds: { new_reviews: false }, stockThresholdDays: 7, quietHoursStartMin: 23 * 60, quietHoursEndMin: 8 * 60, updatedAt: new Date(0) },
    "Europe/Moscow",
  );
  const at = (hh: number, mm: number, day = 24) => new Date(Date.UTC(2026, 10, day, hh - 3, mm));
  const recipient = { paused: false, member: true, settings: quiet };

  it("holds what falls due in the window until it ends, across midnight", () => {
    expect(dispositionOf("new_order", recipient, at(23, 30))).toEqual({ action: "hold", until: at(8, 0, 25) });
    expect(dispositionOf("new_order", recipient, at(0, 10, 25))).toEqual({ action: "hold", until: at(8, 0, 25) });
    expect(dispositionOf("daily_summary", recipient, at(7, 59, 25))).toEqual({ action: "hold", until: at(8, 0, 25) });
    expect(dispositionOf("new_order", recipient, at(8, 0, 25))).toEqual({ action: "send" });
    expect(dispositionOf("new_order", recipient, at(22, 59))).toEqual({ action: "send" });
  });

  it("counts the window in the user's own time zone", () => {
    const vladivostok = { ...recipient, settings: { ...quiet, timeZone: "Asia/Vladivostok" } };
    // 12:00 Moscow = 19:00 Vladivostok: not quiet; 17:00 Moscow = 00:00 Vladivostok: quiet until 08:00 there (01:00 Moscow).
    expect(dispositionOf("new_order", vladivostok, at(12, 0))).toEqual({ action: "send" });
    expect(dispositionOf("new_order", vladivostok, at(17, 0))).toEqual({ action: "hold", until: at(1, 0, 25) });
  });

  it("skips a kind switched off, a paused user and a former member, even inside quiet hours", () => {
    expect(dispositionOf("new_review", recipient, at(12, 0))).toEqual({ action: "skip", reason: "disabled" });
    expect(dispositionOf("new_order", { ...recipient, paused: true }, at(23, 30))).toEqual({ action: "skip", reason: "paused" });
    expect(dispositionOf("new_order", { ...recipient, member: false }, at(12, 0))).toEqual({ action: "skip", reason: "not_member" });
  });
});

describe("dedupe keys", () => {
  it("are stable functions of identities and days, one per user", () => {
    expect(orderKey(CAB, "12.rabc.0.0", 5)).toBe(`order:${CAB}:12.rabc.0.0:u5`);
    expect(orderKey(CAB, "12.rabc.0.0", 5)).toBe(orderKey(CAB, "12.rabc.0.0", 5));
    expect(orderKey(CAB, "12.rabc.0.0", 6)).not.toBe(orderKey(CAB, "12.rabc.0.0", 5));
    expect(reviewKey(CAB, "fb1", 5)).toBe(`review:${CAB}:fb1:u5`);
    expect(questionKey(CAB, "q1", 5)).toBe(`question:${CAB}:q1:u5`);
    expect(stockKey("zero", CAB, 777, "2026-11-24", 5)).toBe(`stock_zero:${CAB}:777:2026-11-24:u5`);
    expect(stockKey("low", CAB, 777, "2026-11-24", 5)).toBe(`stock_low:${CAB}:777:2026-11-24:u5`);
    expect(tokenInvalidKey(CAB, "tok", 5)).toBe(`token_invalid:${CAB}:tok:u5`);
    expect(tokenExpiringKey(CAB, "tok", 5)).toBe(`token_expiring:${CAB}:tok:u5`);
    expect(datasetDisabledKey(CAB, "finance", "tok", 5)).toBe(`dataset_disabled:${CAB}:finance:tok:u5`);
    expect(syncFailingKey(CAB, "orders", 0, 5)).toBe(`sync_failing:${CAB}:orders:0:u5`);
    expect(dailySummaryKey(CAB, "2026-11-24", 5)).toBe(`daily:${CAB}:2026-11-24:u5`);
    expect(weeklyDigestKey(CAB, "2026-11-23", 5)).toBe(`weekly:${CAB}:2026-11-23:u5`);
  });

  it("do not depend on how orders are grouped", () => {
    const a = order(T0);
    const b = order(T0 + 1_000);
    const together = planMessages([a, b]).flatMap((p) => p.items.map((i) => (i.kind === "new_order" ? orderKey(i.cabinetId, i.payload.srid, i.userId) : "")));
    const apart = [...planMessages([a]), ...planMessages([b])].flatMap((p) => p.items.map((i) => (i.kind === "new_order" ? orderKey(i.cabinetId, i.payload.srid, i.userId) : "")));
    expect(together.sort()).toEqual(apart.sort());
  });
});

describe("the history rule and what is news", () => {
  const done = { backfillDone: true, lastSuccessAt: new Date(T0 - HOUR) };
  it("notifies only pages of runs after the first complete one", () => {
    expect(notifiesNewRows("orders", { backfillDone: false, lastSuccessAt: null })).toBe(false);
    expect(notifiesNewRows("orders", { backfillDone: true, lastSuccessAt: null })).toBe(false); // still the first run
    expect(notifiesNewRows("orders", done)).toBe(true);
    expect(notifiesNewRows("feedbacks", { backfillDone: false, lastSuccessAt: null })).toBe(false);
    expect(notifiesNewRows("feedbacks", { backfillDone: false, lastSuccessAt: new Date(T0) })).toBe(true);
    expect(notifiesNewRows("questions", done)).toBe(true);
    expect(notifiesNewRows("sales", done)).toBe(false);
    expect(notifiesNewRows("stocks", done)).toBe(false);
  });

  it("ignores late and cancelled orders", () => {
    const now = new Date(T0);
    expect(isNewsworthyOrder({ at: T0 - HOUR, cancelled: false }, now)).toBe(true);
    expect(isNewsworthyOrder({ at: T0 - NEW_ORDER_MAX_AGE_MS - 1, cancelled: false }, now)).toBe(false);
    expect(isNewsworthyOrder({ at: T0, cancelled: true }, now)).toBe(false);
  });

  it("warns about a token in the last 14 days before it expires", () => {
    const now = new Date(T0);
    expect(tokenExpiresSoon(new Date(T0 + 13 * DAY), now)).toBe(true);
    expect(tokenExpiresSoon(new Date(T0 + 15 * DAY), now)).toBe(false);
    expect(tokenExpiresSoon(new Date(T0 - DAY), now)).toBe(false);
    expect(tokenExpiresSoon(null, now)).toBe(false);
  });

  it("sends the daily summary every day and the weekly digest on Mondays", () => {
    expect(periodicDue(new Date(Date.UTC(2026, 10, 24, 6)))).toEqual({ day: "2026-11-24", weekly: null });
    expect(periodicDue(new Date(Date.UTC(2026, 10, 23, 6)))).toEqual({ day: "2026-11-23", weekly: { from: "2026-11-16", to: "2026-11-22", weekStart: "2026-11-23" } });
  });
});

describe("Telegram's limits and answers", () => {
  it("keeps the global rate under 30/s and the per-chat rate under 1/s, inside the lease", () => {
    expect(MAX_CHATS_IN_FLIGHT * (1000 / PER_CHAT_INTERVAL_MS)).toBeLessThan(30);
    expect(PER_CHAT_INTERVAL_MS).toBeGreaterThanOrEqual(1000);
    expect(MAX_MESSAGES_PER_CLAIM * PER_CHAT_INTERVAL_MS).toBeLessThan(SEND_WINDOW_MS);
    expect(SEND_WINDOW_MS + 10_000).toBeLessThan(LEASE_MS); // plus one Bot API timeout
  });

  it("reads 429, 403, 400 and the rest", () => {
    expect(classifyTelegramFailure({ code: 429, description: "Too Many Requests: retry after 35", retryAfter: 35 })).toEqual({ action: "rate_limited", retryAfterMs: 35_000 });
    expect(classifyTelegramFailure({ code: 429, description: "Too Many Requests: retry after 7" })).toEqual({ action: "rate_limited", retryAfterMs: 7_000 });
    expect(classifyTelegramFailure({ code: 403, description: "Forbidden: bot was blocked by the user" })).toEqual({ action: "blocked" });
    expect(classifyTelegramFailure({ code: 400, description: "Bad Request: can't parse entities" })).toEqual({ action: "permanent" });
    expect(classifyTelegramFailure({ code: 400, description: "Bad Request: chat not found" })).toEqual({ action: "blocked" });
    expect(classifyTelegramFailure({ code: 502, description: "Bad Gateway" })).toEqual({ action: "transient" });
    expect(classifyTelegramFailure({ code: null, description: "network: timeout" })).toEqual({ action: "transient" });
  });

  it("backs off exponentially and follows up only when something is due soon", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20)).toBe(HOUR);
    const now = new Date(T0);
    expect(followUpDelay(null, now)).toBeNull();
    expect(followUpDelay(new Date(T0 - 5_000), now)).toBe(1);
    expect(followUpDelay(new Date(T0 + 2_500), now)).toBe(3);
    expect(followUpDelay(new Date(T0 + HOUR), now)).toBeNull();
  });
});

describe("rendering", () => {
  const cabinet = { id: CAB, name: "Магазин «Лето» & Co", isDemo: false } as Cabinet;
  const auth = { cabinet, role: "owner" as const, userId: 7 };

  it("fits a full order message with the longest fields in one Telegram message, escaped", async () => {
    const long = "Ж".repeat(300);
    const items = Array.from({ length: ORDERS_PER_MESSAGE }, (_, i) =>
      order(T0 + i * 1000, { article: `<${long}>`, subject: long, brand: long, region: long, warehouse: long, size: long }),
    );
    const [plan] = planMessages(items);
    if (!plan) throw new Error("no plan");
    // Orders need no reads: no db.
    const rendered = await renderPlan(plan, { db: undefined as never, now: new Date(T0), auth });
    expect(rendered.text.length).toBeLessThanOrEqual(4096);
    expect(rendered.text).toContain("Новые заказы: 10");
    expect(rendered.text).toContain("Магазин «Лето» &amp; Co");
    expect(rendered.text).not.toContain("<Ж");
    expect(rendered.text.match(/^\d+\. /gm)).toHaveLength(ORDERS_PER_MESSAGE);
  });

  it("gives a negative review its own highlighted message with a reply button", async () => {
    const [plan] = planMessages([review(2)]);
    if (!plan) throw new Error("no plan");
    const rendered = await renderPlan(plan, { db: undefined as never, now: new Date(T0), auth });
    expect(rendered.text).toContain("Негативный отзыв");
    expect(rendered.keyboard?.inline_keyboard.flat().map((b) => b.text)).toEqual(["✍️ Ответить"]);
  });

  it("has every text id the notification code uses in ru.ftl", () => {
    const sources = import.meta.glob(["../../workers/notifications/**/*.ts", "../../workers/jobs/notify-consumer.ts", "../../workers/jobs/daily-digest.ts"], {
      query: "?raw",
      import: "default",
      eager: true,
    }) as Record<string, string>;
    const used = new Set<string>();
    for (const text of Object.values(sources)) for (const m of text.matchAll(/\b(?:t|tPlain|th)\(\s*"([a-z0-9_-]+)"/g)) used.add(m[1] as string);
    expect(used.size).toBeGreaterThan(15);
    expect([...used].filter((id) => !hasText(id))).toEqual([]);
  });
});
