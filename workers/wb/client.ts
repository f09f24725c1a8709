// The one WB seller-API client, over every WB host.
//
// It sends the seller's token, retries what is safe to retry (429 after WB's own X-Ratelimit-Retry,
// 5xx, timeouts and network failures, all bounded), validates the fields callers rely on, and
// returns WB's shapes unchanged: converting money to kopecks and Moscow times to UTC belongs to
// workers/domain (money.ts, moscow-time.ts), not here. Planning calls against WB's per-method
// limits belongs to the rate-limit gate, which learns from `onRateLimitHeaders`.

import { z } from "zod";

import { toMoscowIso } from "../domain/moscow-time";
import {
  type WbCallId,
  WbApiError,
  WbMalformedResponseError,
  WbNetworkError,
  WbRateLimitedError,
  WbReportTaskError,
  WbTimeoutError,
  errorFromResponse,
  parseWbErrorBody,
} from "./errors";
import { WB_METHODS, type WbMethod, type WbMethodId } from "./methods";
import type {
  WbCard,
  WbCardsCursor,
  WbFeedback,
  WbFeedbacksData,
  WbFinanceReportRow,
  WbGoodsPrices,
  WbNewFeedbacksQuestions,
  WbOrder,
  WbPingResponse,
  WbQuestion,
  WbQuestionsData,
  WbSale,
  WbSellerInfo,
  WbUnansweredCount,
  WbWarehouseRemainsQuery,
  WbWarehouseRemainsRow,
  WbWarehouseStock,
} from "./types";

/** The subset of `fetch` the client uses; tests inject a scripted one. */
export type WbFetch = (url: string, init: RequestInit) => Promise<Response>;

/** Rate-limit headers seen on one response (absent headers are null). Values are WB's seconds. */
export interface WbRateLimitInfo {
  sub: string;
  status: number;
  /** X-Ratelimit-Remaining: requests left in the burst. */
  remaining: number | null;
  /** X-Ratelimit-Limit: the burst size. */
  limit: number | null;
  /** X-Ratelimit-Retry: seconds until a retry is allowed (on 429). */
  retrySeconds: number | null;
  /** X-Ratelimit-Reset: seconds until the burst is full again (on 429). */
  resetSeconds: number | null;
}

export interface WbClientOptions {
  token: string;
  /** Service secret from WB's Business Solutions programme, sent as X-Client-Secret. */
  clientSecret?: string;
  /**
   * WB_API_BASE: when set, requests go to `${apiBase}/${sub}${path}` (the built-in sandbox or a
   * test server) instead of `https://${sub}.wildberries.ru${path}`.
   */
  apiBase?: string;
  fetch?: WbFetch;
  /** Per attempt, covering the response body too. */
  timeoutMs?: number;
  /** Retries after the first attempt, for 429, 5xx, timeouts and network errors. */
  maxRetries?: number;
  /** Longest X-Ratelimit-Retry we sleep through inside one call; longer waits throw at once. */
  maxRetryWaitMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); drives the backoff jitter. */
  random?: () => number;
  userAgent?: string;
  onRateLimitHeaders?: (methodId: WbCallId, info: WbRateLimitInfo) => void;
}

export const DEFAULT_USER_AGENT = "WBAssist/0.1 (+https://github.com/wb-assist)";

/** Statistics and Finance `dateFrom`: a Date (sent as Moscow time) or WB's own string, verbatim. */
export type WbDateInput = Date | string;

export interface StatisticsPage<T> {
  rows: T[];
  /** The dateFrom this page was requested with. */
  dateFrom: string;
  /** Where to resume: the last row's lastChangeDate (WB returns rows with lastChangeDate >= dateFrom). */
  nextDateFrom: string;
}

export interface CardsPage {
  cards: WbCard[];
  cursor: WbCardsCursor;
}

export interface PricesPage {
  goods: WbGoodsPrices[];
  offset: number;
}

export interface FinancePage {
  rows: WbFinanceReportRow[];
  rrdId: number;
  /** The last row's rrdId: pass it as rrdId to resume. */
  nextRrdId: number;
}

export interface FeedbacksListParams {
  isAnswered: boolean;
  /** ≤ 5000. */
  take: number;
  /** ≤ 199 990. */
  skip: number;
  order?: "dateAsc" | "dateDesc";
  /** Unix seconds (UTC) or a Date. */
  dateFrom?: number | Date;
  dateTo?: number | Date;
  nmId?: number;
}

