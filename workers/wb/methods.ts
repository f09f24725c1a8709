// The WB API methods WB Assist uses: one entry per method, shared by the client, the rate-limit
// table, the sandbox and the spec-conformance tests. `spec` names the file in shared/wb-openapi/
// whose `paths[path][verb]` defines it; `category` is the token scope bit it needs.

export type WbCategory =
  | "content"
  | "analytics"
  | "prices"
  | "marketplace"
  | "statistics"
  | "promotion"
  | "feedbacks"
  | "chat"
  | "supplies"
  | "returns"
  | "documents"
  | "finance"
  | "users"
  | "common";

/** Bit N of the token's `s` claim grants category N (see reference/wb-api.md, "Token types"). */
export const CATEGORY_BITS: Record<Exclude<WbCategory, "common">, number> = {
  content: 1,
  analytics: 2,
  prices: 3,
  marketplace: 4,
  statistics: 5,
  promotion: 6,
  feedbacks: 7,
  chat: 9,
  supplies: 10,
  returns: 11,
  documents: 12,
  finance: 13,
  users: 16,
};

/** Bit 30 of `s`: the token is read-only. */
export const READ_ONLY_BIT = 30;

export interface WbMethod {
  /** Host's first label, e.g. `statistics-api` for statistics-api.wildberries.ru. */
  sub: string;
  verb: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Path template as in the spec, e.g. `/api/v1/warehouse_remains/tasks/{task_id}/status`. */
  path: string;
  spec: string;
  category: WbCategory;
  /** Writes data on WB (refused for read-only tokens). */
  writes?: boolean;
}

export const WB_METHODS = {
  statisticsPing: { sub: "statistics-api", verb: "GET", path: "/ping", spec: "01-general.yaml", category: "statistics" },
  sellerInfo: { sub: "common-api", verb: "GET", path: "/api/v1/seller-info", spec: "01-general.yaml", category: "common" },
  orders: { sub: "statistics-api", verb: "GET", path: "/api/v1/supplier/orders", spec: "12-reports.yaml", category: "statistics" },
  sales: { sub: "statistics-api", verb: "GET", path: "/api/v1/supplier/sales", spec: "12-reports.yaml", category: "statistics" },
  cardsList: { sub: "content-api", verb: "POST", path: "/content/v2/get/cards/list", spec: "02-items.yaml", category: "content" },
  pricesList: { sub: "discounts-prices-api", verb: "GET", path: "/api/v2/list/goods/filter", spec: "02-items.yaml", category: "prices" },
  feedbacksList: { sub: "feedbacks-api", verb: "GET", path: "/api/v1/feedbacks", spec: "09-communications.yaml", category: "feedbacks" },
  feedbackAnswer: { sub: "feedbacks-api", verb: "POST", path: "/api/v1/feedbacks/answer", spec: "09-communications.yaml", category: "feedbacks", writes: true },
  feedbacksCountUnanswered: { sub: "feedbacks-api", verb: "GET", path: "/api/v1/feedbacks/count-unanswered", spec: "09-communications.yaml", category: "feedbacks" },
  questionsList: { sub: "feedbacks-api", verb: "GET", path: "/api/v1/questions", spec: "09-communications.yaml", category: "feedbacks" },
  questionAnswer: { sub: "feedbacks-api", verb: "PATCH", path: "/api/v1/questions", spec: "09-communications.yaml", category: "feedbacks", writes: true },
  questionsCountUnanswered: { sub: "feedbacks-api", verb: "GET", path: "/api/v1/questions/count-unanswered", spec: "09-communications.yaml", category: "feedbacks" },
  newFeedbacksQuestions: { sub: "feedbacks-api", verb: "GET", path: "/api/v1/new-feedbacks-questions", spec: "09-communications.yaml", category: "feedbacks" },
  stocksWbWarehouses: { sub: "seller-analytics-api", verb: "POST", path: "/api/analytics/v1/stocks-report/wb-warehouses", spec: "11-analytics.yaml", category: "analytics" },
  warehouseRemainsCreate: { sub: "seller-analytics-api", verb: "GET", path: "/api/v1/warehouse_remains", spec: "12-reports.yaml", category: "analytics" },
  warehouseRemainsStatus: { sub: "seller-analytics-api", verb: "GET", path: "/api/v1/warehouse_remains/tasks/{task_id}/status", spec: "12-reports.yaml", category: "analytics" },
  warehouseRemainsDownload: { sub: "seller-analytics-api", verb: "GET", path: "/api/v1/warehouse_remains/tasks/{task_id}/download", spec: "12-reports.yaml", category: "analytics" },
  financeSalesReportDetailed: { sub: "finance-api", verb: "POST", path: "/api/finance/v1/sales-reports/detailed", spec: "13-finances.yaml", category: "finance" },
} as const satisfies Record<string, WbMethod>;

export type WbMethodId = keyof typeof WB_METHODS;

/** The token's own type, from its `acc` claim. */
export type WbTokenType = "base" | "test" | "personal" | "service";

/**
 * The row of WB's per-method limit tables that applies: a base token used with a service
 * secret (`X-Client-Secret`) gets the "base with secret" limits, equal to personal ones.
 */
export type WbLimitTier = "personal" | "service" | "baseWithSecret" | "base";
