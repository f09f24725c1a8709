// D1 schema (drizzle sqlite-core). Migrations in db/migrations are generated from this file with
// `npx drizzle-kit generate` and applied by `wrangler d1 migrations apply` (and by the test setup).
//
// Conventions:
// - Money is INTEGER kopecks; such columns end in `_kopecks`. WB sends roubles (floats, or decimal
//   strings in the Finance API); the ingest converts once, at the edge.
// - Time is INTEGER unix milliseconds UTC; such columns end in `_at` (drizzle `timestamp_ms`, so
//   rows carry `Date`s). WB statistics times are Moscow time on input and are converted before
//   storage. Calendar days that are days, not instants (Moscow day of a rollup, a report's
//   period), are TEXT 'YYYY-MM-DD'.
// - Every seller-owned table starts its key with `cabinet_id` (FK → cabinets ON DELETE CASCADE),
//   so each cabinet's rows are one contiguous index range and deleting a cabinet deletes its data.
//   Seller data tables reference only `cabinets`, not each other: WB data arrives out of order
//   (a price or an order for a card not synced yet) and must still be stored.
// - Descriptive WB strings are nullable and stored as received; keys, money, times and flags are
//   NOT NULL.

import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

import type { WbCategory, WbTokenType } from "../workers/wb/methods";

/** Current time in unix ms, as a column default (SQL, so raw SQL inserts get it too). */
const nowMs = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/** Any JSON value (a sync cursor, a notification payload). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const cabinetRef = () => text("cabinet_id").notNull().references((): AnySQLiteColumn => cabinets.id, { onDelete: "cascade" });
const userRef = (name = "user_id") => integer(name).notNull().references((): AnySQLiteColumn => users.id, { onDelete: "cascade" });

// ---------------------------------------------------------------------------------------------
// Identity and access

export const users = sqliteTable("users", {
  /** The Telegram user id is the identity (Telegram ids fit in 52 bits, safe as a JS number). */
  id: integer("id").primaryKey({ autoIncrement: false }),
  username: text("username"),
  firstName: text("first_name").notNull().default(""),
  /** Telegram `language_code`, as sent. */
  language: text("language"),
  timeZone: text("time_zone").notNull().default("Europe/Moscow"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  /** Set when Telegram answers 403 (the user blocked the bot): stop sending until they return. */
  notificationsPaused: integer("notifications_paused", { mode: "boolean" }).notNull().default(false),
  notificationsPausedReason: text("notifications_paused_reason"),
  notificationsPausedAt: integer("notifications_paused_at", { mode: "timestamp_ms" }),
});

export const CABINET_STATUSES = ["active", "token_invalid", "paused"] as const;
export type CabinetStatus = (typeof CABINET_STATUSES)[number];

export const WB_TOKEN_TYPES = ["base", "test", "personal", "service"] as const satisfies readonly WbTokenType[];