export interface QuestionsListParams extends Omit<FeedbacksListParams, "take" | "skip"> {
  /** take + skip ≤ 10 000. */
  take: number;
  skip: number;
}

export interface FinanceDetailedParams {
  /** Moscow date "2026-03-17" (or date-time); a Date is sent as Moscow time. */
  dateFrom: WbDateInput;
  dateTo: WbDateInput;
  /** Cursor: 0 first, then the last row's rrdId. */
  rrdId: number;
  /** ≤ 100 000; WB's default is 100 000. */
  limit?: number;
  period?: "daily" | "weekly";
  /** Only these fields in the rows (smaller pages). rrdId and reportId are always added. */
  fields?: string[];
}

export interface WarehouseRemainsOptions extends NonNullable<WbWarehouseRemainsQuery> {
  /** Between status polls; WB allows 1 status request per 5 s. */
  pollIntervalMs?: number;
  maxPolls?: number;
}

interface CallSpec {
  id: WbCallId;
  method: WbMethod;
  /** Concrete path (templates filled in). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** JSON keys whose integer values are int64 and must be kept as strings. */
  int64Keys?: readonly string[];
}

interface RawResponse {
  status: number;
  text: string;
}

const FINANCE_MAX_LIMIT = 100_000;
// 100 000 finance rows are ~200 MB of JSON, beyond a Worker's 128 MB: page smaller by default.
const FINANCE_DEFAULT_LIMIT = 10_000;

export class WbClient {
  private readonly token: string;
  private readonly clientSecret: string | undefined;
  private readonly apiBase: string | undefined;
  private readonly fetchFn: WbFetch;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryWaitMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly userAgent: string;
  private readonly onRateLimitHeaders: WbClientOptions["onRateLimitHeaders"];

  constructor(options: WbClientOptions) {
    this.token = options.token.trim();
    this.clientSecret = options.clientSecret?.trim() || undefined;
    this.apiBase = options.apiBase ? options.apiBase.replace(/\/+$/, "") : undefined;
    // A wrapper, not `globalThis.fetch` itself: workerd throws "Illegal invocation" when fetch is
    // called with another `this`.
    this.fetchFn = options.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? 65_000;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.onRateLimitHeaders = options.onRateLimitHeaders;
  }

  /** The URL a call to `sub` + `path` goes to (WB_API_BASE aware). */
  urlFor(sub: string, path: string): string {
    return this.apiBase ? `${this.apiBase}/${sub}${path}` : `https://${sub}.wildberries.ru${path}`;
  }

  // --- general ------------------------------------------------------------------------------------

  /** GET /ping on one host (`statistics-api`, `content-api` …). WB allows 3 per 30 s per host. */
  async ping(sub: string): Promise<WbPingResponse> {
    const method: WbMethod =
      sub === WB_METHODS.statisticsPing.sub ? WB_METHODS.statisticsPing : { ...WB_METHODS.statisticsPing, sub, category: "common" };
    const id: WbCallId = sub === WB_METHODS.statisticsPing.sub ? "statisticsPing" : "ping";
    return this.json({ id, method, path: "/ping" }, PingSchema);
  }

  async sellerInfo(): Promise<WbSellerInfo> {
    return this.json(spec("sellerInfo"), SellerInfoSchema);
  }

  // --- Statistics: orders and sales ---------------------------------------------------------------

  /**
   * One page of orders. flag=0: rows with lastChangeDate >= dateFrom (up to ~80 000);
   * flag=1: every order of dateFrom's day. Prices are roubles (floats); dates are Moscow time.
   */
  async orders(params: { dateFrom: WbDateInput; flag?: 0 | 1 }): Promise<WbOrder[]> {
    return this.json(
      { ...spec("orders"), query: { dateFrom: moscowParam(params.dateFrom), flag: params.flag } },
      z.array(OrderRow),
    ) as Promise<WbOrder[]>;
  }

  /** One page of sales and returns; same paging as orders. `forPay` etc. are roubles. */
  async sales(params: { dateFrom: WbDateInput; flag?: 0 | 1 }): Promise<WbSale[]> {
    return this.json(
      { ...spec("sales"), query: { dateFrom: moscowParam(params.dateFrom), flag: params.flag } },
      z.array(SaleRow),
    ) as Promise<WbSale[]>;
  }

