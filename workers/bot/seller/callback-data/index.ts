// Typed callback data of the seller bot's inline buttons. Telegram gives a button at most 64 bytes
// and sends back whatever a client puts there, so every payload is decoded against this table and
// anything foreign, garbled or oversized decodes to null (the bot then says the button is stale).
//
// Wire format: "<code>:<field>:<field>…". Cabinets are referred to by the first 8 hex digits of
// their UUID (resolved among the presser's own cabinets, then checked by requireCabinetAccess);
// payloads that do not fit (list cursors, a reply draft) are stashed in D1 under a 10-char token.

export const CAB_REF_RE = /^[0-9a-f]{8}$/;
const STASH_RE = /^[0-9a-zA-Z]{10}$/;
/** WB feedback and question ids: short base62-like strings. */
const WB_ID_RE = /^[A-Za-z0-9_-]{1,40}$/;

export const ORDER_FILTERS = ["a", "c", "x"] as const; // all, active (not cancelled), cancelled
export const STOCK_FILTERS = ["a", "c", "z", "l"] as const; // all, critical, zero, low
export const REVIEW_FILTERS = ["a", "u", "n", "m", "p"] as const; // all, unanswered, 1–2★, 3★, 4–5★
export const QUESTION_FILTERS = ["a", "u"] as const; // all, unanswered
export const ANALYTICS_PERIODS = ["7", "30", "90"] as const;
export const INVITE_ROLES = ["m", "v"] as const; // manager, viewer
export const DRAFT_TARGETS = ["f", "q"] as const; // feedback, question
export const AI_TONES = ["f", "o", "b"] as const; // friendly, formal (official), brief

export type OrderFilter = (typeof ORDER_FILTERS)[number];
export type StockFilter = (typeof STOCK_FILTERS)[number];
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];
export type QuestionFilter = (typeof QUESTION_FILTERS)[number];
export type AnalyticsPeriod = (typeof ANALYTICS_PERIODS)[number];
export type InviteRole = (typeof INVITE_ROLES)[number];
export type DraftTargetCode = (typeof DRAFT_TARGETS)[number];
export type AiToneCode = (typeof AI_TONES)[number];

export type CallbackData =
  | { a: "menu" }
  | { a: "help" }
  | { a: "connect" }
  | { a: "demo" }
  | { a: "cancel" }
  | { a: "cabinets" }
  | { a: "dashboard"; cab: string }
  | { a: "orders"; cab: string; filter: OrderFilter; page: string | null }
  | { a: "stocks"; cab: string; filter: StockFilter; offset: number }
  | { a: "reviews"; cab: string; filter: ReviewFilter; page: string | null }
  | { a: "review_reply"; cab: string; id: string }
  | { a: "questions"; cab: string; filter: QuestionFilter; page: string | null }
  | { a: "question_reply"; cab: string; id: string }
  | { a: "answer_retry"; stash: string }
  | { a: "analytics"; cab: string; period: AnalyticsPeriod }
  | { a: "stocks_ship"; cab: string; offset: number }
  | { a: "cost_list"; cab: string; offset: number }
  | { a: "cost_set"; cab: string; nm: number }
  | { a: "sync"; cab: string }
  | { a: "sync_now"; cab: string }
  | { a: "cabinet_switch"; cab: string }
  | { a: "members"; cab: string }
  | { a: "invite"; cab: string; role: InviteRole }
  | { a: "member_remove"; cab: string; user: number }
  | { a: "member_remove_yes"; cab: string; user: number }
  | { a: "disconnect"; cab: string }
  | { a: "disconnect_yes"; cab: string }
  | { a: "settings"; cab: string }
  | { a: "settings_kind"; cab: string; kind: number }
  | { a: "settings_threshold"; cab: string; days: number }
  | { a: "settings_quiet"; cab: string; preset: number }
  | { a: "settings_quiet_manual"; cab: string }
  | { a: "settings_tz"; cab: string }
  | { a: "settings_tz_set"; cab: string; zone: number }
  | { a: "ai"; cab: string }
  | { a: "ai_ask"; cab: string; n: number }
  | { a: "ai_reset"; cab: string }
  | { a: "ai_draft"; cab: string; t: DraftTargetCode; id: string }
  | { a: "ai_draft_send"; cab: string; t: DraftTargetCode; id: string }
  | { a: "ai_draft_edit"; cab: string; t: DraftTargetCode; id: string }
  | { a: "ai_settings"; cab: string }
  | { a: "ai_tone"; cab: string; tone: AiToneCode }
  | { a: "ai_auto"; cab: string; on: number }
  | { a: "ai_signature"; cab: string }
  | { a: "ai_signature_clear"; cab: string };

