// Prices API: `GET /api/v2/list/goods/filter?limit=&offset=&filterNmID=` (02-items.yaml), paged
// by limit (required, ≤ 1000) and offset; an empty listGoods means the end.

import { intParam, json, type RequestContext } from "../http";
import { goodsPrices, pricedItems } from "../prices";

function badRequest(): Response {
  // The spec's InvalidRequestParameters example.
  return json(400, { data: null, error: true, errorText: "Invalid request parameters" });
}

export function pricesListHandler(ctx: RequestContext): Response {
  const limit = intParam(ctx.url, "limit");
  const offset = intParam(ctx.url, "offset") ?? 0;
  const nm = intParam(ctx.url, "filterNmID");
  if (limit === null || Number.isNaN(limit) || limit < 1 || limit > 1000) return badRequest();
  if (Number.isNaN(offset) || offset < 0 || (nm !== null && Number.isNaN(nm))) return badRequest();
  let items = pricedItems(ctx.world, ctx.nowMs);
  if (nm !== null) items = items.filter((i) => i.nmID === nm);
  const page = items.slice(offset, offset + limit);
  return json(200, { data: { listGoods: page.map((i) => goodsPrices(ctx.world, i, ctx.nowMs)) }, error: false, errorText: "" });
}