  /** Every order changed since dateFrom, page by page (lastChangeDate cursor) until WB returns []. */
  ordersSince(dateFrom: WbDateInput): AsyncGenerator<StatisticsPage<WbOrder>> {
    return this.statisticsPages(dateFrom, (from) => this.orders({ dateFrom: from }));
  }

  /** Every sale/return changed since dateFrom, page by page, until WB returns []. */
  salesSince(dateFrom: WbDateInput): AsyncGenerator<StatisticsPage<WbSale>> {
    return this.statisticsPages(dateFrom, (from) => this.sales({ dateFrom: from }));
  }

  private async *statisticsPages<T extends { lastChangeDate: string }>(
    dateFrom: WbDateInput,
    page: (from: string) => Promise<T[]>,
  ): AsyncGenerator<StatisticsPage<T>> {
    let from = moscowParam(dateFrom);
    for (;;) {
      const rows = await page(from);
      const last = rows.at(-1);
      if (!last) return;
      yield { rows, dateFrom: from, nextDateFrom: last.lastChangeDate };
      // WB returns lastChangeDate >= dateFrom, so a page that does not move the cursor would be
      // returned again forever.
      if (last.lastChangeDate === from) return;
      from = last.lastChangeDate;
    }
  }

  // --- Content: cards -----------------------------------------------------------------------------

  /**
   * One page of cards, oldest change first. withPhoto is always -1 ("any"): since 16.06.2026 WB's
   * default 0 no longer means "all" reliably, so we never rely on the default.
   */
  async cardsList(params: { cursor?: { updatedAt?: string; nmID?: number }; limit?: number; locale?: "ru" | "en" | "zh" } = {}): Promise<{
    cards: WbCard[];
    cursor: WbCardsCursor;
  }> {
    const limit = params.limit ?? 100;
    assertRange("limit", limit, 1, 100);
    const cursor: { limit: number; updatedAt?: string; nmID?: number } = { limit };
    if (params.cursor?.updatedAt !== undefined) cursor.updatedAt = params.cursor.updatedAt;
    if (params.cursor?.nmID !== undefined) cursor.nmID = params.cursor.nmID;
    const res = await this.json(
      {
        ...spec("cardsList"),
        query: { locale: params.locale },
        body: { settings: { sort: { ascending: true }, filter: { withPhoto: -1 }, cursor } },
      },
      CardsListSchema,
    );
    return res as { cards: WbCard[]; cursor: WbCardsCursor };
  }

  /** All cards, following the {updatedAt, nmID} cursor until a page is short (cursor.total < limit). */
  async *cardsAll(params: { limit?: number; locale?: "ru" | "en" | "zh" } = {}): AsyncGenerator<CardsPage> {
    const limit = params.limit ?? 100;
    let cursor: { updatedAt?: string; nmID?: number } = {};
    for (;;) {
      const page = await this.cardsList({ cursor, limit, ...(params.locale ? { locale: params.locale } : {}) });
      yield page;
      if (page.cards.length === 0 || page.cursor.total < limit) return;
      const next = { updatedAt: page.cursor.updatedAt, nmID: page.cursor.nmID };
      if (next.updatedAt === cursor.updatedAt && next.nmID === cursor.nmID) return; // no progress
      cursor = next;
    }
  }

  // --- Prices -------------------------------------------------------------------------------------

  /** One page of goods with prices. Prices are roubles (integers), discounts are percent. */
  async pricesList(params: { limit: number; offset: number; filterNmID?: number }): Promise<WbGoodsPrices[]> {
    assertRange("limit", params.limit, 1, 1000);
    assertRange("offset", params.offset, 0, Number.MAX_SAFE_INTEGER);
    const res = await this.json(
      { ...spec("pricesList"), query: { limit: params.limit, offset: params.offset, filterNmID: params.filterNmID } },
      PricesSchema,
    );
    return res.data.listGoods as WbGoodsPrices[];
  }

  /** All goods with prices, limit/offset until listGoods comes back empty. */
  async *pricesAll(params: { limit?: number } = {}): AsyncGenerator<PricesPage> {
    const limit = params.limit ?? 1000;
    let offset = 0;
    for (;;) {
      const goods = await this.pricesList({ limit, offset });
      if (goods.length === 0) return;
      yield { goods, offset };
      offset += goods.length;
    }
  }