export const cabinets = sqliteTable(
  "cabinets",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text("name").notNull(),
    /** WB seller UUID (`sid` claim, also `seller-info.sid`). Not unique: two demo cabinets share one. */
    sellerId: text("seller_id"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    /** NULL = production WB hosts; otherwise the base the client prefixes (the sandbox for the demo). */
    wbApiBase: text("wb_api_base"),
    // The WB token, AES-GCM under ENCRYPTION_KEY (workers/security/token-vault.ts), base64.
    tokenCiphertext: text("token_ciphertext").notNull(),
    tokenIv: text("token_iv").notNull(),
    // Decoded JWT claims kept beside the token, to warn about scopes, low-limit types and expiry
    // without decrypting it.
    tokenType: text("token_type", { enum: WB_TOKEN_TYPES }).notNull(),
    tokenCategories: text("token_categories", { mode: "json" }).$type<WbCategory[]>().notNull().default([]),
    tokenReadOnly: integer("token_read_only", { mode: "boolean" }).notNull().default(false),
    tokenExpiresAt: integer("token_expires_at", { mode: "timestamp_ms" }),
    /** JWT `id` claim (token UUID). */
    tokenId: text("token_id"),
    /** Optional WB service secret (`X-Client-Secret`), encrypted the same way. */
    clientSecretCiphertext: text("client_secret_ciphertext"),
    clientSecretIv: text("client_secret_iv"),
    status: text("status", { enum: CABINET_STATUSES }).notNull().default("active"),
    /** Why the cabinet is not active, in plain Russian for the seller. */
    statusReason: text("status_reason"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [index("cabinets_seller_id_idx").on(t.sellerId)],
);

export const CABINET_ROLES = ["owner", "manager", "viewer"] as const;
export type CabinetRole = (typeof CABINET_ROLES)[number];

export const cabinetMembers = sqliteTable(
  "cabinet_members",
  {
    cabinetId: cabinetRef(),
    userId: userRef(),
    role: text("role", { enum: CABINET_ROLES }).notNull(),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [primaryKey({ columns: [t.cabinetId, t.userId] }), index("cabinet_members_user_idx").on(t.userId)],
);

export const invites = sqliteTable(
  "invites",
  {
    /** SHA-256 hex of the invite token (workers/security/hash.ts); the token itself is never stored. */
    tokenHash: text("token_hash").primaryKey(),
    cabinetId: cabinetRef(),
    role: text("role", { enum: CABINET_ROLES }).notNull(),
    createdBy: userRef("created_by"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedBy: integer("used_by").references((): AnySQLiteColumn => users.id, { onDelete: "set null" }),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("invites_cabinet_idx").on(t.cabinetId)],
);

/** Personal access tokens for the REST API (`Authorization: Bearer`). */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: userRef(),
    name: text("name").notNull(),
    /** SHA-256 hex of the token; lookups go by hash, the token is shown once at creation. */
    tokenHash: text("token_hash").notNull(),
    /** The token's first characters, to tell tokens apart in a list. */
    tokenPrefix: text("token_prefix").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("api_tokens_token_hash_uq").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

/** One-time dashboard sign-in links sent by the bot. */
export const loginLinks = sqliteTable(
  "login_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: userRef(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("login_links_user_idx").on(t.userId)],
);

export const webSessions = sqliteTable(
  "web_sessions",
  {
    /** SHA-256 hex of the session cookie value, so a leaked table cannot be replayed. */
    id: text("id").primaryKey(),
    userId: userRef(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("web_sessions_user_idx").on(t.userId), index("web_sessions_expires_idx").on(t.expiresAt)],
);

// ---------------------------------------------------------------------------------------------
// Catalogue and prices

export interface CardCharacteristic {
  id: number;
  name: string;
  /** WB sends a string, a number or (often) an array of them. */
  value: JsonValue;
}

/** Cards (`content/v2/get/cards/list`), one row per `nmID`. */
export const products = sqliteTable(
  "products",
  {
    cabinetId: cabinetRef(),
    nmId: integer("nm_id").notNull(),
    imtId: integer("imt_id"),
    vendorCode: text("vendor_code"),
    brand: text("brand"),
    subjectId: integer("subject_id"),
    subjectName: text("subject_name"),
    title: text("title"),
    description: text("description"),
    characteristics: text("characteristics", { mode: "json" }).$type<CardCharacteristic[]>(),
    /** A preview photo (the first photo's `c246x328`), if any. */
    photoUrl: text("photo_url"),
    /** The card's `updatedAt` on WB (the sync cursor's time part). */
    updatedAtWb: integer("updated_at_wb", { mode: "timestamp_ms" }),
    syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [primaryKey({ columns: [t.cabinetId, t.nmId] }), index("products_vendor_code_idx").on(t.cabinetId, t.vendorCode)],
);

/** Card sizes (`cards[].sizes[]`), one row per `chrtID`. */
export const productSizes = sqliteTable(
  "product_sizes",
  {
    cabinetId: cabinetRef(),
    chrtId: integer("chrt_id").notNull(),
    nmId: integer("nm_id").notNull(),
    techSize: text("tech_size"),
    wbSize: text("wb_size"),
    /** Barcodes. */
    skus: text("skus", { mode: "json" }).$type<string[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.cabinetId, t.chrtId] }), index("product_sizes_nm_idx").on(t.cabinetId, t.nmId)],
);

/** Prices per size (`list/goods/filter`: `sizes[].sizeID` = Content `chrtID`). */
export const prices = sqliteTable(
  "prices",
  {
    cabinetId: cabinetRef(),
    nmId: integer("nm_id").notNull(),
    /** `sizeID`; equals the card size's `chrtID`. */
    chrtId: integer("chrt_id").notNull(),
    techSize: text("tech_size"),
    priceKopecks: integer("price_kopecks").notNull(),
    discountedPriceKopecks: integer("discounted_price_kopecks").notNull(),
    clubDiscountedPriceKopecks: integer("club_discounted_price_kopecks"),
    discountPercent: integer("discount_percent").notNull().default(0),
    clubDiscountPercent: integer("club_discount_percent").notNull().default(0),
    syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [primaryKey({ columns: [t.cabinetId, t.nmId, t.chrtId] })],
);

// ---------------------------------------------------------------------------------------------
// Orders and sales (Statistics API). One order row = one unit; key `srid`.

export const orders = sqliteTable(
  "orders",
  {
    cabinetId: cabinetRef(),
    srid: text("srid").notNull(),
    gNumber: text("g_number"),
    /** `date` (Moscow time on input). */
    orderedAt: integer("ordered_at", { mode: "timestamp_ms" }).notNull(),
    /** `lastChangeDate`: the sync cursor. */
    lastChangeAt: integer("last_change_at", { mode: "timestamp_ms" }).notNull(),
    nmId: integer("nm_id").notNull(),
    barcode: text("barcode"),
    supplierArticle: text("supplier_article"),
    techSize: text("tech_size"),
    brand: text("brand"),
    subject: text("subject"),
    category: text("category"),
    warehouseName: text("warehouse_name"),
    warehouseType: text("warehouse_type"),
    /** `countryName`. */
    country: text("country"),
    /** `oblastOkrugName`. */
    okrug: text("okrug"),
    /** `regionName`. */
    region: text("region"),
    totalPriceKopecks: integer("total_price_kopecks").notNull(),
    discountPercent: integer("discount_percent").notNull().default(0),
    /** WB's own discount, % (a number in the spec). */
    spp: real("spp").notNull().default(0),
    finishedPriceKopecks: integer("finished_price_kopecks").notNull(),
    priceWithDiscKopecks: integer("price_with_disc_kopecks").notNull(),
    isCancel: integer("is_cancel", { mode: "boolean" }).notNull().default(false),
    /** `cancelDate`; NULL when WB sends "0001-01-01T00:00:00". */
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    incomeId: integer("income_id"),
    isSupply: integer("is_supply", { mode: "boolean" }).notNull().default(false),
    isRealization: integer("is_realization", { mode: "boolean" }).notNull().default(false),
    sticker: text("sticker"),
  },
  (t) => [
    primaryKey({ columns: [t.cabinetId, t.srid] }),
    // The orders list walks these in its exact order, (ordered_at, srid) DESC, with no sort step,
    // with and without a card filter. Both must end in srid: if only one did, SQLite would prefer
    // the sort-free one even for a card filter and walk the whole cabinet. price_with_disc makes
    // "orders and sum in a time range" (the dashboard's "yesterday so far") an index-only read.
    index("orders_ordered_idx").on(t.cabinetId, t.orderedAt, t.srid, t.priceWithDiscKopecks),
    index("orders_nm_ordered_idx").on(t.cabinetId, t.nmId, t.orderedAt, t.srid),
    index("orders_last_change_idx").on(t.cabinetId, t.lastChangeAt),
  ],
);

/** Sales and returns, key `saleID` (`S…` sale, `R…` return). */
export const sales = sqliteTable(
  "sales",
  {
    cabinetId: cabinetRef(),
    saleId: text("sale_id").notNull(),
    srid: text("srid").notNull(),
    gNumber: text("g_number"),
    /** `date` (Moscow time on input). */
    soldAt: integer("sold_at", { mode: "timestamp_ms" }).notNull(),
    lastChangeAt: integer("last_change_at", { mode: "timestamp_ms" }).notNull(),
    nmId: integer("nm_id").notNull(),
    barcode: text("barcode"),
    supplierArticle: text("supplier_article"),
    techSize: text("tech_size"),
    brand: text("brand"),
    subject: text("subject"),
    category: text("category"),
    warehouseName: text("warehouse_name"),
    warehouseType: text("warehouse_type"),
    country: text("country"),
    okrug: text("okrug"),
    region: text("region"),
    incomeId: integer("income_id"),
    isSupply: integer("is_supply", { mode: "boolean" }).notNull().default(false),
    isRealization: integer("is_realization", { mode: "boolean" }).notNull().default(false),
    sticker: text("sticker"),
    /** `saleID` starts with "R". */
    isReturn: integer("is_return", { mode: "boolean" }).notNull().default(false),
    totalPriceKopecks: integer("total_price_kopecks").notNull(),
    discountPercent: integer("discount_percent").notNull().default(0),
    spp: real("spp").notNull().default(0),
    // forPay, finishedPrice and priceWithDisc may be 0 for up to 24 h (WB fills them in later);
    // a later lastChangeDate brings the real values and the upsert overwrites them.
    forPayKopecks: integer("for_pay_kopecks").notNull(),
    finishedPriceKopecks: integer("finished_price_kopecks").notNull(),
    priceWithDiscKopecks: integer("price_with_disc_kopecks").notNull(),
    /** `paymentSaleAmount`: WB Wallet discount. */
    paymentSaleAmountKopecks: integer("payment_sale_amount_kopecks").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.cabinetId, t.saleId] }),
    index("sales_sold_idx").on(t.cabinetId, t.soldAt),
    index("sales_nm_sold_idx").on(t.cabinetId, t.nmId, t.soldAt),
    // Order detail: the sale and return rows of one order.
    index("sales_srid_idx").on(t.cabinetId, t.srid),
  ],
);

// ---------------------------------------------------------------------------------------------
// Stocks

/**
 * Current stock, one row per size and warehouse (`stocks-report/wb-warehouses`). Since 2026-08 WB
 * masks WB warehouses as "Склад WB", so per-warehouse detail is mostly one row per size; the key
 * keeps the warehouse in case seller warehouses or the detail come back. A sync run replaces the
 * cabinet's rows (rows not seen in the run are deleted by `updated_at`).
 */
export const stockSnapshots = sqliteTable(
  "stock_snapshots",
  {
    cabinetId: cabinetRef(),
    chrtId: integer("chrt_id").notNull(),
    warehouseName: text("warehouse_name").notNull(),
    nmId: integer("nm_id").notNull(),
    quantity: integer("quantity").notNull().default(0),
    inWayToClient: integer("in_way_to_client").notNull().default(0),
    inWayFromClient: integer("in_way_from_client").notNull().default(0),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [primaryKey({ columns: [t.cabinetId, t.chrtId, t.warehouseName] }), index("stock_snapshots_nm_idx").on(t.cabinetId, t.nmId)],
);

/** End-of-day stock per size (summed over warehouses), for history and out-of-stock detection. */
export const stockHistoryDaily = sqliteTable(
  "stock_history_daily",
  {
    cabinetId: cabinetRef(),
    /** Moscow calendar day, 'YYYY-MM-DD'. */
    day: text("day").notNull(),
    chrtId: integer("chrt_id").notNull(),
    nmId: integer("nm_id").notNull(),
    quantity: integer("quantity").notNull().default(0),
    inWayToClient: integer("in_way_to_client").notNull().default(0),
    inWayFromClient: integer("in_way_from_client").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.cabinetId, t.day, t.chrtId] }), index("stock_history_nm_day_idx").on(t.cabinetId, t.nmId, t.day)],
);

