// Conformance of the WB client's requests to WB's official OpenAPI specs: for every method in
// WB_METHODS, the requests the client sends are captured with a fake fetch and checked against
// the spec file the catalogue names — host, path and verb exist, required query parameters are
// present, every query/path value matches its schema, and JSON bodies match the requestBody schema.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import YAML from "yaml";

import { WbClient } from "../../workers/wb/client";
import { WB_METHODS, type WbMethod, type WbMethodId } from "../../workers/wb/methods";

const root = path.resolve(import.meta.dirname, "../..");
const specDir = process.env.WB_OPENAPI_DIR ? path.resolve(root, process.env.WB_OPENAPI_DIR) : path.join(root, "../shared/wb-openapi");
const specsPresent = existsSync(specDir);

// ajv-formats is CommonJS; depending on interop its default export is the function or wraps it.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

// --- captured requests -------------------------------------------------------------------------

interface Captured {
  methodId: WbMethodId;
  url: URL;
  verb: string;
  headers: Headers;
  body: unknown;
}

/** A path template as a regex with named groups for its {params}. */
function templateRegex(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? `(?<${part.slice(1, -1)}>[^/]+)` : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

function identify(url: URL, verb: string): WbMethodId | undefined {
  const sub = url.hostname.replace(/\.wildberries\.ru$/, "");
  return (Object.entries(WB_METHODS) as [WbMethodId, WbMethod][]).find(
    ([, m]) => m.sub === sub && m.verb === verb && templateRegex(m.path).test(url.pathname),
  )?.[0];
}

/** Bodies just valid enough for the client's response checks. */
function answer(id: WbMethodId): Response {
  const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  const envelope = (data: unknown) => ok({ data, error: false, errorText: "", additionalErrors: null });
  switch (id) {
    case "statisticsPing":
      return ok({ TS: "2026-11-24T09:00:00Z", Status: "OK" });
    case "sellerInfo":
      return ok({ name: "ИП Тест", sid: "a1b2c3d4-0000-4000-8000-000000000001", tin: "7700000000", tradeMark: "Тест" });
    case "orders":
    case "sales":
      return ok([]);
    case "cardsList":
      return ok({ cards: [], cursor: { total: 0 } });
    case "pricesList":
      return ok({ data: { listGoods: [] } });
    case "feedbacksList":
      return envelope({ countUnanswered: 0, countArchive: 0, feedbacks: [] });
    case "questionsList":
      return envelope({ countUnanswered: 0, countArchive: 0, questions: [] });
    case "feedbacksCountUnanswered":
    case "questionsCountUnanswered":
      return envelope({ countUnanswered: 0, countUnansweredToday: 0 });
    case "newFeedbacksQuestions":
      return envelope({ hasNewFeedbacks: false, hasNewQuestions: false });
    case "feedbackAnswer":
      return new Response(null, { status: 204 });
    case "questionAnswer":
      return envelope(null);
    case "stocksWbWarehouses":
      return ok({ data: { items: [] } });
    case "warehouseRemainsCreate":
      return ok({ data: { taskId: "219eaecf-e532-4bd8-9f15-8036ed1b1fa0" } });
    case "warehouseRemainsStatus":
      return ok({ data: { id: "219eaecf-e532-4bd8-9f15-8036ed1b1fa0", status: "done" } });
    case "warehouseRemainsDownload":
      return ok([]);
    case "financeSalesReportDetailed":
      return new Response(null, { status: 204 });
  }
}

/** Calls that make the client send each method's requests, with and without optional parts. */
const scenarios: Record<WbMethodId, (c: WbClient) => Promise<unknown>> = {
  statisticsPing: (c) => c.ping("statistics-api"),
  sellerInfo: (c) => c.sellerInfo(),
  orders: async (c) => {
    await c.orders({ dateFrom: "2026-11-01" });
    await c.orders({ dateFrom: new Date("2026-11-24T09:00:00Z"), flag: 1 });
    for await (const page of c.ordersSince("2026-11-01T00:00:00.123")) void page;
  },
  sales: async (c) => {
    await c.sales({ dateFrom: "2026-11-01T00:00:00", flag: 0 });
    for await (const page of c.salesSince(new Date("2026-10-01T00:00:00Z"))) void page;
  },
  cardsList: async (c) => {
    await c.cardsList();
    await c.cardsList({ limit: 100, locale: "ru", cursor: { updatedAt: "2026-11-01T10:00:00.123Z", nmID: 370870300 } });
    for await (const page of c.cardsAll({ limit: 50 })) void page;
  },
  pricesList: async (c) => {
    await c.pricesList({ limit: 1000, offset: 0 });
    await c.pricesList({ limit: 10, offset: 20, filterNmID: 12345 });
    for await (const page of c.pricesAll()) void page;
  },
  feedbacksList: async (c) => {
    await c.feedbacksList({ isAnswered: false, take: 5000, skip: 0 });
    await c.feedbacksList({
      isAnswered: true,
      take: 100,
      skip: 199_900,
      order: "dateAsc",
      dateFrom: new Date("2026-11-01T00:00:00Z"),
      dateTo: 1_795_000_000,
      nmId: 987654321,
    });
  },
  feedbackAnswer: (c) => c.answerFeedback("YX52RZEBhH9mrcYdEJuD", "Спасибо за отзыв! Рады, что всё подошло."),
  feedbacksCountUnanswered: (c) => c.feedbacksCountUnanswered(),
  questionsList: async (c) => {
    await c.questionsList({ isAnswered: false, take: 100, skip: 0 });
    await c.questionsList({ isAnswered: true, take: 10, skip: 9990, order: "dateDesc", dateFrom: 1_790_000_000, dateTo: new Date(), nmId: 1 });
  },
  questionAnswer: (c) => c.answerQuestion("n5um6IUBQOOSTxXoo0gV", "Да, размер соответствует таблице."),
  questionsCountUnanswered: (c) => c.questionsCountUnanswered(),
  newFeedbacksQuestions: (c) => c.newFeedbacksQuestions(),
  stocksWbWarehouses: async (c) => {
    await c.stocksWbWarehouses();
    await c.stocksWbWarehouses({ limit: 1000, offset: 2000, nmIds: [1, 2], chrtIds: [3] });
  },
  warehouseRemainsCreate: async (c) => {
    await c.warehouseRemains({ pollIntervalMs: 0 });
    await c.warehouseRemains({
      pollIntervalMs: 0,
      locale: "ru",
      groupByBrand: true,
      groupBySubject: true,
      groupBySa: true,
      groupByNm: true,
      groupByBarcode: true,
      groupBySize: true,
      filterPics: 1,
      filterVolume: 3,
    });
  },
  warehouseRemainsStatus: (c) => c.warehouseRemains({ pollIntervalMs: 0, groupByNm: true }),
  warehouseRemainsDownload: (c) => c.warehouseRemains({ pollIntervalMs: 0 }),
  financeSalesReportDetailed: async (c) => {
    await c.financeSalesReportDetailed({ dateFrom: "2026-03-16", dateTo: "2026-03-22", rrdId: 0 });
    await c.financeSalesReportDetailed({
      dateFrom: "2026-03-16",
      dateTo: "2026-03-22",
      rrdId: 1_234_567,
      limit: 100_000,
      period: "daily",
      fields: ["nmId", "docTypeName", "retailAmount", "srid"],
    });
    for await (const page of c.financeReportRows(new Date("2026-03-16T00:00:00Z"), new Date("2026-03-22T00:00:00Z"), { period: "weekly" })) void page;
  },
};

async function capture(run: (c: WbClient) => Promise<unknown>): Promise<Captured[]> {
  const captured: Captured[] = [];
  const client = new WbClient({
    token: "test.token.value",
    sleep: async () => {},
    fetch: async (url, init) => {
      const parsed = new URL(url);
      const verb = init.method ?? "GET";
      const methodId = identify(parsed, verb);
      if (!methodId) throw new Error(`request to no catalogued method: ${verb} ${url}`);
      const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
      captured.push({ methodId, url: parsed, verb, headers: new Headers(init.headers), body });
      return answer(methodId);
    },
  });
  await run(client);
  return captured;
}

// --- the spec side ------------------------------------------------------------------------------

interface Doc {
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

interface Located<T> {
  value: T;
  /** JSON pointer of `value` inside the spec document. */
  pointer: string[];
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { type?: string };
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// OpenAPI's numeric formats and the ad-hoc ones in WB's specs, which ajv-formats does not know.
// Unsigned formats reject negatives (a negative offset is a real bug); the rest are annotations.
for (const format of ["int", "int32", "int64"]) ajv.addFormat(format, { type: "number", validate: (n: number) => Number.isInteger(n) });
for (const format of ["uint", "uint32", "uint64"]) {
  ajv.addFormat(format, { type: "number", validate: (n: number) => Number.isInteger(n) && n >= 0 });
}
for (const format of ["float", "float32", "float64", "double", "Unix"]) ajv.addFormat(format, { type: "number", validate: () => true });
for (const format of ["MP4", "WEBP", "a", "plaintext", ""]) ajv.addFormat(format, () => true);
ajv.addFormat("UUID", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

const docs = new Map<string, Doc>();
function specDoc(file: string): Doc {
  let doc = docs.get(file);
  if (!doc) {
    doc = YAML.parse(readFileSync(path.join(specDir, file), "utf8")) as Doc;
    docs.set(file, doc);
    // The whole document under one id, so `$ref: '#/components/…'` inside any schema resolves.
    ajv.addSchema(doc, file);
  }
  return doc;
}

function encodePointer(segments: string[]): string {
  return segments.map((s) => "/" + encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1"))).join("");
}

function validator(file: string, pointer: string[]): ValidateFunction {
  const key = `${file}#${encodePointer(pointer)}`;
  const validate = ajv.getSchema(key);
  if (!validate) throw new Error(`no schema at ${key}`);
  return validate;
}

/** Follows a local `$ref` (one level, as WB's specs use for parameters and request bodies). */
function deref<T>(doc: Doc, value: unknown, pointer: string[]): Located<T> {
  const ref = (value as { $ref?: string } | undefined)?.$ref;
  if (!ref) return { value: value as T, pointer };
  if (!ref.startsWith("#/")) throw new Error(`external $ref not supported: ${ref}`);
  const refPointer = ref.slice(2).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let target: unknown = doc;
  for (const segment of refPointer) target = (target as Record<string, unknown>)[segment];
  return deref<T>(doc, target, refPointer);
}

function coerce(raw: string, type: string | undefined): unknown {
  if (type === "integer" || type === "number") return raw.trim() === "" ? raw : Number(raw);
  if (type === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
  return raw;
}

function checkRequest(req: Captured): string[] {
  const problems: string[] = [];
  const method: WbMethod = WB_METHODS[req.methodId];
  const doc = specDoc(method.spec);
  const verb = method.verb.toLowerCase();
  const pathItem = doc.paths[method.path];
  if (!pathItem) return [`${method.spec} has no path ${method.path}`];
  const op = pathItem[verb] as Record<string, unknown> | undefined;
  if (!op) return [`${method.spec} has no ${method.verb} ${method.path}`];
  if (req.verb !== method.verb) problems.push(`sent ${req.verb}, spec says ${method.verb}`);

  // Host: the spec's servers for the path/operation. WB documents /ping on every host in its
  // general API page, while the spec lists only common-api for it.
  const servers = ((op.servers ?? pathItem.servers ?? []) as { url: string }[]).map((s) => new URL(s.url).hostname);
  if (method.path !== "/ping" && servers.length > 0 && !servers.includes(req.url.hostname)) {
    problems.push(`host ${req.url.hostname} is not among the spec's servers ${servers.join(", ")}`);
  }
  if (!req.headers.get("Authorization")) problems.push("no Authorization header");

  // Parameters: the path item's, overridden by the operation's.
  const params = new Map<string, Located<Parameter>>();
  const addParams = (list: unknown, base: string[]) => {
    (Array.isArray(list) ? list : []).forEach((p, i) => {
      const located = deref<Parameter>(doc, p, [...base, "parameters", String(i)]);
      params.set(`${located.value.in}:${located.value.name}`, located);
    });
  };
  addParams(pathItem.parameters, ["paths", method.path]);
  addParams(op.parameters, ["paths", method.path, verb]);

  const checkValue = (p: Located<Parameter>, raw: string) => {
    if (!p.value.schema) return;
    const validate = validator(method.spec, [...p.pointer, "schema"]);
    const value = coerce(raw, p.value.schema.type);
    if (!validate(value)) problems.push(`${p.value.in} parameter ${p.value.name}=${JSON.stringify(raw)}: ${ajv.errorsText(validate.errors)}`);
  };

  const match = templateRegex(method.path).exec(req.url.pathname);
  if (!match) problems.push(`path ${req.url.pathname} does not match ${method.path}`);
  for (const [name, raw] of Object.entries(match?.groups ?? {})) {
    const p = params.get(`path:${name}`);
    if (!p) problems.push(`path parameter ${name} is not declared`);
    else checkValue(p, decodeURIComponent(raw));
  }

  for (const [key, p] of params) {
    if (!key.startsWith("query:")) continue;
    if (p.value.required && !req.url.searchParams.has(p.value.name)) problems.push(`required query parameter ${p.value.name} missing`);
  }
  for (const [name, raw] of req.url.searchParams) {
    const p = params.get(`query:${name}`);
    if (!p) problems.push(`query parameter ${name} is not in the spec`);
    else checkValue(p, raw);
  }

  // Body.
  if (op.requestBody === undefined) {
    if (req.body !== undefined) problems.push("sent a body, the spec declares none");
  } else {
    const rb = deref<{ required?: boolean; content?: Record<string, unknown> }>(doc, op.requestBody, ["paths", method.path, verb, "requestBody"]);
    if (req.body === undefined) {
      if (rb.value.required) problems.push("the spec requires a body, none sent");
    } else if (!rb.value.content?.["application/json"]) {
      problems.push("sent JSON, the spec declares no application/json body");
    } else {
      if (req.headers.get("Content-Type") !== "application/json") problems.push("JSON body without Content-Type: application/json");
      const validate = validator(method.spec, [...rb.pointer, "content", "application/json", "schema"]);
      if (!validate(req.body)) problems.push(`body ${JSON.stringify(req.body)}: ${ajv.errorsText(validate.errors)}`);
    }
  }
  return problems;
}

// --- tests ----------------------------------------------------------------------------------------

const skipReason = `WB OpenAPI specs not found at ${specDir} (set WB_OPENAPI_DIR)`;

if (!specsPresent && process.env.CI === "true") {
  describe("WB client requests conform to the OpenAPI specs", () => {
    it("needs the specs on CI", () => {
      throw new Error(skipReason);
    });
  });
} else if (!specsPresent) {
  console.warn(`[wb-client-requests] skipped: ${skipReason}`);
  describe.skip(`WB client requests conform to the OpenAPI specs (skipped: ${skipReason})`, () => {
    it("skipped", () => {});
  });
} else {
  describe("WB client requests conform to the OpenAPI specs", () => {
    it("every catalogued method has a scenario", () => {
      expect(Object.keys(scenarios).sort()).toEqual(Object.keys(WB_METHODS).sort());
    });

    for (const id of Object.keys(WB_METHODS) as WbMethodId[]) {
      const method: WbMethod = WB_METHODS[id];
      it(`${id}: ${method.verb} ${method.sub}${method.path} (${method.spec})`, async () => {
        const requests = (await capture(scenarios[id])).filter((r) => r.methodId === id);
        expect(requests.length, "the scenario sent no request for this method").toBeGreaterThan(0);
        for (const req of requests) {
          expect(checkRequest(req), `${req.verb} ${req.url.href}`).toEqual([]);
        }
      });
    }

    it("the checker catches a wrong request", async () => {
      // Guards against a vacuous checker: a body and a query the spec forbids must be reported.
      const bad: Captured = {
        methodId: "cardsList",
        url: new URL("https://content-api.wildberries.ru/content/v2/get/cards/list?bogus=1"),
        verb: "POST",
        headers: new Headers({ Authorization: "t", "Content-Type": "application/json" }),
        body: { settings: { filter: { withPhoto: 5 }, cursor: { limit: "100" } } },
      };
      const problems = checkRequest(bad);
      expect(problems.some((p) => p.includes("bogus"))).toBe(true);
      expect(problems.some((p) => p.includes("withPhoto") || p.includes("allowed values"))).toBe(true);
      const missing: Captured = {
        methodId: "feedbacksList",
        url: new URL("https://feedbacks-api.wildberries.ru/api/v1/feedbacks?isAnswered=maybe&take=10"),
        verb: "GET",
        headers: new Headers({ Authorization: "t" }),
        body: undefined,
      };
      const missingProblems = checkRequest(missing);
      expect(missingProblems).toContain("required query parameter skip missing");
      expect(missingProblems.some((p) => p.startsWith("query parameter isAnswered"))).toBe(true);
    });
  });
}