  // --- Feedbacks and questions --------------------------------------------------------------------

  async feedbacksList(params: FeedbacksListParams): Promise<WbFeedbacksData> {
    assertRange("take", params.take, 1, 5000);
    assertRange("skip", params.skip, 0, 199_990);
    const data = await this.data({ ...spec("feedbacksList"), query: reviewQuery(params) }, FeedbacksDataSchema);
    return { ...data, feedbacks: (data.feedbacks ?? []) as WbFeedback[] } as WbFeedbacksData;
  }

  async questionsList(params: QuestionsListParams): Promise<WbQuestionsData> {
    assertRange("take", params.take, 1, 10_000);
    assertRange("skip", params.skip, 0, 10_000 - params.take);
    const data = await this.data({ ...spec("questionsList"), query: reviewQuery(params) }, QuestionsDataSchema);
    return { ...data, questions: (data.questions ?? []) as WbQuestion[] } as WbQuestionsData;
  }

  async feedbacksCountUnanswered(): Promise<WbUnansweredCount> {
    return this.data(spec("feedbacksCountUnanswered"), CountSchema);
  }

  async questionsCountUnanswered(): Promise<WbUnansweredCount> {
    return this.data(spec("questionsCountUnanswered"), CountSchema);
  }

  /** The cheap poll: are there new feedbacks or questions at all. */
  async newFeedbacksQuestions(): Promise<WbNewFeedbacksQuestions> {
    return this.data(spec("newFeedbacksQuestions"), NewSchema);
  }

  /** Publishes an answer to a feedback (WB answers 204; it does not check that the id exists). */
  async answerFeedback(id: string, text: string): Promise<void> {
    await this.expectOk({ ...spec("feedbackAnswer"), body: { id, text } });
  }

  /** Answers (or edits the answer to) a question; state "wbRu" shows it on the storefront. */
  async answerQuestion(id: string, text: string): Promise<void> {
    await this.expectOk({ ...spec("questionAnswer"), body: { id, answer: { text }, state: "wbRu" } });
  }

  // --- Stocks -------------------------------------------------------------------------------------

  /**
   * Stock per size per WB warehouse (not for plain base tokens: 403). Since 2026-08 WB masks the
   * warehouses: warehouseId -999999, warehouseName "Склад WB".
   */
  async stocksWbWarehouses(
    params: { limit?: number; offset?: number; nmIds?: number[]; chrtIds?: number[] } = {},
  ): Promise<WbWarehouseStock[]> {
    const limit = params.limit ?? 250_000;
    const offset = params.offset ?? 0;
    assertRange("limit", limit, 1, 250_000);
    assertRange("offset", offset, 0, 0xffffffff);
    if (params.nmIds && params.nmIds.length > 1000) throw new RangeError("nmIds: at most 1000 per request");
    const body: { limit: number; offset: number; nmIds?: number[]; chrtIds?: number[] } = { limit, offset };
    if (params.nmIds) body.nmIds = params.nmIds;
    if (params.chrtIds) body.chrtIds = params.chrtIds;
    const res = await this.json({ ...spec("stocksWbWarehouses"), body }, StocksSchema);
    return res.data.items as WbWarehouseStock[];
  }

  /**
   * The warehouse-remains report: create the task, poll its status until "done" (sleeping between
   * polls), then download. Fails with WbReportTaskError on "canceled"/"purged" or after maxPolls.
   */
  async warehouseRemains(options: WarehouseRemainsOptions = {}): Promise<WbWarehouseRemainsRow[]> {
    const { pollIntervalMs = 5_000, maxPolls = 60, ...query } = options;
    const created = await this.json({ ...spec("warehouseRemainsCreate"), query: { ...query } }, TaskCreatedSchema);
    const taskId = created.data.taskId;
    const taskPath = (template: string) => template.replace("{task_id}", encodeURIComponent(taskId));
    let status = "new";
    for (let poll = 0; poll < maxPolls; poll++) {
      await this.sleep(pollIntervalMs);
      const res = await this.json(
        { ...spec("warehouseRemainsStatus"), path: taskPath(WB_METHODS.warehouseRemainsStatus.path) },
        TaskStatusSchema,
      );
      status = res.data.status;
      if (status === "done") {
        const download = { ...spec("warehouseRemainsDownload"), path: taskPath(WB_METHODS.warehouseRemainsDownload.path) };
        const rows = await this.jsonOrNull(download, z.array(RemainsRow));
        return (rows ?? []) as WbWarehouseRemainsRow[];
      }
      if (status === "canceled" || status === "purged") break;
    }
    throw new WbReportTaskError({
      methodId: "warehouseRemainsStatus",
      taskId,
      taskStatus: status,
      message: `WB warehouse_remains task ${taskId} ended as "${status}"`,
    });
  }

