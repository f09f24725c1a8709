// Response helpers shared by the sandbox's handlers: JSON bodies, WB's problem+json errors, and
// the small per-request context the handlers receive.

import type { WbMethodId } from "../methods";
import type { SandboxStore } from "./store";
import { utcIso } from "./time";
import type { World } from "./world";

export const JSON_TYPE = "application/json; charset=utf-8";
export const PROBLEM_TYPE = "application/problem+json; charset=utf-8";

export interface SandboxLimits {
  /** Rows per Statistics page (WB: "about 80 000"). */
  statisticsPageRows: number;
  /** Most rows one finance page returns, whatever `limit` asks (memory bound; see server.ts). */
  financePageRows: number;
}

export interface RequestContext {
  methodId: WbMethodId;
  world: World;
  nowMs: number;
  url: URL;
  request: Request;
  /** Path parameters, e.g. task_id. */
  params: Record<string, string>;
  store: SandboxStore;
  limits: SandboxLimits;
  /** A fresh WB-style request id (32 hex). */
  requestId(): string;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": JSON_TYPE, ...headers } });
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  429: "Too Many Requests",
  500: "Internal Server Error",
  504: "Gateway Timeout",
};

export interface ProblemInit {
  status: number;
  title: string;
  detail: string;
  origin: string;
  requestId: string;
  code?: string;
  nowMs: number;
}

/** WB's gateway error body (the `components/responses/401` and `429` schemas of every spec). */
export function problem(p: ProblemInit, headers: Record<string, string> = {}): Response {
  const body = {
    title: p.title,
    detail: p.detail,
    code: p.code ?? `${p.requestId.slice(0, 8)}-${p.requestId.slice(8, 20)}-[UK-${p.requestId.slice(20, 31)}]`,
    requestId: p.requestId,
    origin: p.origin,
    status: p.status,
    statusText: STATUS_TEXT[p.status] ?? "Error",
    timestamp: utcIso(p.nowMs),
  };
  return new Response(JSON.stringify(body), { status: p.status, headers: { "Content-Type": PROBLEM_TYPE, ...headers } });
}

/** Reads a JSON request body; `undefined` when it is not valid JSON. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Parses an integer query value: null when absent, NaN when malformed. */
export function intParam(url: URL, name: string): number | null {
  const v = url.searchParams.get(name);
  if (v === null || v === "") return null;
  return /^-?\d+$/.test(v) ? Number(v) : Number.NaN;
}