export type CallbackAction = CallbackData["a"];

type Field =
  | { name: string; kind: "cab" }
  | { name: string; kind: "stash"; optional?: boolean }
  | { name: string; kind: "wbId" }
  | { name: string; kind: "int"; min: number; max: number }
  | { name: string; kind: "enum"; values: readonly string[] };

const cab: Field = { name: "cab", kind: "cab" };
const page: Field = { name: "page", kind: "stash", optional: true };

const SPEC: Record<CallbackAction, { code: string; fields: readonly Field[] }> = {
  menu: { code: "m", fields: [] },
  help: { code: "h", fields: [] },
  connect: { code: "cn", fields: [] },
  demo: { code: "dm", fields: [] },
  cancel: { code: "x", fields: [] },
  cabinets: { code: "cb", fields: [] },
  dashboard: { code: "ds", fields: [cab] },
  orders: { code: "or", fields: [cab, { name: "filter", kind: "enum", values: ORDER_FILTERS }, page] },
  stocks: { code: "st", fields: [cab, { name: "filter", kind: "enum", values: STOCK_FILTERS }, { name: "offset", kind: "int", min: 0, max: 1_000_000 }] },
  reviews: { code: "rv", fields: [cab, { name: "filter", kind: "enum", values: REVIEW_FILTERS }, page] },
  review_reply: { code: "ra", fields: [cab, { name: "id", kind: "wbId" }] },
  questions: { code: "qs", fields: [cab, { name: "filter", kind: "enum", values: QUESTION_FILTERS }, page] },
  question_reply: { code: "qa", fields: [cab, { name: "id", kind: "wbId" }] },
  answer_retry: { code: "ar", fields: [{ name: "stash", kind: "stash" }] },
  analytics: { code: "an", fields: [cab, { name: "period", kind: "enum", values: ANALYTICS_PERIODS }] },
  stocks_ship: { code: "sh", fields: [cab, { name: "offset", kind: "int", min: 0, max: 1_000_000 }] },
  cost_list: { code: "cl", fields: [cab, { name: "offset", kind: "int", min: 0, max: 1_000_000 }] },
  cost_set: { code: "cp", fields: [cab, { name: "nm", kind: "int", min: 1, max: 999_999_999_999 }] },
  sync: { code: "sy", fields: [cab] },
  sync_now: { code: "sn", fields: [cab] },
  cabinet_switch: { code: "cs", fields: [cab] },
  members: { code: "mb", fields: [cab] },
  invite: { code: "iv", fields: [cab, { name: "role", kind: "enum", values: INVITE_ROLES }] },
  member_remove: { code: "mr", fields: [cab, { name: "user", kind: "int", min: 1, max: Number.MAX_SAFE_INTEGER }] },
  member_remove_yes: { code: "my", fields: [cab, { name: "user", kind: "int", min: 1, max: Number.MAX_SAFE_INTEGER }] },
  disconnect: { code: "dc", fields: [cab] },
  disconnect_yes: { code: "dy", fields: [cab] },
  settings: { code: "se", fields: [cab] },
  settings_kind: { code: "sk", fields: [cab, { name: "kind", kind: "int", min: 0, max: 31 }] },
  settings_threshold: { code: "sd", fields: [cab, { name: "days", kind: "int", min: 1, max: 90 }] },
  settings_quiet: { code: "sq", fields: [cab, { name: "preset", kind: "int", min: 0, max: 15 }] },
  settings_quiet_manual: { code: "sm", fields: [cab] },
  settings_tz: { code: "tz", fields: [cab] },
  settings_tz_set: { code: "ts", fields: [cab, { name: "zone", kind: "int", min: 0, max: 63 }] },
  ai: { code: "ai", fields: [cab] },
  ai_ask: { code: "ak", fields: [cab, { name: "n", kind: "int", min: 0, max: 2 }] },
  ai_reset: { code: "az", fields: [cab] },
  ai_draft: { code: "ad", fields: [cab, { name: "t", kind: "enum", values: DRAFT_TARGETS }, { name: "id", kind: "wbId" }] },
  ai_draft_send: { code: "as", fields: [cab, { name: "t", kind: "enum", values: DRAFT_TARGETS }, { name: "id", kind: "wbId" }] },
  ai_draft_edit: { code: "ae", fields: [cab, { name: "t", kind: "enum", values: DRAFT_TARGETS }, { name: "id", kind: "wbId" }] },
  ai_settings: { code: "ac", fields: [cab] },
  ai_tone: { code: "at", fields: [cab, { name: "tone", kind: "enum", values: AI_TONES }] },
  ai_auto: { code: "au", fields: [cab, { name: "on", kind: "int", min: 0, max: 1 }] },
  ai_signature: { code: "ag", fields: [cab] },
  ai_signature_clear: { code: "ax", fields: [cab] },
};