  // --- Finance ------------------------------------------------------------------------------------

  /**
   * One page of the realization report detail, or null when WB answers 204 (no more rows).
   * Money fields are decimal strings ("376.99"). `reportId` is int64: it is returned as a string
   * (rewritten in the JSON text before parsing, so no digit is lost above 2^53).
   */
  async financeSalesReportDetailed(params: FinanceDetailedParams): Promise<WbFinanceReportRow[] | null> {
    const limit = params.limit ?? FINANCE_DEFAULT_LIMIT;
    assertRange("limit", limit, 1, FINANCE_MAX_LIMIT);
    assertRange("rrdId", params.rrdId, 0, Number.MAX_SAFE_INTEGER);
    const body: {
      dateFrom: string;
      dateTo: string;
      limit: number;
      rrdId: number;
      period?: "daily" | "weekly";
      fields?: string[];
    } = { dateFrom: moscowParam(params.dateFrom), dateTo: moscowParam(params.dateTo), limit, rrdId: params.rrdId };
    if (params.period) body.period = params.period;
    if (params.fields) body.fields = [...new Set(["rrdId", "reportId", ...params.fields])];
    const rows = await this.jsonOrNull({ ...spec("financeSalesReportDetailed"), body, int64Keys: ["reportId"] }, z.array(FinanceRow));
    return rows as WbFinanceReportRow[] | null;
  }

  /** Every detail row of the period, following the rrdId cursor until WB answers 204. */
  async *financeReportRows(
    dateFrom: WbDateInput,
    dateTo: WbDateInput,
    options: { period?: "daily" | "weekly"; limit?: number; rrdId?: number; fields?: string[] } = {},
  ): AsyncGenerator<FinancePage> {
    let rrdId = options.rrdId ?? 0;
    for (;;) {
      const rows = await this.financeSalesReportDetailed({
        dateFrom,
        dateTo,
        rrdId,
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
        ...(options.period ? { period: options.period } : {}),
        ...(options.fields ? { fields: options.fields } : {}),
      });
      const last = rows?.at(-1);
      if (!rows || !last) return;
      yield { rows, rrdId, nextRrdId: last.rrdId };
      if (last.rrdId === rrdId) return; // no progress: stop rather than loop
      rrdId = last.rrdId;
    }
  }

  // --- transport ----------------------------------------------------------------------------------

  /** A JSON body validated by `schema`; the original value is returned (the schema only checks). */
  private async json<S extends z.ZodType>(call: CallSpec, schema: S): Promise<z.infer<S>> {
    const res = await this.send(call);
    if (res.status === 204) throw this.malformed(call, res.status, "expected a JSON body, got 204 No Content");
    return this.check(call, res, schema);
  }

  /** Like json(), but 204 No Content (WB's "no more data") is null. */
  private async jsonOrNull<S extends z.ZodType>(call: CallSpec, schema: S): Promise<z.infer<S> | null> {
    const res = await this.send(call);
    if (res.status === 204) return null;
    return this.check(call, res, schema);
  }

  /** Feedbacks-style envelope {data, error, errorText}: error=true on a 200 is still an error. */
  private async data<S extends z.ZodType>(call: CallSpec, dataSchema: S): Promise<z.infer<S>> {
    const envelope = z.object({ data: dataSchema, error: z.boolean().optional(), errorText: z.string().optional() });
    // zod cannot infer through a generic object shape; the schema guarantees `data` matches S.
    const env = (await this.json(call, envelope)) as { data: z.infer<S> };
    return env.data;
  }

  /** A write answered with 204, or 200 with a {data, error:false} envelope. */
  private async expectOk(call: CallSpec): Promise<void> {
    const res = await this.send(call);
    if (res.status === 204 || res.text.trim() === "") return;
    this.check(call, res, z.unknown());
  }

