// Shared by the api-*.test.ts files: users, cabinets and tokens seeded straight into local D1, and
// a fetch helper that goes through the Worker's real entry point (exports.default.fetch), so
// routing, auth, validation and problem responses are all exercised.

import { env, exports } from "cloudflare:workers";

import {
  type CabinetRole,
  type NewDailyRollup,
  type NewFeedback,
  type NewOrder,
  type NewProduct,
  type NewProductSize,
  type NewQuestion,
  type NewSale,
  type NewStockSnapshot,
  type NewSyncState,
  cabinetMembers,
  cabinets,
  dailyRollups,
  feedbacks,
  orders,
  productSizes,
  products,
  questions,
  sales,
  stockSnapshots,
  syncState,
  users,
} from "../../db/schema";
import { createDb } from "../../workers/db/client";
import { issueApiToken } from "../../workers/users/api-tokens";

export const db = createDb(env.DB);

let nextUser = Math.floor(Math.random() * 1e9) * 1000;

export async function newUser(): Promise<number> {
  const id = ++nextUser;
  await db.insert(users).values({ id, firstName: `Тест ${id}` });
  return id;
}

export async function newCabinet(ownerId: number, values: { name?: string; tokenType?: "personal" | "base" } = {}): Promise<string> {
  const id = crypto.randomUUID();
  await db.batch([
    db.insert(cabinets).values({
      id,
      name: values.name ?? "Тестовый кабинет",
      // Never decrypted by these routes: dummy strings are enough.
      tokenCiphertext: "ciphertext",
      tokenIv: "iv",
      tokenType: values.tokenType ?? "personal",
      tokenCategories: ["statistics", "content", "feedbacks", "analytics"],
    }),
    db.insert(cabinetMembers).values({ cabinetId: id, userId: ownerId, role: "owner" }),
  ]);
  return id;
}

export async function addMember(cabinetId: string, userId: number, role: CabinetRole): Promise<void> {
  await db.insert(cabinetMembers).values({ cabinetId, userId, role });
}

export async function tokenFor(userId: number): Promise<string> {
  return (await issueApiToken(db, userId, "тест")).token;
}

export interface ApiResult {
  status: number;
  contentType: string;
  // Tests read arbitrary JSON; each assertion states the shape it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function api(
  path: string,
  options: { token?: string | null; method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  const res = await exports.default.fetch(new Request(`https://wb-assist.test/api${path}`, { method: options.method ?? "GET", headers, body }));
  const contentType = res.headers.get("Content-Type") ?? "";
  const text = await res.text();
  return { status: res.status, contentType, body: text && contentType.includes("json") ? JSON.parse(text) : text };
}

/** Asserts nothing; returns whether a response is RFC 9457 problem JSON with a Russian detail. */
export function isRussianProblem(r: ApiResult, status: number): boolean {
  return (
    r.status === status &&
    r.contentType.startsWith("application/problem+json") &&
    r.body?.status === status &&
    typeof r.body?.type === "string" &&
    typeof r.body?.title === "string" &&
    typeof r.body?.detail === "string" &&
    /[а-яё]/i.test(r.body.detail)
  );
}

// ---- seed rows --------------------------------------------------------------------------------

type Without<T> = Omit<T, "cabinetId">;

let serial = 0;
export const uid = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++serial).toString(36)}`;

export function orderRow(cabinetId: string, o: Partial<Without<NewOrder>> & { orderedAt: Date }): NewOrder {
  return {
    cabinetId,
    srid: o.srid ?? uid("srid."),
    lastChangeAt: o.orderedAt,
    nmId: 100,
    supplierArticle: "ART-100",
    techSize: "M",
    region: "Московская",
    totalPriceKopecks: 200_000,
    finishedPriceKopecks: 120_000,
    priceWithDiscKopecks: 150_000,
    ...o,
  };
}

export function saleRow(cabinetId: string, s: Partial<Without<NewSale>> & { soldAt: Date; saleId: string }): NewSale {
  return {
    cabinetId,
    srid: uid("srid."),
    lastChangeAt: s.soldAt,
    nmId: 100,
    supplierArticle: "ART-100",
    techSize: "M",
    region: "Московская",
    isReturn: s.saleId.startsWith("R"),
    totalPriceKopecks: 200_000,
    forPayKopecks: 110_050,
    finishedPriceKopecks: 120_000,
    priceWithDiscKopecks: 150_000,
    ...s,
  };
}

/** Inserts in chunks that stay under D1's 100 bound parameters per statement. */
async function insertChunked<T>(rows: T[], perRow: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  const size = Math.max(1, Math.floor(99 / perRow));
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export const seed = {
  orders: (rows: NewOrder[]) => insertChunked(rows, 29, (c) => db.insert(orders).values(c)),
  sales: (rows: NewSale[]) => insertChunked(rows, 30, (c) => db.insert(sales).values(c)),
  rollups: (rows: NewDailyRollup[]) => insertChunked(rows, 11, (c) => db.insert(dailyRollups).values(c)),
  stocks: (rows: NewStockSnapshot[]) => insertChunked(rows, 8, (c) => db.insert(stockSnapshots).values(c)),
  products: (rows: NewProduct[]) => insertChunked(rows, 14, (c) => db.insert(products).values(c)),
  sizes: (rows: NewProductSize[]) => insertChunked(rows, 6, (c) => db.insert(productSizes).values(c)),
  feedbacks: (rows: NewFeedback[]) => insertChunked(rows, 26, (c) => db.insert(feedbacks).values(c)),
  questions: (rows: NewQuestion[]) => insertChunked(rows, 16, (c) => db.insert(questions).values(c)),
  syncState: (rows: NewSyncState[]) => insertChunked(rows, 16, (c) => db.insert(syncState).values(c)),
};

/** A response body with ru-RU's non-breaking group separators turned into plain spaces, for readable expectations. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function plain(body: unknown): any {
  return JSON.parse(JSON.stringify(body).replace(/[\u00a0\u202f]/g, " "));
}
