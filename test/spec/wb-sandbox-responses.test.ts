// Every method of WB_METHODS, called on the sandbox in-process, must answer with a status the
// official spec lists for it and a body that validates against that status's schema in the YAML
// named in methods.ts. The check is stricter than the spec: objects may carry no undeclared
// properties and must carry every declared one (WB sends every field), so a misspelt or missing
// field fails here rather than in a client.

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { limitFor } from "../../workers/wb/limits";
import { WB_METHODS, type WbMethodId } from "../../workers/wb/methods";
import { createWbSandbox, makeSandboxToken, type SandboxTokenOptions } from "../../workers/wb/sandbox";

const SPEC_DIR = process.env.WB_OPENAPI_DIR ?? path.resolve(import.meta.dirname, "../../../shared/wb-openapi");
const specPresent = existsSync(path.join(SPEC_DIR, "12-reports.yaml"));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(x: Json | undefined): x is JsonObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * OpenAPI 3.0 → JSON Schema for ajv: `nullable` becomes a null type, boolean exclusive bounds
 * become numeric ones, and (strict) objects with declared properties get
 * additionalProperties:false and every property required. Examples are left alone.
 */
function toJsonSchema(node: Json, strict: boolean): Json {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, strict));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === "example" || k === "examples" ? v : toJsonSchema(v, strict);
  for (const [flag, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
    if (typeof out[flag] === "boolean") {
      if (out[flag] === true && typeof out[bound] === "number") {
        out[flag] = out[bound];
        delete out[bound];
      } else delete out[flag];
    }
  }
  if (strict && isObject(out.properties) && out.additionalProperties === undefined && out.allOf === undefined) {
    out.additionalProperties = false;
    out.required = Object.keys(out.properties);
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === "string") {
      out.type = [out.type, "null"];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: "null" }] };
  }
  delete out.nullable;
  return out;
}

function collectFormats(node: Json, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectFormats(n, into));
  else if (isObject(node)) {
    if (typeof node.format === "string") into.add(node.format);
    for (const [k, v] of Object.entries(node)) if (k !== "example" && k !== "examples") collectFormats(v, into);
  }
}