  private check<S extends z.ZodType>(call: CallSpec, res: RawResponse, schema: S): z.infer<S> {
    let value: unknown;
    try {
      value = JSON.parse(call.int64Keys ? int64KeysAsStrings(res.text, call.int64Keys) : res.text);
    } catch {
      throw this.malformed(call, res.status, `body is not JSON: ${res.text.slice(0, 120)}`);
    }
    const envelope = EnvelopeError.safeParse(value);
    if (envelope.success && envelope.data.error === true) {
      const detail = envelope.data.errorText || "error=true";
      throw new WbApiError({
        status: res.status,
        methodId: call.id,
        detail,
        userMessage: `WB вернул ошибку: ${detail}`,
      });
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "wrong shape";
      throw this.malformed(call, res.status, `unexpected shape at ${where}`);
    }
    // The original value, not zod's output: schemas check only the fields we rely on, and zod
    // would strip the rest (copying an 80 000-row page costs more than parsing it).
    return value as z.infer<S>;
  }

  private malformed(call: CallSpec, status: number, message: string): WbMalformedResponseError {
    return new WbMalformedResponseError({ methodId: call.id, status, message: `WB ${call.id}: ${message}` });
  }

  /** One logical call: attempts with retries; resolves only with a 2xx. */
  private async send(call: CallSpec): Promise<RawResponse> {
    const url = withQuery(this.urlFor(call.method.sub, call.path), call.query);
    const headers: Record<string, string> = {
      Authorization: this.token,
      Accept: "application/json",
      "User-Agent": this.userAgent,
    };
    if (this.clientSecret) headers["X-Client-Secret"] = this.clientSecret;
    let body: string | undefined;
    if (call.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(call.body);
    }
    // A write that timed out or got a 5xx may have been applied: repeating it could post an answer
    // twice, so writes are retried only on 429 (WB refused it before doing anything).
    const retryUnsafe = call.method.writes !== true;

    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < this.maxRetries;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.timeoutMs);
      let response: Response;
      let text: string;
      try {
        response = await this.fetchFn(url, { method: call.method.verb, headers, body, signal: controller.signal });
        text = await response.text(); // inside the timeout: a stalled body counts as a timeout
      } catch (err) {
        const timedOut = controller.signal.aborted;
        if (canRetry && retryUnsafe) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        if (timedOut) {
          throw new WbTimeoutError({
            methodId: call.id,
            timeoutMs: this.timeoutMs,
            message: `WB ${call.id}: no response within ${this.timeoutMs} ms (${attempt + 1} attempts)`,
            cause: err,
          });
        }
        throw new WbNetworkError({ methodId: call.id, message: `WB ${call.id}: ${errorText(err)}`, cause: err });
      } finally {
        clearTimeout(timer);
      }

      this.reportRateLimit(call, response);
      const status = response.status;
      if (status >= 200 && status < 300) return { status, text };

      if (status === 429) {
        const retryAfterMs = headerSeconds(response.headers, "X-Ratelimit-Retry");
        const waitMs = retryAfterMs ?? Math.max(this.backoffBaseMs, this.backoff(attempt));
        if (canRetry && waitMs <= this.maxRetryWaitMs) {
          await this.sleep(waitMs);
          continue;
        }
        throw new WbRateLimitedError({ methodId: call.id, ...parseWbErrorBody(text), retryAfterMs });
      }
      if (status >= 500 && canRetry && retryUnsafe) {
        await this.sleep(this.backoff(attempt));
        continue;
      }
      throw errorFromResponse(call.id, status, parseWbErrorBody(text));
    }
  }

  /** Exponential backoff with full jitter: uniform in [0, min(max, base·2^attempt)). */
  private backoff(attempt: number): number {
    return Math.floor(this.random() * Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** attempt));
  }

  private reportRateLimit(call: CallSpec, response: Response): void {
    if (!this.onRateLimitHeaders) return;
    // Headers.get is case-insensitive, so statistics-api's lower-case headers match too.
    const info: WbRateLimitInfo = {
      sub: call.method.sub,
      status: response.status,
      remaining: headerNumber(response.headers, "X-Ratelimit-Remaining"),
      limit: headerNumber(response.headers, "X-Ratelimit-Limit"),
      retrySeconds: headerNumber(response.headers, "X-Ratelimit-Retry"),
      resetSeconds: headerNumber(response.headers, "X-Ratelimit-Reset"),
    };
    if (info.remaining === null && info.limit === null && info.retrySeconds === null && info.resetSeconds === null) return;
    this.onRateLimitHeaders(call.id, info);
  }
}