// ---------------------------------------------------------------------------------------------
// Reviews and questions

export const ANSWER_SOURCES = ["wb", "bot", "dashboard", "ai"] as const;
export type AnswerSource = (typeof ANSWER_SOURCES)[number];

export const feedbacks = sqliteTable(
  "feedbacks",
  {
    cabinetId: cabinetRef(),
    /** WB feedback id (a string). */
    id: text("id").notNull(),
    nmId: integer("nm_id").notNull(),
    imtId: integer("imt_id"),
    productName: text("product_name"),
    supplierArticle: text("supplier_article"),
    size: text("size"),
    /** `productValuation`, 1..5. */
    rating: integer("rating").notNull(),
    text: text("text"),
    pros: text("pros"),
    cons: text("cons"),
    userName: text("user_name"),
    /** `createdDate` on WB. */
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** `none` (new) | `wbRu` (processed). */
    state: text("state"),
    answerText: text("answer_text"),
    /** `answer.state`: none | wbRu | reviewRequired | rejected. */
    answerState: text("answer_state"),
    /** When we sent the answer; WB does not report the time of answers given elsewhere. */
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    answerSource: text("answer_source", { enum: ANSWER_SOURCES }),
    /** Kept beside answer_text so "unanswered, newest first" is one index range. */
    isAnswered: integer("is_answered", { mode: "boolean" }).notNull().default(false),
    /** buyout | rejected | returned. */
    orderStatus: text("order_status"),
    photoCount: integer("photo_count").notNull().default(0),
    hasVideo: integer("has_video", { mode: "boolean" }).notNull().default(false),
    wasViewed: integer("was_viewed", { mode: "boolean" }).notNull().default(false),
    syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [
    primaryKey({ columns: [t.cabinetId, t.id] }),
    index("feedbacks_answered_created_idx").on(t.cabinetId, t.isAnswered, t.createdAt),
    index("feedbacks_rating_created_idx").on(t.cabinetId, t.rating, t.createdAt),
    index("feedbacks_nm_created_idx").on(t.cabinetId, t.nmId, t.createdAt),
  ],
);

/**
 * Review totals per cabinet for the dashboard summary (one row read instead of a walk over every
 * review). Kept by SQLite triggers on `feedbacks` (created in db/migrations/0003_perf_indexes.sql:
 * after insert, after delete, after an update of rating or is_answered), so every write of any
 * kind — sync upserts, answers, cascade deletes — updates it in the same transaction and it is
 * never stale. (REPLACE conflict resolution would bypass the delete trigger: nothing uses it on
 * feedbacks; writes go through ON CONFLICT DO UPDATE.) A cabinet without reviews has no row.
 */
export const feedbackStats = sqliteTable("feedback_stats", {
  cabinetId: cabinetRef().primaryKey(),
  reviews: integer("reviews").notNull().default(0),
  /** Sum of `rating` over the cabinet's reviews: the average is rating_sum / reviews. */
  ratingSum: integer("rating_sum").notNull().default(0),
  /** Reviews with is_answered = 0. */
  unanswered: integer("unanswered").notNull().default(0),
});

export const questions = sqliteTable(
  "questions",
  {
    cabinetId: cabinetRef(),
    id: text("id").notNull(),
    nmId: integer("nm_id").notNull(),
    imtId: integer("imt_id"),
    productName: text("product_name"),
    supplierArticle: text("supplier_article"),
    text: text("text").notNull(),
    /** `createdDate` on WB. */
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** suppliersPortalSynch (new) | wbRu (answered) | none (rejected). */
    state: text("state"),
    answerText: text("answer_text"),
    /** `answer.createDate`, or when we sent it. */
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    answerSource: text("answer_source", { enum: ANSWER_SOURCES }),
    isAnswered: integer("is_answered", { mode: "boolean" }).notNull().default(false),
    wasViewed: integer("was_viewed", { mode: "boolean" }).notNull().default(false),
    syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [
    primaryKey({ columns: [t.cabinetId, t.id] }),
    index("questions_answered_created_idx").on(t.cabinetId, t.isAnswered, t.createdAt),
  ],
);

// ---------------------------------------------------------------------------------------------
// Finance: rows of `finance-api /api/finance/v1/sales-reports/detailed` (13-finances.yaml,
// SalesReportsDetailedRes). Columns are named after the camelCase fields they map (`paidStorage`
// → paid_storage_kopecks); money arrives as decimal strings ("376.99").

export const financeReportRows = sqliteTable(
  "finance_report_rows",
  {
    cabinetId: cabinetRef(),
    rrdId: integer("rrd_id").notNull(),
    /** `reportId` is int64: kept as text so no id is ever rounded by a JS number. */
    reportId: text("report_id").notNull(),
    /** 1 main, 2 buyouts, 3 buyouts for Georgia. */
    reportType: integer("report_type"),
    /** Report period and creation, 'YYYY-MM-DD'. */
    dateFrom: text("date_from"),
    dateTo: text("date_to"),
    createDate: text("create_date"),
    currency: text("currency"),
    /** `rrDate`: the operation day, 'YYYY-MM-DD'. */
    rrDate: text("rr_date").notNull(),
    /** `orderDt`, `saleDt`. */
    orderAt: integer("order_at", { mode: "timestamp_ms" }),
    saleAt: integer("sale_at", { mode: "timestamp_ms" }),
    giId: integer("gi_id"),
    nmId: integer("nm_id").notNull(),
    subjectName: text("subject_name"),
    brandName: text("brand_name"),
    vendorCode: text("vendor_code"),
    title: text("title"),
    techSize: text("tech_size"),
    /** Barcode. */
    sku: text("sku"),
    docTypeName: text("doc_type_name"),
    sellerOperName: text("seller_oper_name"),
    bonusTypeName: text("bonus_type_name"),
    officeName: text("office_name"),
    country: text("country"),
    srid: text("srid"),
    /** Assembly task id. */
    orderId: integer("order_id"),
    isB2b: integer("is_b2b", { mode: "boolean" }).notNull().default(false),
    quantity: integer("quantity").notNull().default(0),
    deliveryAmount: integer("delivery_amount").notNull().default(0),
    returnAmount: integer("return_amount").notNull().default(0),
    commissionPercent: real("commission_percent"),
    retailPriceKopecks: integer("retail_price_kopecks").notNull().default(0),
    retailPriceWithDiscKopecks: integer("retail_price_with_disc_kopecks").notNull().default(0),
    retailAmountKopecks: integer("retail_amount_kopecks").notNull().default(0),
    /** Payable to the seller for the goods (`forPay`). */
    forPayKopecks: integer("for_pay_kopecks").notNull().default(0),
    /** WB's reward, without VAT (`vw`) and its VAT (`vwNds`): the commission, vw + vw_nds. */
    vwKopecks: integer("vw_kopecks").notNull().default(0),
    vwNdsKopecks: integer("vw_nds_kopecks").notNull().default(0),
    /** `ppvzSalesCommission`: reward before the agent's services. */
    ppvzSalesCommissionKopecks: integer("ppvz_sales_commission_kopecks").notNull().default(0),
    /** `ppvzReward`: pickup-point compensation. */
    ppvzRewardKopecks: integer("ppvz_reward_kopecks").notNull().default(0),
    acquiringFeeKopecks: integer("acquiring_fee_kopecks").notNull().default(0),
    /** Logistics to the buyer (`deliveryService`). */
    deliveryServiceKopecks: integer("delivery_service_kopecks").notNull().default(0),
    rebillLogisticCostKopecks: integer("rebill_logistic_cost_kopecks").notNull().default(0),
    paidStorageKopecks: integer("paid_storage_kopecks").notNull().default(0),
    paidAcceptanceKopecks: integer("paid_acceptance_kopecks").notNull().default(0),
    penaltyKopecks: integer("penalty_kopecks").notNull().default(0),
    deductionKopecks: integer("deduction_kopecks").notNull().default(0),
    additionalPaymentKopecks: integer("additional_payment_kopecks").notNull().default(0),
    cashbackAmountKopecks: integer("cashback_amount_kopecks").notNull().default(0),
    cashbackDiscountKopecks: integer("cashback_discount_kopecks").notNull().default(0),
    cashbackCommissionChangeKopecks: integer("cashback_commission_change_kopecks").notNull().default(0),
    installmentCofinancingAmountKopecks: integer("installment_cofinancing_amount_kopecks").notNull().default(0),
    syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [
    primaryKey({ columns: [t.cabinetId, t.rrdId] }),
    index("finance_rows_nm_date_idx").on(t.cabinetId, t.nmId, t.rrDate),
    index("finance_rows_date_idx").on(t.cabinetId, t.rrDate),
  ],
);

// ---------------------------------------------------------------------------------------------
// Sync bookkeeping and rollups

export const SYNC_DATASETS = ["cards", "prices", "orders", "sales", "stocks", "feedbacks", "questions", "finance"] as const;
export type SyncDataset = (typeof SYNC_DATASETS)[number];

export const syncState = sqliteTable(
  "sync_state",
  {
    cabinetId: cabinetRef(),
    dataset: text("dataset", { enum: SYNC_DATASETS }).notNull(),
    /** Dataset-specific resume point (lastChangeDate, updatedAt+nmID, rrdId, offset …), JSON. */
    cursor: text("cursor", { mode: "json" }).$type<JsonValue>(),
    lastSuccessAt: integer("last_success_at", { mode: "timestamp_ms" }),
    lastAttemptAt: integer("last_attempt_at", { mode: "timestamp_ms" }),
    nextDueAt: integer("next_due_at", { mode: "timestamp_ms" }),
    rowsTotal: integer("rows_total").notNull().default(0),
    lastRunRows: integer("last_run_rows").notNull().default(0),
    /** The last failure in plain Russian words for the seller (no stack traces, no tokens). */
    lastError: text("last_error"),
    lastErrorAt: integer("last_error_at", { mode: "timestamp_ms" }),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** How far back the initial load goes. */
    backfillFrom: integer("backfill_from", { mode: "timestamp_ms" }),
    backfillDone: integer("backfill_done", { mode: "boolean" }).notNull().default(false),
    /** 0..1, for the "loading history" indicator. */
    backfillProgress: real("backfill_progress").notNull().default(0),
    /** Set while a run holds the dataset; a stale value (crashed run) may be taken over. */
    inFlightSince: integer("in_flight_since", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.cabinetId, t.dataset] }), index("sync_state_due_idx").on(t.nextDueAt)],
);

/** Per-day totals per product (nm_id 0 = the whole cabinet), Moscow days; rebuilt from orders/sales. */
export const dailyRollups = sqliteTable(
  "daily_rollups",
  {
    cabinetId: cabinetRef(),
    day: text("day").notNull(),
    nmId: integer("nm_id").notNull(),
    ordersCount: integer("orders_count").notNull().default(0),
    ordersSumKopecks: integer("orders_sum_kopecks").notNull().default(0),
    cancelsCount: integer("cancels_count").notNull().default(0),
    salesCount: integer("sales_count").notNull().default(0),
    salesSumKopecks: integer("sales_sum_kopecks").notNull().default(0),
    returnsCount: integer("returns_count").notNull().default(0),
    returnsSumKopecks: integer("returns_sum_kopecks").notNull().default(0),
    forPayKopecks: integer("for_pay_kopecks").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.cabinetId, t.day, t.nmId] })],
);

