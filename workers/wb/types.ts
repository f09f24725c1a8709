// Friendly names for the WB request/response shapes we use, taken from the types generated from
// WB's OpenAPI specs (workers/wb/generated, `npm run wb:types`). These are WB's shapes as sent:
// money and time are in WB's units (see the notes per type), converted only in workers/domain.

import type { paths as GeneralPaths } from "./generated/01-general";
import type { paths as ItemsPaths } from "./generated/02-items";
import type { paths as CommunicationsPaths } from "./generated/09-communications";
import type { paths as AnalyticsPaths } from "./generated/11-analytics";
import type { components as ReportsComponents, paths as ReportsPaths } from "./generated/12-reports";
import type { paths as FinancesPaths } from "./generated/13-finances";

/** The JSON body of a response with the given status. */
type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? JsonOf<R> : never;
type Query<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type Body<Op> = Op extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
type Item<A> = A extends readonly (infer T)[] ? T : never;
/** The spec marks almost every field optional; the client validates the ones we rely on. */
type WithRequired<T, K extends keyof T> = T & { [P in K]-?: NonNullable<T[P]> };

// --- common-api, any host ---------------------------------------------------------------------

export type WbPingResponse = Ok<GeneralPaths["/ping"]["get"]>;
export type WbSellerInfo = Ok<GeneralPaths["/api/v1/seller-info"]["get"]>;

// --- Statistics: money in roubles as floats; dates are Moscow time without an offset ----------

export type WbOrdersQuery = Query<ReportsPaths["/api/v1/supplier/orders"]["get"]>;
export type WbSalesQuery = Query<ReportsPaths["/api/v1/supplier/sales"]["get"]>;
/** One order (one unit); identity `srid`. The client checks srid, date and lastChangeDate. */
export type WbOrder = WithRequired<ReportsComponents["schemas"]["OrdersItem"], "srid" | "date" | "lastChangeDate">;
/** One sale or return; `saleID` starts with S for a sale and R for a return. */
export type WbSale = WithRequired<ReportsComponents["schemas"]["SalesItem"], "saleID" | "date" | "lastChangeDate">;

// --- Content ----------------------------------------------------------------------------------

type CardsListOp = ItemsPaths["/content/v2/get/cards/list"]["post"];
export type WbCardsListRequest = Body<CardsListOp>;
export type WbCardsListResponse = Ok<CardsListOp>;
export type WbCard = WithRequired<Item<NonNullable<WbCardsListResponse["cards"]>>, "nmID">;
export type WbCardsCursor = WithRequired<NonNullable<WbCardsListResponse["cursor"]>, "total">;

// --- Prices: `price` and `discountedPrice` are roubles (not kopecks) ----------------------------

type PricesOp = ItemsPaths["/api/v2/list/goods/filter"]["get"];
export type WbPricesQuery = Query<PricesOp>;
export type WbPricesResponse = Ok<PricesOp>;
export type WbGoodsPrices = WithRequired<Item<WbPricesResponse["data"]["listGoods"]>, "nmID">;

// --- Feedbacks & questions: dateFrom/dateTo are unix seconds ---------------------------------

type FeedbacksOp = CommunicationsPaths["/api/v1/feedbacks"]["get"];
export type WbFeedbacksQuery = Query<FeedbacksOp>;
export type WbFeedbacksResponse = Ok<FeedbacksOp>;
export type WbFeedback = WithRequired<Item<NonNullable<NonNullable<WbFeedbacksResponse["data"]>["feedbacks"]>>, "id">;
/** `data` of a feedbacks page; the client turns a missing list into []. */
export type WbFeedbacksData = Omit<NonNullable<WbFeedbacksResponse["data"]>, "feedbacks"> & { feedbacks: WbFeedback[] };
export type WbFeedbackAnswerRequest = Body<CommunicationsPaths["/api/v1/feedbacks/answer"]["post"]>;

type QuestionsOp = CommunicationsPaths["/api/v1/questions"]["get"];
export type WbQuestionsQuery = Query<QuestionsOp>;
export type WbQuestionsResponse = Ok<QuestionsOp>;
export type WbQuestion = WithRequired<Item<NonNullable<NonNullable<WbQuestionsResponse["data"]>["questions"]>>, "id">;
/** `data` of a questions page; the client turns a missing list into []. */
export type WbQuestionsData = Omit<NonNullable<WbQuestionsResponse["data"]>, "questions"> & { questions: WbQuestion[] };
export type WbQuestionPatchRequest = Body<CommunicationsPaths["/api/v1/questions"]["patch"]>;

export type WbUnansweredCount = Required<NonNullable<Ok<CommunicationsPaths["/api/v1/feedbacks/count-unanswered"]["get"]>["data"]>>;
export type WbNewFeedbacksQuestions = Required<NonNullable<Ok<CommunicationsPaths["/api/v1/new-feedbacks-questions"]["get"]>["data"]>>;

// --- Stocks -------------------------------------------------------------------------------------

type StocksOp = AnalyticsPaths["/api/analytics/v1/stocks-report/wb-warehouses"]["post"];
export type WbStocksWbWarehousesRequest = Body<StocksOp>;
export type WbStocksWbWarehousesResponse = Ok<StocksOp>;
/** One size at one WB warehouse; since 2026-08 WB masks warehouses ("Склад WB", id -999999). */
export type WbWarehouseStock = Item<WbStocksWbWarehousesResponse["data"]["items"]>;

export type WbWarehouseRemainsQuery = Query<ReportsPaths["/api/v1/warehouse_remains"]["get"]>;
export type WbWarehouseRemainsTask = Ok<ReportsPaths["/api/v1/warehouse_remains"]["get"]>;
/** Task status: "new" | "processing" | "done" | "purged" | "canceled". */
export type WbWarehouseRemainsStatus = Ok<ReportsPaths["/api/v1/warehouse_remains/tasks/{task_id}/status"]["get"]>;
export type WbWarehouseRemainsRow = Item<Ok<ReportsPaths["/api/v1/warehouse_remains/tasks/{task_id}/download"]["get"]>>;

// --- Finance: money fields are decimal strings ("376.99"); dates are Moscow dates --------------

type FinanceDetailedOp = FinancesPaths["/api/finance/v1/sales-reports/detailed"]["post"];
export type WbFinanceDetailedRequest = Body<FinanceDetailedOp>;
type GeneratedFinanceRow = Item<Ok<FinanceDetailedOp>>;
/**
 * A row of the realization report detail. `reportId` is int64 in the spec; the client rewrites it
 * to a decimal string before JSON.parse so ids above 2^53 keep every digit (see client.ts).
 */
export type WbFinanceReportRow = Omit<GeneratedFinanceRow, "reportId"> & { reportId: string };
