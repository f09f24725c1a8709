// Maps a sandbox request (host label, verb, path) to the WB method it calls, the way WB's hosts do:
// a path on the wrong host is 404, a known path with the wrong verb is 405, and removed methods
// answer 404 with "This method is deprecated" and a release-notes link.

import { WB_METHODS, type WbCategory, type WbMethodId } from "../methods";

/** The category whose token bit each host's /ping checks ("Совпадают ли категория токена и сервис"). */
const HOST_CATEGORY: Record<string, WbCategory> = {
  "content-api": "content",
  "seller-analytics-api": "analytics",
  "discounts-prices-api": "prices",
  "marketplace-api": "marketplace",
  "statistics-api": "statistics",
  "advert-api": "promotion",
  "feedbacks-api": "feedbacks",
  "buyer-chat-api": "chat",
  "supplies-api": "supplies",
  "returns-api": "returns",
  "documents-api": "documents",
  "finance-api": "finance",
  "common-api": "common",
  "user-management-api": "users",
};

/** Removed methods and the release note WB's 404 links to (reference/wb-api.md §8). */
const DEPRECATED: { sub: string; path: string; note: number }[] = [
  { sub: "statistics-api", path: "/api/v1/supplier/stocks", note: 494 },
  { sub: "statistics-api", path: "/api/v5/supplier/reportDetailByPeriod", note: 498 },
];

export type Route =
  | { kind: "method"; methodId: WbMethodId | "ping"; category: WbCategory; writes: boolean; params: Record<string, string> }
  | { kind: "deprecated"; detail: string }
  | { kind: "notFound" }
  | { kind: "methodNotAllowed"; allow: string[] };

interface Compiled {
  id: WbMethodId;
  sub: string;
  verb: string;
  regex: RegExp;
  names: string[];
}

const COMPILED: Compiled[] = (Object.keys(WB_METHODS) as WbMethodId[]).map((id) => {
  const m = WB_METHODS[id];
  const names: string[] = [];
  const pattern = m.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { id, sub: m.sub, verb: m.verb, regex: new RegExp(`^${pattern}$`), names };
});

export function isKnownHost(sub: string): boolean {
  return sub in HOST_CATEGORY;
}

export function route(sub: string, verb: string, path: string): Route {
  const deprecated = DEPRECATED.find((d) => d.sub === sub && d.path === path);
  if (deprecated) return { kind: "deprecated", detail: `This method is deprecated. Link: https://dev.wildberries.ru/release-notes?id=${deprecated.note}` };
  if (path === "/ping") {
    const category = HOST_CATEGORY[sub];
    if (!category) return { kind: "notFound" };
    if (verb !== "GET") return { kind: "methodNotAllowed", allow: ["GET"] };
    // statistics-api's ping is in the catalogue; the other hosts' pings behave the same.
    return { kind: "method", methodId: sub === "statistics-api" ? "statisticsPing" : "ping", category, writes: false, params: {} };
  }
  const allow: string[] = [];
  for (const c of COMPILED) {
    if (c.sub !== sub) continue;
    const match = c.regex.exec(path);
    if (!match) continue;
    if (c.verb !== verb) {
      allow.push(c.verb);
      continue;
    }
    const params: Record<string, string> = {};
    c.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] ?? "")));
    const m = WB_METHODS[c.id];
    return { kind: "method", methodId: c.id, category: m.category, writes: "writes" in m && m.writes === true, params };
  }
  return allow.length > 0 ? { kind: "methodNotAllowed", allow } : { kind: "notFound" };
}