/** True for errors worth retrying later (rate limits, WB outages, timeouts, network). */
export function isTransientWbError(err: unknown): err is WbApiError {
  return (
    err instanceof WbApiError &&
    (err.status === 0 || err.status === 429 || err.status >= 500 || err instanceof WbMalformedResponseError)
  );
}

// --- helpers ----------------------------------------------------------------------------------------

function spec(id: WbMethodId): { id: WbMethodId; method: WbMethod; path: string } {
  const method: WbMethod = WB_METHODS[id];
  return { id, method, path: method.path };
}

function moscowParam(value: WbDateInput): string {
  return typeof value === "string" ? value : toMoscowIso(value);
}

function unixSeconds(value: number | Date): number {
  return typeof value === "number" ? value : Math.floor(value.getTime() / 1000);
}

function reviewQuery(p: FeedbacksListParams | QuestionsListParams): Record<string, string | number | boolean | undefined> {
  return {
    isAnswered: p.isAnswered,
    take: p.take,
    skip: p.skip,
    order: p.order,
    nmId: p.nmId,
    dateFrom: p.dateFrom === undefined ? undefined : unixSeconds(p.dateFrom),
    dateTo: p.dateTo === undefined ? undefined : unixSeconds(p.dateTo),
  };
}

function assertRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

function withQuery(url: string, query: CallSpec["query"]): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

function headerNumber(headers: Headers, name: string): number | null {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === "") return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function headerSeconds(headers: Headers, name: string): number | null {
  const seconds = headerNumber(headers, name);
  return seconds === null ? null : Math.round(seconds * 1000);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Quotes the integer values of the given keys in JSON text, so JSON.parse keeps every digit of an
 * int64 (a JS number is exact only up to 2^53). Matches `"key": 123` only where a key can start
 * (after `{` or `,`); inside JSON strings quotes are escaped, so string contents never match.
 */
export function int64KeysAsStrings(text: string, keys: readonly string[]): string {
  let out = text;
  for (const key of keys) {
    const pattern = new RegExp(`([{,]\\s*"${key}"\\s*:\\s*)(-?\\d+)(?=\\s*[,}])`, "g");
    out = out.replace(pattern, '$1"$2"');
  }
  return out;
}

// --- response schemas: only the fields callers rely on ---------------------------------------------

const int = z.number().int();

const EnvelopeError = z.object({ error: z.boolean(), errorText: z.string().optional() });

const PingSchema = z.looseObject({});
const SellerInfoSchema = z.object({ sid: z.string(), name: z.string() });

const OrderRow = z.object({ srid: z.string().min(1), date: z.string(), lastChangeDate: z.string().min(1) });
const SaleRow = z.object({ saleID: z.string().min(1), date: z.string(), lastChangeDate: z.string().min(1) });

const CardsListSchema = z.object({
  cards: z.array(z.object({ nmID: int })),
  cursor: z.object({ total: int, nmID: int.optional(), updatedAt: z.string().optional() }),
});

const PricesSchema = z.object({ data: z.object({ listGoods: z.array(z.object({ nmID: int })) }) });

const FeedbacksDataSchema = z.object({ feedbacks: z.array(z.object({ id: z.string().min(1) })).nullish() });
const QuestionsDataSchema = z.object({ questions: z.array(z.object({ id: z.string().min(1) })).nullish() });
const CountSchema = z.object({ countUnanswered: int, countUnansweredToday: int });
const NewSchema = z.object({ hasNewFeedbacks: z.boolean(), hasNewQuestions: z.boolean() });

const StocksSchema = z.object({
  data: z.object({ items: z.array(z.object({ nmId: int, chrtId: int, quantity: z.number() })) }),
});

const TaskCreatedSchema = z.object({ data: z.object({ taskId: z.string().min(1) }) });
const TaskStatusSchema = z.object({ data: z.object({ status: z.string() }) });
const RemainsRow = z.object({
  warehouses: z.array(z.object({ warehouseName: z.string(), quantity: z.number() })).optional(),
});

const FinanceRow = z.object({ rrdId: int.nonnegative(), reportId: z.string().regex(/^-?\d+$/) });
