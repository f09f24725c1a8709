// WB's published rate limits for the methods we use: a token bucket per seller account and
// method (or per category where WB says "for all methods of the category"), refilled by one
// request every `periodMs`, holding at most `burst` requests.
//
// Source: the "Лимит запросов" tables in each method's description in shared/wb-openapi/*.yaml
// (portal snapshot 2026-08-18), columns Тип | Период | Лимит | Интервал | Всплеск, one row per token
// type: Персональный (personal), Сервисный (service), Базовый с секретом (baseWithSecret), Базовый
// (base). `periodMs` is the Интервал column, `burst` the Всплеск column. Where a table has no
// per-type rows, the single row applies to every token type. `null` means WB does not serve the
// method to that token type at all (403 "base token is not allowed").

import { WB_METHODS, type WbLimitTier, type WbMethodId } from "./methods";

export interface WbLimit {
  /** One request's worth of budget comes back every periodMs. */
  periodMs: number;
  /** The bucket's capacity: this many requests may be sent back to back. */
  burst: number;
}

export type WbLimitRow = Record<WbLimitTier, WbLimit | null>;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Same limit for every token type. */
function all(periodMs: number, burst: number): WbLimitRow {
  const l = { periodMs, burst };
  return { personal: l, service: l, baseWithSecret: l, base: l };
}

/** Personal, service and base-with-secret share a row; plain base tokens have their own (or none). */
function tiers(periodMs: number, burst: number, base: WbLimit | null): WbLimitRow {
  const l = { periodMs, burst };
  return { personal: l, service: l, baseWithSecret: l, base };
}

/** Feedbacks & questions, whole category (09-communications.yaml, every method's table):
 * 1 s / 3 requests / 333 ms / burst 6; Базовый 1 h / 5 requests / 12 min / burst 1. */
const FEEDBACKS = tiers(333, 6, { periodMs: 12 * MINUTE, burst: 1 });

export const WB_LIMITS: Record<WbMethodId, WbLimitRow> = {
  // 01-general.yaml GET /ping: "Максимум 3 запроса за 30 секунд", per host; no per-type rows.
  statisticsPing: all(10 * SECOND, 3),
  // 01-general.yaml GET /api/v1/seller-info: 1 min / 1 / 1 min / burst 10; Базовый 24 h / 1 / 24 h / 1.
  sellerInfo: tiers(MINUTE, 10, { periodMs: 24 * HOUR, burst: 1 }),
  // 12-reports.yaml GET /api/v1/supplier/orders: 1 min / 1 / 1 min / burst 10; Базовый 3 h / 1 / 3 h / 1.
  orders: tiers(MINUTE, 10, { periodMs: 3 * HOUR, burst: 1 }),
  // 12-reports.yaml GET /api/v1/supplier/sales: 1 min / 1 / 1 min / burst 1; Базовый 2 h / 1 / 2 h / 1.
  sales: tiers(MINUTE, 1, { periodMs: 2 * HOUR, burst: 1 }),
  // 02-items.yaml POST /content/v2/get/cards/list: 1 min / 100 / 600 ms / burst 5, no per-type rows.
  cardsList: all(600, 5),
  // 02-items.yaml GET /api/v2/list/goods/filter (whole Prices category): 6 s / 10 / 600 ms / burst 5;
  // Базовый 1 h / 4 / 15 min / burst 1.
  pricesList: tiers(600, 5, { periodMs: 15 * MINUTE, burst: 1 }),
  feedbacksList: FEEDBACKS,
  feedbackAnswer: FEEDBACKS,
  feedbacksCountUnanswered: FEEDBACKS,
  questionsList: FEEDBACKS,
  questionAnswer: FEEDBACKS,
  questionsCountUnanswered: FEEDBACKS,
  newFeedbacksQuestions: FEEDBACKS,
  // 11-analytics.yaml POST /api/analytics/v1/stocks-report/wb-warehouses: 1 min / 3 / 20 s / burst 1;
  // `x-token-types: [personal, service, base-with-secret]` — not for plain base tokens.
  stocksWbWarehouses: tiers(20 * SECOND, 1, null),
  // 12-reports.yaml GET /api/v1/warehouse_remains: 1 min / 1 / 1 min / burst 5; Базовый 1 h / 4 / 15 min / 1.
  warehouseRemainsCreate: tiers(MINUTE, 5, { periodMs: 15 * MINUTE, burst: 1 }),
  // …/tasks/{task_id}/status: 5 s / 1 / 5 s / burst 5; Базовый 1 h / 4 / 15 min / 1.
  warehouseRemainsStatus: tiers(5 * SECOND, 5, { periodMs: 15 * MINUTE, burst: 1 }),
  // …/tasks/{task_id}/download: 1 min / 1 / 1 min / burst 1; Базовый 1 h / 4 / 15 min / 1.
  warehouseRemainsDownload: tiers(MINUTE, 1, { periodMs: 15 * MINUTE, burst: 1 }),
  // 13-finances.yaml POST /api/finance/v1/sales-reports/detailed: 1 min / 1 / 1 min / burst 1;
  // Базовый 24 h / 2 / 12 h / burst 1.
  financeSalesReportDetailed: tiers(MINUTE, 1, { periodMs: 12 * HOUR, burst: 1 }),
};

/** The limit for a method and token tier; null when WB refuses that token type outright. */
export function limitFor(methodId: WbMethodId, tier: WbLimitTier): WbLimit | null {
  return WB_LIMITS[methodId][tier];
}

/**
 * Methods that draw from one shared bucket. WB's tables for Feedbacks & questions and for Prices
 * say the limit is "для всех методов категории", so those categories share a bucket; every other
 * method has its own.
 */
export function limitGroupOf(methodId: WbMethodId): string {
  const category = WB_METHODS[methodId].category;
  if (category === "feedbacks" || category === "prices") return `category:${category}`;
  return methodId;
}
