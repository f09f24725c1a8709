// The WB sandbox: a deterministic WB API emulator of a Russian clothing seller, served under
// `/wb-sandbox/<sub>/<path>` (sub = the WB host's first label, e.g. statistics-api).
//
// A request goes through what WB's edge does, in order: routing (404 for a path on the wrong host,
// 404 "deprecated" for removed methods), the token check (401 problem+json), the token-type check
// (403 for base tokens on methods they may not call), the rate limit (429 with X-Ratelimit-*
// headers), optionally an injected fault, and finally the method handler. All data comes from
// generators that are pure in (seed, time); `now` decides what has happened so far.

import { limitFor, limitGroupOf, WB_LIMITS, type WbLimit } from "../limits";
import type { WbMethodId } from "../methods";
import { limitTierOf } from "../token";
import { stocksWbWarehousesHandler, warehouseRemainsCreateHandler, warehouseRemainsDownloadHandler, warehouseRemainsStatusHandler } from "./api/analytics";
import { pingHandler, sellerInfo, sellerInfoHandler } from "./api/common";
import { cardsListHandler } from "./api/content";
import {
  feedbackAnswerHandler,
  feedbacksCountHandler,
  feedbacksListHandler,
  newFeedbacksQuestionsHandler,
  questionPatchHandler,
  questionsCountHandler,
  questionsListHandler,
} from "./api/feedbacks";
import { financeDetailedHandler } from "./api/finance";
import { pricesListHandler } from "./api/prices";
import { ordersHandler, salesHandler } from "./api/statistics";
import { cardEntries, cardView } from "./cards";
import { chooseFault, FAULT_HEADER, hang, serverErrorBody, truncateJson } from "./faults";
import { feedbacksAt, feedbackView } from "./feedbacks";
import { financePage, reportsFor, type ReportPeriod } from "./finance";
import { problem, PROBLEM_TYPE, type RequestContext, type SandboxLimits } from "./http";
import { historyStartMs, orderRow, ordersChangedSince, visibleOrdersPlaced } from "./orders";
import { goodsPrices, pricedItems } from "./prices";
import { questionsAt, questionView } from "./questions";
import { normalizeSeed, Rng } from "./random";
import { TokenBuckets } from "./ratelimit";
import { isKnownHost, route } from "./router";
import { saleRow, salesBetween, salesChangedSince } from "./sales";
import { stockAt, warehouseRemains, wbWarehouseRow, type RemainsGrouping } from "./stocks";
import { MemorySandboxStore, type SandboxAnswer, type SandboxStore } from "./store";
import { mskDayIndex } from "./time";
import { checkSandboxToken, hasCategory, isReadOnly } from "./tokens";
import type { Card, Feedback, FinanceRow, GoodsPrices, OrderRow, Question, SaleRow, SellerInfo, WarehouseRemainsRow, WbWarehouseStockRow } from "./types";
import { createWorld } from "./world";

export interface WbSandboxOptions {
  /** Any number or string; the same seed gives the same seller, catalog and history. */
  seed?: number | string;
  /** The sandbox clock (default: the real clock). Orders keep arriving as it advances. */
  now?: () => Date;
  /** Probability (0–1) that a request gets an injected fault (env WB_SANDBOX_FAULT_RATE). */
  faultRate?: number;
  /** Source of randomness for faults and request ids (default Math.random). Data never uses it. */
  random?: () => number;
  /** Where API answers and revoked tokens live (default: in memory). */
  store?: SandboxStore;
  /** How long a "timeout" fault withholds its answer (default 60 s). */
  timeoutFaultMs?: number;
  /** Rows per Statistics page (default 80 000, as WB). Tests lower it to exercise paging. */
  statisticsPageRows?: number;
  /** Most rows per finance page (default 10 000; see api/finance.ts). */
  financePageRows?: number;
}

export interface DateRangeOptions {
  /** Filter on the order/sale time (default) or on lastChangeDate (what the cursor walks). */
  by?: "date" | "lastChangeDate";
}