/** Every action, for tests that check each has a handler and round-trips. */
export const CALLBACK_ACTIONS = Object.keys(SPEC) as CallbackAction[];

const BY_CODE = new Map(Object.entries(SPEC).map(([action, spec]) => [spec.code, { action: action as CallbackAction, fields: spec.fields }]));

/** Telegram's limit for callback_data, in bytes. */
export const CALLBACK_DATA_LIMIT = 64;

function encodeField(field: Field, value: unknown): string {
  switch (field.kind) {
    case "cab":
      if (typeof value === "string" && CAB_REF_RE.test(value)) return value;
      break;
    case "stash":
      if (value === null && field.optional) return "-";
      if (typeof value === "string" && STASH_RE.test(value)) return value;
      break;
    case "wbId":
      if (typeof value === "string" && WB_ID_RE.test(value)) return value;
      break;
    case "int":
      if (typeof value === "number" && Number.isSafeInteger(value) && value >= field.min && value <= field.max) return String(value);
      break;
    case "enum":
      if (typeof value === "string" && field.values.includes(value)) return value;
      break;
  }
  throw new RangeError(`callback data: bad ${field.name} ${JSON.stringify(value)}`);
}

function decodeField(field: Field, raw: string): { ok: true; value: unknown } | { ok: false } {
  switch (field.kind) {
    case "cab":
      return CAB_REF_RE.test(raw) ? { ok: true, value: raw } : { ok: false };
    case "stash":
      if (raw === "-" && field.optional) return { ok: true, value: null };
      return STASH_RE.test(raw) ? { ok: true, value: raw } : { ok: false };
    case "wbId":
      return WB_ID_RE.test(raw) ? { ok: true, value: raw } : { ok: false };
    case "int": {
      if (!/^(0|[1-9]\d{0,15})$/.test(raw)) return { ok: false };
      const n = Number(raw);
      return Number.isSafeInteger(n) && n >= field.min && n <= field.max ? { ok: true, value: n } : { ok: false };
    }
    case "enum":
      return field.values.includes(raw) ? { ok: true, value: raw } : { ok: false };
  }
}

/** The callback_data string of a button; throws on values that would not decode (a bug). */
export function encodeCallback(data: CallbackData): string {
  const spec = SPEC[data.a];
  const record = data as unknown as Record<string, unknown>;
  const parts = [spec.code, ...spec.fields.map((f) => encodeField(f, record[f.name]))];
  const out = parts.join(":");
  if (new TextEncoder().encode(out).length > CALLBACK_DATA_LIMIT) throw new RangeError(`callback data too long: ${out}`);
  return out;
}

/** The typed payload of a button, or null for anything this bot did not produce. */
export function decodeCallback(raw: unknown): CallbackData | null {
  if (typeof raw !== "string" || raw.length === 0 || new TextEncoder().encode(raw).length > CALLBACK_DATA_LIMIT) return null;
  const [code, ...values] = raw.split(":");
  const spec = code === undefined ? undefined : BY_CODE.get(code);
  if (!spec || values.length !== spec.fields.length) return null;
  const out: Record<string, unknown> = { a: spec.action };
  for (let i = 0; i < spec.fields.length; i++) {
    const field = spec.fields[i];
    const value = values[i];
    if (!field || value === undefined) return null;
    const decoded = decodeField(field, value);
    if (!decoded.ok) return null;
    out[field.name] = decoded.value;
  }
  // The SPEC table is the schema of the union: a payload that passed it has that variant's shape.
  return out as unknown as CallbackData;
}

/** The short reference to a cabinet used in callback data. */
export function cabRef(cabinetId: string): string {
  return cabinetId.slice(0, 8).toLowerCase();
}

/** Shorthand for keyboards. */
export const cb = encodeCallback;
