// Content API: `POST /content/v2/get/cards/list` (02-items.yaml) with filters and the
// (updatedAt, nmID) cursor: sort by updatedAt (descending unless `ascending`), then nmID; a request
// cursor returns the cards after that position; the response cursor is the last card's position
// and `total` the number of cards returned. Clients stop when total < limit.

import { cardEntries, cardView, matchesFilter, type CardsFilter } from "../cards";
import { isRecord, json, readJson, type RequestContext } from "../http";
import { parseWbDate } from "../time";

function badRequest(errorText: string): Response {
  return json(400, { data: null, error: true, errorText, additionalErrors: null });
}

function numbers(x: unknown): number[] | null {
  if (x === undefined || x === null) return [];
  return Array.isArray(x) && x.every((v) => typeof v === "number" && Number.isInteger(v)) ? (x as number[]) : null;
}

function strings(x: unknown): string[] | null {
  if (x === undefined || x === null) return [];
  return Array.isArray(x) && x.every((v) => typeof v === "string") ? (x as string[]) : null;
}

export async function cardsListHandler(ctx: RequestContext): Promise<Response> {
  const body = await readJson(ctx.request);
  if (!isRecord(body)) return badRequest("Request body can not be decoded");
  const settings = isRecord(body.settings) ? body.settings : {};
  const sort = isRecord(settings.sort) ? settings.sort : {};
  const filter = isRecord(settings.filter) ? settings.filter : {};
  const cursor = isRecord(settings.cursor) ? settings.cursor : {};

  const limit = cursor.limit === undefined ? 10 : cursor.limit;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 100) return badRequest("Invalid cursor.limit: must be from 1 to 100");
  const withPhoto = filter.withPhoto === undefined ? 0 : filter.withPhoto;
  if (withPhoto !== -1 && withPhoto !== 0 && withPhoto !== 1 && withPhoto !== 2) return badRequest("Invalid filter.withPhoto");
  const objectIDs = numbers(filter.objectIDs);
  const tagIDs = numbers(filter.tagIDs);
  const brands = strings(filter.brands);
  if (!objectIDs || !tagIDs || !brands) return badRequest("Request body can not be decoded");
  const f: CardsFilter = {
    withPhoto,
    textSearch: typeof filter.textSearch === "string" ? filter.textSearch : "",
    objectIDs,
    tagIDs,
    brands,
    imtID: typeof filter.imtID === "number" ? filter.imtID : 0,
  };
  const ascending = sort.ascending === true;

  let afterMs: number | null = null;
  let afterNm = 0;
  if (typeof cursor.updatedAt === "string" && cursor.updatedAt !== "") {
    const parsed = parseWbDate(cursor.updatedAt);
    if (!parsed) return badRequest("Invalid cursor.updatedAt");
    afterMs = parsed.ms;
    afterNm = typeof cursor.nmID === "number" ? cursor.nmID : 0;
  }

  const dir = ascending ? 1 : -1;
  const entries = cardEntries(ctx.world, ctx.nowMs)
    .filter((e) => matchesFilter(e.item, f))
    .sort((a, b) => dir * (a.updatedMs - b.updatedMs || a.item.nmID - b.item.nmID));
  const after = afterMs;
  const rest = after === null ? entries : entries.filter((e) => dir * (e.updatedMs - after || e.item.nmID - afterNm) > 0);
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  const responseCursor = last
    ? { updatedAt: last.updatedAt, nmID: last.item.nmID, total: page.length }
    : { ...(typeof cursor.updatedAt === "string" ? { updatedAt: cursor.updatedAt } : {}), ...(typeof cursor.nmID === "number" ? { nmID: cursor.nmID } : {}), total: 0 };
  return json(200, { cards: page.map((e) => cardView(ctx.world, e)), cursor: responseCursor });
}