/** Direct access to what the sandbox serves at its current clock, for tests and the demo. */
export interface WbSandboxData {
  now(): Date;
  sellerInfo(): SellerInfo;
  cards(): Card[];
  prices(): GoodsPrices[];
  /** Orders visible now, placed (or last changed) in [from, to). */
  orders(from: Date, to?: Date, options?: DateRangeOptions): OrderRow[];
  /** Sales and returns visible now, made (or last changed) in [from, to). */
  sales(from: Date, to?: Date, options?: DateRangeOptions): SaleRow[];
  stocks(): WbWarehouseStockRow[];
  warehouseRemains(grouping?: Partial<RemainsGrouping>): WarehouseRemainsRow[];
  feedbacks(): Promise<Feedback[]>;
  questions(): Promise<Question[]>;
  /** Rows of the published reports overlapping [from, to] (Moscow dates), in rrdId order. */
  financeRows(from: Date, to: Date, period?: ReportPeriod): FinanceRow[];
}

export interface WbSandbox {
  fetch(request: Request): Promise<Response>;
  data: WbSandboxData;
  /** The numeric seed in use. */
  seed: number;
}

type Handler = (ctx: RequestContext) => Response | Promise<Response>;

const HANDLERS: Record<WbMethodId | "ping", Handler> = {
  statisticsPing: pingHandler,
  ping: pingHandler,
  sellerInfo: sellerInfoHandler,
  orders: ordersHandler,
  sales: salesHandler,
  cardsList: cardsListHandler,
  pricesList: pricesListHandler,
  feedbacksList: feedbacksListHandler,
  feedbackAnswer: feedbackAnswerHandler,
  feedbacksCountUnanswered: feedbacksCountHandler,
  questionsList: questionsListHandler,
  questionAnswer: questionPatchHandler,
  questionsCountUnanswered: questionsCountHandler,
  newFeedbacksQuestions: newFeedbacksQuestionsHandler,
  stocksWbWarehouses: stocksWbWarehousesHandler,
  warehouseRemainsCreate: warehouseRemainsCreateHandler,
  warehouseRemainsStatus: warehouseRemainsStatusHandler,
  warehouseRemainsDownload: warehouseRemainsDownloadHandler,
  financeSalesReportDetailed: financeDetailedHandler,
};

const MARKER = "/wb-sandbox/";

/** The auth gateway's `origin` as WB names it per host. */
function authOrigin(sub: string): string {
  const short: Record<string, string> = {
    "statistics-api": "stat",
    "content-api": "content",
    "feedbacks-api": "feedbacks",
    "seller-analytics-api": "analytics",
    "discounts-prices-api": "dp",
    "finance-api": "finance",
    "common-api": "common",
    "marketplace-api": "marketplace",
  };
  return `s2s-api-auth-${short[sub] ?? sub.replace(/-api$/, "")}`;
}