const pointer = (...segments: string[]) => "#/" + segments.map((s) => encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

class SpecValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  private readonly docs = new Map<string, JsonObject>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
  }

  doc(file: string): JsonObject {
    let d = this.docs.get(file);
    if (!d) {
      d = parse(readFileSync(path.join(SPEC_DIR, file), "utf8")) as JsonObject;
      this.docs.set(file, d);
      const converted = toJsonSchema(d, true) as JsonObject;
      const formats = new Set<string>();
      collectFormats(converted, formats);
      for (const f of formats) if (!this.ajv.formats[f]) this.ajv.addFormat(f, true); // WB's own names: UUID, uint64 …
      this.ajv.addSchema({ ...converted, $id: `wb:${file}` });
    }
    return d;
  }

  /** The spec's response object for (method, status), following a $ref to components/responses. */
  private response(methodId: WbMethodId, status: number): { pointerBase: string[]; response: JsonObject } | null {
    const m = WB_METHODS[methodId];
    const doc = this.doc(m.spec);
    const op = (doc.paths as JsonObject)[m.path] as JsonObject;
    const responses = (op[m.verb.toLowerCase()] as JsonObject).responses as JsonObject;
    const r = responses[String(status)];
    if (!isObject(r)) return null;
    if (typeof r.$ref === "string") {
      const name = r.$ref.replace("#/components/responses/", "");
      return { pointerBase: ["components", "responses", name], response: ((doc.components as JsonObject).responses as JsonObject)[name] as JsonObject };
    }
    return { pointerBase: ["paths", m.path, m.verb.toLowerCase(), "responses", String(status)], response: r };
  }

  statuses(methodId: WbMethodId): string[] {
    const m = WB_METHODS[methodId];
    const op = ((this.doc(m.spec).paths as JsonObject)[m.path] as JsonObject)[m.verb.toLowerCase()] as JsonObject;
    return Object.keys(op.responses as JsonObject);
  }

  /** Validates a response; returns the list of problems (empty when it conforms). */
  async check(methodId: WbMethodId, res: Response): Promise<string[]> {
    const spec = this.response(methodId, res.status);
    if (!spec) return [`status ${res.status} is not in the spec (${this.statuses(methodId).join(", ")})`];
    const text = await res.text();
    const content = spec.response.content;
    if (!isObject(content)) return text === "" ? [] : [`status ${res.status} has no body in the spec, got ${text.slice(0, 100)}`];
    const mediaType = (res.headers.get("Content-Type") ?? "").split(";")[0]?.trim() ?? "";
    const chosen = content[mediaType] !== undefined ? mediaType : null;
    if (!chosen) return [`content type ${mediaType} is not among ${Object.keys(content).join(", ")}`];
    const key = `${WB_METHODS[methodId].spec}${pointer(...spec.pointerBase, "content", chosen, "schema")}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `wb:${key}` });
      this.compiled.set(key, validate);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return [`body is not JSON: ${text.slice(0, 100)}`];
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
  }
}

// --- the limit tables in the method descriptions ------------------------------------------------

const UNIT_MS: Record<string, number> = { "мс": 1, "сек": 1000, "мин": 60_000, "ч": 3_600_000 };

function durationMs(text: string): number {
  const m = /^(\d+)\s*(мс|сек|мин|ч)$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * (UNIT_MS[m[2] as string] as number);
}

const TIER_LABELS = { personal: "Персональный", service: "Сервисный", baseWithSecret: "Базовый с секретом", base: "Базовый" } as const;
type Limits = Record<keyof typeof TIER_LABELS, { periodMs: number; burst: number } | null>;

/**
 * Reads the "Лимит запросов" table (Тип | Период | Лимит | Интервал | Всплеск, or without Тип when
 * one row applies to all) or ping's "Максимум 3 запроса за 30 секунд". `x-token-types` lists the
 * types a method serves at all.
 */
function publishedLimits(description: string, tokenTypes: string[] | null): Limits {
  const ping = /Максимум (\d+) запроса за (\d+) <a[^>]*>секунд<\/a>/.exec(description);
  const rows = description.split("\n").filter((l) => /^\|\s*[^-\s|]/.test(l) && !l.includes("Период |"));
  const cells = rows.map((r) => r.split("|").slice(1, -1).map((c) => c.trim()));
  const out = {} as Limits;
  for (const [tier, label] of Object.entries(TIER_LABELS) as [keyof typeof TIER_LABELS, string][]) {
    let limit: { periodMs: number; burst: number } | null;
    if (ping) limit = { periodMs: (Number(ping[2]) * 1000) / Number(ping[1]), burst: Number(ping[1]) };
    else {
      const row = cells.find((c) => c.length === 5 && c[0] === label) ?? cells.find((c) => c.length === 4);
      limit = row ? { periodMs: durationMs(row[row.length - 2] as string), burst: parseInt(row[row.length - 1] as string, 10) } : null;
    }
    const typeName = { personal: "personal", service: "service", baseWithSecret: "base-with-secret", base: "base" }[tier];
    out[tier] = tokenTypes && !tokenTypes.includes(typeName) ? null : limit;
  }
  return out;
}

// --- scenarios -----------------------------------------------------------------------------------

const NOW = new Date("2026-11-20T09:30:00Z");
let clock = NOW.getTime();
const sandbox = createWbSandbox({ seed: "spec-test", now: () => new Date(clock) });
const BASE = "http://sandbox.test/wb-sandbox";

interface Call {
  sub?: string;
  path?: string;
  query?: Record<string, string>;
  body?: unknown;
  token?: SandboxTokenOptions | null;
  headers?: Record<string, string>;
}

function call(methodId: WbMethodId, c: Call = {}): Promise<Response> {
  const m = WB_METHODS[methodId];
  const url = new URL(`${BASE}/${c.sub ?? m.sub}${c.path ?? m.path}`);
  for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { ...c.headers };
  // A fresh token per call: each has its own rate-limit buckets.
  if (c.token !== null) headers.Authorization = makeSandboxToken({ issuedAt: NOW, ...c.token });
  if (c.body !== undefined) headers["Content-Type"] = "application/json";
  return sandbox.fetch(new Request(url, { method: m.verb, headers, body: c.body === undefined ? undefined : JSON.stringify(c.body) }));
}

interface Scenario {
  name: string;
  status: number;
  run: () => Promise<Response>;
}

async function remainsTask(): Promise<string> {
  const res = await call("warehouseRemainsCreate", { query: { groupByBrand: "true", groupBySubject: "true", groupBySa: "true", groupByNm: "true", groupByBarcode: "true", groupBySize: "true" } });
  const body = (await res.json()) as { data: { taskId: string } };
  return body.data.taskId;
}

async function firstQuestionId(): Promise<string> {
  const res = await call("questionsList", { query: { isAnswered: "false", take: "1", skip: "0" } });
  const body = (await res.json()) as { data: { questions: { id: string }[] } };
  const id = body.data.questions[0]?.id;
  if (!id) throw new Error("no unanswered question in the sandbox");
  return id;
}

const SCENARIOS: Record<WbMethodId, Scenario[]> = {
  statisticsPing: [
    { name: "ok", status: 200, run: () => call("statisticsPing") },
    { name: "no token", status: 401, run: () => call("statisticsPing", { token: null }) },
    {
      name: "fourth ping within 30 s",
      status: 429,
      run: async () => {
        const token = { id: "11111111-2222-4333-8444-555555555555" };
        for (let i = 0; i < 3; i++) await call("statisticsPing", { token });
        return call("statisticsPing", { token });
      },
    },
  ],
  sellerInfo: [
    { name: "ok with a token of any category", status: 200, run: () => call("sellerInfo", { token: { categories: ["content"] } }) },
    { name: "expired token", status: 401, run: () => call("sellerInfo", { token: { expiresAt: new Date(NOW.getTime() - 1000) } }) },
  ],
  orders: [
    { name: "30 days", status: 200, run: () => call("orders", { query: { dateFrom: "2026-10-21" } }) },
    { name: "one day, flag=1", status: 200, run: () => call("orders", { query: { dateFrom: "2026-11-18", flag: "1" } }) },
    { name: "dateFrom missing", status: 400, run: () => call("orders") },
    { name: "dateFrom invalid", status: 400, run: () => call("orders", { query: { dateFrom: "yesterday" } }) },
    { name: "scope missing", status: 401, run: () => call("orders", { query: { dateFrom: "2026-11-01" }, token: { categories: ["content"] } }) },
    { name: "injected 429", status: 429, run: () => call("orders", { query: { dateFrom: "2026-11-01" }, headers: { "X-Sandbox-Fault": "429" } }) },
  ],
  sales: [
    { name: "30 days", status: 200, run: () => call("sales", { query: { dateFrom: "2026-10-21T00:00:00" } }) },
    { name: "dateFrom missing", status: 400, run: () => call("sales") },
  ],
  cardsList: [
    { name: "first page", status: 200, run: () => call("cardsList", { body: { settings: { sort: { ascending: true }, cursor: { limit: 100 }, filter: { withPhoto: -1 } } } }) },
    { name: "limit over 100", status: 400, run: () => call("cardsList", { body: { settings: { cursor: { limit: 500 } } } }) },
  ],
  pricesList: [
    { name: "page", status: 200, run: () => call("pricesList", { query: { limit: "1000", offset: "0" } }) },
    { name: "limit missing", status: 400, run: () => call("pricesList") },
  ],
  feedbacksList: [
    { name: "unanswered", status: 200, run: () => call("feedbacksList", { query: { isAnswered: "false", take: "500", skip: "0" } }) },
    { name: "answered", status: 200, run: () => call("feedbacksList", { query: { isAnswered: "true", take: "500", skip: "0", order: "dateAsc" } }) },
    { name: "take over 5000", status: 400, run: () => call("feedbacksList", { query: { isAnswered: "false", take: "6000", skip: "0" } }) },
  ],
  feedbackAnswer: [
    { name: "answer", status: 204, run: () => call("feedbackAnswer", { body: { id: "J2FMRjUj6hwvwCElqssz", text: "Спасибо за отзыв!" } }) },
    { name: "text too short", status: 400, run: () => call("feedbackAnswer", { body: { id: "J2FMRjUj6hwvwCElqssz", text: "a" } }) },
  ],
  feedbacksCountUnanswered: [{ name: "ok", status: 200, run: () => call("feedbacksCountUnanswered") }],
  questionsList: [
    { name: "unanswered", status: 200, run: () => call("questionsList", { query: { isAnswered: "false", take: "100", skip: "0" } }) },
    { name: "answered", status: 200, run: () => call("questionsList", { query: { isAnswered: "true", take: "1000", skip: "0" } }) },
    { name: "take + skip over 10000", status: 400, run: () => call("questionsList", { query: { isAnswered: "true", take: "5000", skip: "5001" } }) },
  ],
  questionAnswer: [
    { name: "answer", status: 200, run: async () => call("questionAnswer", { body: { id: await firstQuestionId(), answer: { text: "Здравствуйте! Ткань плотная." }, state: "wbRu" } }) },
    { name: "mark viewed", status: 200, run: async () => call("questionAnswer", { body: { id: await firstQuestionId(), wasViewed: true } }) },
    { name: "unknown id", status: 404, run: () => call("questionAnswer", { body: { id: "nonexistent000000000", wasViewed: true } }) },
    { name: "bad state", status: 400, run: async () => call("questionAnswer", { body: { id: await firstQuestionId(), answer: { text: "текст" }, state: "maybe" } }) },
  ],
  questionsCountUnanswered: [{ name: "ok", status: 200, run: () => call("questionsCountUnanswered") }],
  newFeedbacksQuestions: [{ name: "ok", status: 200, run: () => call("newFeedbacksQuestions") }],
  stocksWbWarehouses: [
    { name: "all", status: 200, run: () => call("stocksWbWarehouses", { body: { limit: 250000, offset: 0 } }) },
    { name: "limit too large", status: 400, run: () => call("stocksWbWarehouses", { body: { limit: 300000 } }) },
    { name: "base token", status: 403, run: () => call("stocksWbWarehouses", { body: {}, token: { type: "base" } }) },
  ],
  warehouseRemainsCreate: [
    { name: "create", status: 200, run: () => call("warehouseRemainsCreate", { query: { groupByNm: "true" } }) },
    { name: "empty boolean", status: 400, run: () => call("warehouseRemainsCreate", { query: { groupByNm: "" } }) },
  ],
  warehouseRemainsStatus: [
    { name: "status", status: 200, run: async () => call("warehouseRemainsStatus", { path: `/api/v1/warehouse_remains/tasks/${await remainsTask()}/status` }) },
    { name: "not a uuid", status: 400, run: () => call("warehouseRemainsStatus", { path: "/api/v1/warehouse_remains/tasks/2f071556-ae39-492f-fd8cf1eb0d25/status" }) },
    { name: "unknown task", status: 404, run: () => call("warehouseRemainsStatus", { path: "/api/v1/warehouse_remains/tasks/06e06887-9d9f-491f-b16a-bb1766fcb8d2/status" }) },
  ],
  warehouseRemainsDownload: [
    {
      name: "download when done",
      status: 200,
      run: async () => {
        const task = await remainsTask();
        clock += 30_000;
        try {
          return await call("warehouseRemainsDownload", { path: `/api/v1/warehouse_remains/tasks/${task}/download` });
        } finally {
          clock -= 30_000;
        }
      },
    },
    { name: "not ready", status: 400, run: async () => call("warehouseRemainsDownload", { path: `/api/v1/warehouse_remains/tasks/${await remainsTask()}/download` }) },
    { name: "unknown task", status: 404, run: () => call("warehouseRemainsDownload", { path: "/api/v1/warehouse_remains/tasks/06e06887-9d9f-491f-b16a-bb1766fcb8d2/download" }) },
  ],
  financeSalesReportDetailed: [
    { name: "two weeks", status: 200, run: () => call("financeSalesReportDetailed", { body: { dateFrom: "2026-11-02", dateTo: "2026-11-15", limit: 3000, rrdId: 0, period: "weekly" } }) },
    { name: "daily", status: 200, run: () => call("financeSalesReportDetailed", { body: { dateFrom: "2026-11-18", dateTo: "2026-11-18", period: "daily" } }) },
    { name: "after the last row", status: 204, run: () => call("financeSalesReportDetailed", { body: { dateFrom: "2026-11-02", dateTo: "2026-11-15", rrdId: 9_000_000_000 } }) },
    { name: "dateTo missing", status: 400, run: () => call("financeSalesReportDetailed", { body: { dateFrom: "2026-11-02" } }) },
  ],
};

if (!specPresent && process.env.CI === "true") {
  describe("WB sandbox responses", () => {
    it("needs the WB OpenAPI specs", () => {
      throw new Error(`WB OpenAPI specs not found in ${SPEC_DIR} (set WB_OPENAPI_DIR); required in CI`);
    });
  });
} else if (!specPresent) {
  describe("WB sandbox responses", () => {
    it.skip(`skipped: WB OpenAPI specs not found in ${SPEC_DIR} (set WB_OPENAPI_DIR)`, () => {});
  });
} else {
  const validator = new SpecValidator();

  describe("WB sandbox responses match the official specs", () => {
    it("has scenarios with a success status for every method in WB_METHODS", () => {
      for (const id of Object.keys(WB_METHODS) as WbMethodId[]) {
        expect(SCENARIOS[id].some((s) => s.status < 300), id).toBe(true);
      }
    });

    it("rejects bodies that do not conform (the check is not vacuous)", async () => {
      const res = await call("orders", { query: { dateFrom: "2026-11-19" } });
      const [row] = (await res.json()) as Record<string, unknown>[];
      if (!row) throw new Error("no orders on 2026-11-19");
      const jsonResponse = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
      const { srid, ...withoutSrid } = row;
      expect(await validator.check("orders", jsonResponse([{ ...withoutSrid, srId: srid }]))).not.toEqual([]);
      expect(await validator.check("orders", jsonResponse([{ ...row, nmId: "123" }]))).not.toEqual([]);
      expect(await validator.check("orders", jsonResponse([row], 418))).not.toEqual([]);
      expect(await validator.check("financeSalesReportDetailed", jsonResponse([{ rrdId: 1 }]))).not.toEqual([]);
    });

    it("uses the rate limits published in each method's description (workers/wb/limits.ts)", () => {
      for (const id of Object.keys(WB_METHODS) as WbMethodId[]) {
        const m = WB_METHODS[id];
        const op = ((validator.doc(m.spec).paths as JsonObject)[m.path] as JsonObject)[m.verb.toLowerCase()] as JsonObject;
        const published = publishedLimits(String(op.description), Array.isArray(op["x-token-types"]) ? (op["x-token-types"] as string[]) : null);
        for (const tier of ["personal", "service", "baseWithSecret", "base"] as const) {
          expect(limitFor(id, tier), `${id} ${tier}`).toEqual(published[tier]);
        }
      }
    });

    for (const id of Object.keys(WB_METHODS) as WbMethodId[]) {
      describe(`${id}: ${WB_METHODS[id].verb} ${WB_METHODS[id].sub}${WB_METHODS[id].path}`, () => {
        for (const s of SCENARIOS[id]) {
          it(`${s.name} → ${s.status}`, async () => {
            const res = await s.run();
            expect(res.status).toBe(s.status);
            expect(await validator.check(id, res)).toEqual([]);
          });
        }
      });
    }
  });
}