// ---------------------------------------------------------------------------------------------
// Notifications

export const OUTBOX_STATUSES = ["pending", "held", "sent", "failed", "skipped"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const notificationOutbox = sqliteTable(
  "notification_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: userRef(),
    /** NULL for notices that concern the user, not a cabinet. */
    cabinetId: text("cabinet_id").references((): AnySQLiteColumn => cabinets.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    /** "Never the same notification twice": inserts use ON CONFLICT(dedupe_key) DO NOTHING. */
    dedupeKey: text("dedupe_key").notNull(),
    payload: text("payload", { mode: "json" }).$type<JsonValue>().notNull(),
    /** held = waiting for quiet hours to end (not_before_at). */
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    notBeforeAt: integer("not_before_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("notification_outbox_dedupe_uq").on(t.dedupeKey),
    index("notification_outbox_status_idx").on(t.status, t.notBeforeAt),
    index("notification_outbox_cabinet_idx").on(t.cabinetId),
    index("notification_outbox_user_idx").on(t.userId),
  ],
);

export const notificationSettings = sqliteTable(
  "notification_settings",
  {
    userId: userRef(),
    cabinetId: cabinetRef(),
    /** Per-kind switches, e.g. {"new_orders": true, "reviews": false}; a missing kind = its default. */
    enabledKinds: text("enabled_kinds", { mode: "json" }).$type<Record<string, boolean>>().notNull().default({}),
    /** Warn when a SKU has fewer days of stock left than this. */
    stockThresholdDays: integer("stock_threshold_days").notNull().default(7),
    /** Quiet hours in the user's time zone, minutes after midnight; NULL = none. May wrap midnight. */
    quietHoursStartMin: integer("quiet_hours_start_min"),
    quietHoursEndMin: integer("quiet_hours_end_min"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [primaryKey({ columns: [t.userId, t.cabinetId] }), index("notification_settings_cabinet_idx").on(t.cabinetId)],
);

// ---------------------------------------------------------------------------------------------
// State of the built-in WB emulator (workers/wb/sandbox/). Names and columns are a contract with it.

export const wbSandboxAnswers = sqliteTable(
  "wb_sandbox_answers",
  {
    kind: text("kind").notNull(),
    id: text("id").notNull(),
    text: text("text").notNull(),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.id] })],
);

export const wbSandboxRevokedTokens = sqliteTable("wb_sandbox_revoked_tokens", {
  tokenId: text("token_id").primaryKey(),
  revokedAt: integer("revoked_at", { mode: "timestamp_ms" }).notNull(),
});

// ---------------------------------------------------------------------------------------------
// Row types

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Cabinet = typeof cabinets.$inferSelect;
export type NewCabinet = typeof cabinets.$inferInsert;
export type CabinetMember = typeof cabinetMembers.$inferSelect;
export type NewCabinetMember = typeof cabinetMembers.$inferInsert;
export type Invite = typeof invites.$inferSelect;
export type NewInvite = typeof invites.$inferInsert;
export type ApiToken = typeof apiTokens.$inferSelect;
export type NewApiToken = typeof apiTokens.$inferInsert;
export type LoginLink = typeof loginLinks.$inferSelect;
export type NewLoginLink = typeof loginLinks.$inferInsert;
export type WebSession = typeof webSessions.$inferSelect;
export type NewWebSession = typeof webSessions.$inferInsert;
export type Product = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;
export type ProductSize = typeof productSizes.$inferSelect;
export type NewProductSize = typeof productSizes.$inferInsert;
export type Price = typeof prices.$inferSelect;
export type NewPrice = typeof prices.$inferInsert;
export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type Sale = typeof sales.$inferSelect;
export type NewSale = typeof sales.$inferInsert;
export type StockSnapshot = typeof stockSnapshots.$inferSelect;
export type NewStockSnapshot = typeof stockSnapshots.$inferInsert;
export type StockHistoryDay = typeof stockHistoryDaily.$inferSelect;
export type NewStockHistoryDay = typeof stockHistoryDaily.$inferInsert;
export type Feedback = typeof feedbacks.$inferSelect;
export type NewFeedback = typeof feedbacks.$inferInsert;
export type FeedbackStats = typeof feedbackStats.$inferSelect;
export type Question = typeof questions.$inferSelect;
export type NewQuestion = typeof questions.$inferInsert;
export type FinanceReportRow = typeof financeReportRows.$inferSelect;
export type NewFinanceReportRow = typeof financeReportRows.$inferInsert;
export type SyncState = typeof syncState.$inferSelect;
export type NewSyncState = typeof syncState.$inferInsert;
export type DailyRollup = typeof dailyRollups.$inferSelect;
export type NewDailyRollup = typeof dailyRollups.$inferInsert;
export type NotificationOutboxRow = typeof notificationOutbox.$inferSelect;
export type NewNotificationOutboxRow = typeof notificationOutbox.$inferInsert;
export type NotificationSettings = typeof notificationSettings.$inferSelect;
export type NewNotificationSettings = typeof notificationSettings.$inferInsert;
export type WbSandboxAnswer = typeof wbSandboxAnswers.$inferSelect;
export type WbSandboxRevokedToken = typeof wbSandboxRevokedTokens.$inferSelect;

// Telegram bot state (bot_user_state, bot_updates, bot_callback_stash).
export * from "./bot-schema";

// AI assistant (ai_chunks, ai_reply_settings, ai_reply_drafts, ai_card_texts).
export * from "./ai-schema";

// ---------------------------------------------------------------------------------------------
// Analytics: the seller's cost price per card (nmID), for unit economics. Entered in the
// dashboard, the bot, the API or by CSV upload; WB does not know it. One current value per card:
// changing it restates past periods too (unit economics answers "what does it earn at today's cost").

export const COST_PRICE_SOURCES = ["api", "csv", "dashboard", "bot"] as const;
export type CostPriceSource = (typeof COST_PRICE_SOURCES)[number];

export const costPrices = sqliteTable(
  "cost_prices",
  {
    cabinetId: cabinetRef(),
    nmId: integer("nm_id").notNull(),
    /** Cost of one unit delivered to WB (purchase or production, packing, delivery), kopecks. */
    costKopecks: integer("cost_kopecks").notNull(),
    source: text("source", { enum: COST_PRICE_SOURCES }).notNull().default("api"),
    updatedBy: integer("updated_by").references((): AnySQLiteColumn => users.id, { onDelete: "set null" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [primaryKey({ columns: [t.cabinetId, t.nmId] })],
);

export type CostPrice = typeof costPrices.$inferSelect;
export type NewCostPrice = typeof costPrices.$inferInsert;