export function createWbSandbox(options: WbSandboxOptions = {}): WbSandbox {
  const seed = normalizeSeed(options.seed);
  const world = createWorld(seed);
  const clock = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const store = options.store ?? new MemorySandboxStore();
  const faultRate = options.faultRate ?? 0;
  const timeoutFaultMs = options.timeoutFaultMs ?? 60_000;
  const limits: SandboxLimits = {
    statisticsPageRows: options.statisticsPageRows ?? 80_000,
    financePageRows: options.financePageRows ?? 10_000,
  };
  const buckets = new TokenBuckets();
  const requestId = () => new Rng(Math.floor(random() * 0x1_0000_0000)).hex(32);

  async function handle(request: Request): Promise<Response> {
    const nowMs = clock().getTime();
    const url = new URL(request.url);
    const at = url.pathname.indexOf(MARKER);
    const gatewayProblem = (status: number, title: string, detail: string, origin: string, headers: Record<string, string> = {}) =>
      problem({ status, title, detail, origin, requestId: requestId(), nowMs }, headers);
    if (at === -1) return gatewayProblem(404, "not found", "path not found", "wb-sandbox");
    const rest = url.pathname.slice(at + MARKER.length);
    const slash = rest.indexOf("/");
    const hostLabel = slash === -1 ? rest : rest.slice(0, slash);
    let path = slash === -1 ? "/" : rest.slice(slash);
    if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
    // `<host>-sandbox` hosts are WB's test contour: they take test tokens only.
    const testContour = hostLabel.endsWith("-sandbox");
    const sub = testContour ? hostLabel.slice(0, -"-sandbox".length) : hostLabel;
    const origin = authOrigin(sub);
    if (!isKnownHost(sub)) return gatewayProblem(404, "not found", "path not found", origin);

    const r = route(sub, request.method.toUpperCase(), path);
    if (r.kind === "notFound") return gatewayProblem(404, "not found", "path not found", origin);
    if (r.kind === "deprecated") return gatewayProblem(404, "not found", r.detail, origin);
    if (r.kind === "methodNotAllowed") return gatewayProblem(405, "method not allowed", "method not allowed", origin, { Allow: r.allow.join(", ") });

    // --- authentication and authorisation, as WB's s2s-api-auth gateway answers them ---------------
    const unauthorized = (detail: string) => gatewayProblem(401, "unauthorized", detail, origin);
    const authorization = request.headers.get("Authorization");
    if (authorization === null || authorization.trim() === "") return unauthorized("empty Authorization header");
    const token = checkSandboxToken(authorization);
    if (!token.ok) return unauthorized(token.detail);
    const claims = token.claims;
    if (claims.exp * 1000 <= nowMs) return unauthorized("token problem; token has invalid claims: token is expired");
    if (token.type === "test" && !testContour) return unauthorized("token problem; test token is not allowed for production contour");
    if (token.type !== "test" && testContour) return unauthorized("token problem; only test tokens are allowed for sandbox contour");
    if (await store.isTokenRevoked(claims.id)) return unauthorized("token problem; token has been revoked");
    if (!hasCategory(claims, r.category)) return unauthorized("token scope not allowed");
    if (r.writes && isReadOnly(claims)) return unauthorized("read only token scope not allowed");

    const tier = limitTierOf(token.type, (request.headers.get("X-Client-Secret") ?? "").trim() !== "");
    const limit: WbLimit | null = r.methodId === "ping" ? WB_LIMITS.statisticsPing[tier] : limitFor(r.methodId, tier);
    if (limit === null) {
      return problem(
        { status: 403, title: "forbidden", detail: "base token is not allowed", code: "base token is not allowed for this path", origin: authOrigin(sub), requestId: requestId(), nowMs },
      );
    }

    // --- rate limit --------------------------------------------------------------------------
    const group = r.methodId === "ping" ? `ping:${sub}` : r.methodId === "statisticsPing" ? "ping:statistics-api" : limitGroupOf(r.methodId);
    const taken = buckets.take(`${claims.id}|${group}`, limit, nowMs);
    if (!taken.allowed) {
      return gatewayProblem(429, "too many requests", `limited by ${claims.id}`, "s2s-api-auth-catalog", {
        "X-Ratelimit-Retry": String(taken.retryS),
        "X-Ratelimit-Limit": String(limit.burst),
        "X-Ratelimit-Reset": String(taken.resetS),
      });
    }
    const limitHeaders = { "X-Ratelimit-Remaining": String(taken.remaining), "X-Ratelimit-Limit": String(limit.burst) };

    // --- faults ------------------------------------------------------------------------------
    const fault = chooseFault(request.headers.get(FAULT_HEADER), faultRate, random);
    if (fault === "429") {
      const retry = 1 + Math.floor(random() * 5);
      return gatewayProblem(429, "too many requests", `limited by ${claims.id}`, "s2s-api-auth-catalog", {
        "X-Ratelimit-Retry": String(retry),
        "X-Ratelimit-Limit": String(limit.burst),
        "X-Ratelimit-Reset": String(Math.max(retry, taken.resetS)),
      });
    }
    if (fault === "500" || fault === "502" || fault === "503") {
      const { body, contentType } = serverErrorBody(fault);
      return new Response(body, { status: Number(fault), headers: { "Content-Type": contentType } });
    }
    if (fault === "timeout") {
      await hang(timeoutFaultMs, request.signal);
      return new Response("<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center><hr><center>nginx</center></body></html>", {
        status: 504,
        headers: { "Content-Type": "text/html" },
      });
    }

    // --- the method ----------------------------------------------------------------------------
    const ctx: RequestContext = { methodId: r.methodId === "ping" ? "statisticsPing" : r.methodId, world, nowMs, url, request, params: r.params, store, limits, requestId };
    let response: Response;
    try {
      response = await HANDLERS[r.methodId](ctx);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      return new Response(JSON.stringify({ title: "internal server error", detail, status: 500 }), { status: 500, headers: { "Content-Type": PROBLEM_TYPE } });
    }
    const headers = new Headers(response.headers);
    for (const [k, v] of Object.entries(limitHeaders)) headers.set(k, v);
    if (fault === "malformed") {
      const text = response.status === 204 ? "" : await response.text();
      if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json; charset=utf-8");
      return new Response(truncateJson(text), { status: response.status === 204 ? 200 : response.status, headers });
    }
    return new Response(response.body, { status: response.status, headers });
  }

  const nowMs = () => clock().getTime();
  const answers = async (kind: SandboxAnswer["kind"]) => new Map((await store.listAnswers(kind)).map((a) => [a.id, a]));

  const data: WbSandboxData = {
    now: () => new Date(nowMs()),
    sellerInfo,
    cards: () => cardEntries(world, nowMs()).map((e) => cardView(world, e)),
    prices: () => {
      const now = nowMs();
      return pricedItems(world, now).map((i) => goodsPrices(world, i, now));
    },
    orders: (from, to, opts) => {
      const now = nowMs();
      const toMs = to?.getTime() ?? Infinity;
      if (opts?.by === "lastChangeDate") {
        return ordersChangedSince(world, now, from.getTime())
          .filter((c) => c.lastChangeMs < toMs)
          .map((c) => orderRow(c.order, now));
      }
      return visibleOrdersPlaced(world, now, from.getTime(), toMs).map((o) => orderRow(o, now));
    },
    sales: (from, to, opts) => {
      const now = nowMs();
      const toMs = to?.getTime() ?? Infinity;
      const events = opts?.by === "lastChangeDate" ? salesChangedSince(world, now, from.getTime()).filter((e) => e.visibleMs < toMs) : salesBetween(world, now, from.getTime(), toMs);
      return events.map(saleRow);
    },
    stocks: () => stockAt(world, nowMs()).map(wbWarehouseRow),
    warehouseRemains: (g = {}) =>
      warehouseRemains(
        stockAt(world, nowMs()),
        { brand: g.brand ?? true, subject: g.subject ?? true, sa: g.sa ?? true, nm: g.nm ?? true, barcode: g.barcode ?? true, size: g.size ?? true },
        { pics: 0, volume: 0 },
      ),
    feedbacks: async () => {
      const now = nowMs();
      const stored = await answers("feedback");
      return feedbacksAt(world, now).map((d) => feedbackView(d, now, stored.get(d.id)));
    },
    questions: async () => {
      const now = nowMs();
      const [a, rj, v] = await Promise.all([answers("question"), answers("questionRejected"), answers("questionViewed")]);
      return questionsAt(world, now).map((q) => questionView(q, now, { answer: a.get(q.id), rejected: rj.get(q.id), viewed: v.get(q.id) }));
    },
    financeRows: (from, to, period = "weekly") => {
      const now = nowMs();
      const reports = reportsFor(period, mskDayIndex(from.getTime()), mskDayIndex(to.getTime()), now, mskDayIndex(historyStartMs(now)));
      return financePage(world, reports, 0, Number.MAX_SAFE_INTEGER);
    },
  };

  return { fetch: handle, data, seed };
}
