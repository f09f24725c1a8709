// Cost prices per card (unit economics needs them; WB does not know them): list, set by JSON,
// import a CSV. Reading is open to every member; writing needs a manager or the owner.

import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";

import { requireCabinetAccess } from "../../cabinets/access";
import { MAX_COST_KOPECKS } from "../../domain/analytics/cost-price-csv";
import { MAX_COST_PRICE_ITEMS, importCostPricesCsv, listCostPrices, setCostPrices } from "../../queries/analytics-cost-prices";
import type { AppEnv } from "../app-env";
import { problems } from "../problem";
import { errorResponses, problemContent } from "../schemas";
import { CostPriceSchema, costPriceView } from "../views/analytics-view";
import { CabinetPathParam } from "./params";

const TAG = "Себестоимость";
/** A CSV of 20 000 cards is well under this. */
const MAX_CSV_BYTES = 2 * 1024 * 1024;
const CSV_EXAMPLE = "Артикул WB;Себестоимость\n123456789;450,50";

const listRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/cost-prices",
  tags: [TAG],
  summary: "Себестоимость по карточкам (и карточки, где она ещё не указана)",
  request: { params: CabinetPathParam },
  responses: {
    200: {
      description: "Все карточки каталога с себестоимостью или null",
      content: {
        "application/json": {
          schema: z
            .object({
              items: z.array(CostPriceSchema),
              total: z.number().int(),
              missing: z.number().int().openapi({ description: "Карточек каталога без себестоимости" }),
            })
            .openapi("CostPrices"),
        },
      },
    },
    ...errorResponses,
  },
});

const CostItemSchema = z
  .object({
    nmId: z
      .number({ error: "nmId: нужен артикул WB числом" })
      .int({ error: "nmId: артикул WB — целое число" })
      .positive({ error: "nmId: артикул WB — положительное число" })
      .openapi({ example: 123456789 }),
    costKopecks: z
      .number({ error: "costKopecks: себестоимость в копейках числом или null" })
      .int({ error: "costKopecks: себестоимость в копейках — целое число" })
      .min(0, { error: "costKopecks: себестоимость не может быть отрицательной" })
      .max(MAX_COST_KOPECKS, { error: "costKopecks: больше 1 000 000 ₽ за штуку — проверьте, нет ли лишнего нуля" })
      .nullable()
      .openapi({ description: "Себестоимость единицы в копейках (45050 = 450,50 ₽); null — удалить", example: 45050 }),
  })
  .openapi("CostPriceChange");

const setRoute = createRoute({
  method: "put",
  path: "/cabinets/{cabinetId}/cost-prices",
  tags: [TAG],
  summary: "Задать или удалить себестоимость карточек (менеджер или владелец)",
  description: "Остальные карточки не меняются. Себестоимость — за единицу товара, доставленную на склад WB (закупка или производство, упаковка, доставка).",
  request: {
    params: CabinetPathParam,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              items: z
                .array(CostItemSchema, { error: "items: нужен список карточек" })
                .min(1, { error: "items: укажите хотя бы одну карточку" })
                .max(MAX_COST_PRICE_ITEMS, { error: `items: не больше ${MAX_COST_PRICE_ITEMS} карточек за раз` }),
            })
            .openapi("SetCostPricesRequest"),
        },
      },
    },
  },
  responses: {
    200: {
      description: "Сохранено",
      content: { "application/json": { schema: z.object({ set: z.number().int(), removed: z.number().int() }).openapi("SetCostPricesResult") } },
    },
    ...errorResponses,
  },
});

const CsvProblemSchema = z.object({ line: z.number().int(), message: z.string() }).openapi("CsvProblem");

const importRoute = createRoute({
  method: "post",
  path: "/cabinets/{cabinetId}/cost-prices/import",
  tags: [TAG],
  summary: "Загрузить себестоимость из CSV (менеджер или владелец)",
  description: [
    "CSV из Excel или Google Таблиц: разделитель «;», «,» или табуляция; первая строка — заголовки.",
    "Нужны столбцы «Артикул WB» (nmId) или «Артикул продавца» и «Себестоимость» (рубли: 450 или 450,50).",
    "Тело — сам файл (Content-Type: text/csv) или JSON {\"csv\": \"…\"}.",
    "Если в файле есть ошибки, ничего не сохраняется: ответ 422 со списком ошибок по строкам.",
  ].join(" "),
  request: {
    params: CabinetPathParam,
    body: {
      // Not "required": the zod-openapi JSON validator would then refuse a text/csv body.
      required: false,
      content: {
        "application/json": {
          schema: z
            .object({
              csv: z
                .string({ error: "csv: нужен текст CSV-файла строкой" })
                .min(1, { error: "csv: файл пустой" })
                .max(MAX_CSV_BYTES, { error: "csv: файл больше 2 МБ" })
                .openapi({ example: CSV_EXAMPLE }),
            })
            .openapi("ImportCostPricesRequest"),
        },
        "text/csv": { schema: z.string().openapi({ example: CSV_EXAMPLE }) },
        "text/plain": { schema: z.string().openapi({ example: CSV_EXAMPLE }) },
      },
    },
  },
  responses: {
    200: {
      description: "Загружено",
      content: {
        "application/json": {
          schema: z
            .object({
              imported: z.number().int(),
              warnings: z.array(CsvProblemSchema).openapi({ description: "Не ошибки: например, карточки ещё нет в каталоге" }),
            })
            .openapi("ImportCostPricesResult"),
        },
      },
    },
    ...errorResponses,
    422: { description: "В файле ошибки — ничего не сохранено (errors: список по строкам)", content: problemContent },
  },
});

export function costPriceRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(listRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const items = await listCostPrices(c.var.db, auth);
      return c.json({ items: items.map(costPriceView), total: items.length, missing: items.filter((i) => i.inCatalog && i.costKopecks === null).length }, 200);
    })
    .openapi(setRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId, "manager");
      const result = await setCostPrices(c.var.db, auth, c.req.valid("json").items, "api");
      return c.json(result, 200);
    })
    .openapi(importRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId, "manager");
      const isJson = /^application\/(.+\+)?json/i.test(c.req.header("Content-Type") ?? "");
      const csv = isJson ? (c.req.valid("json") as { csv?: string }).csv : await c.req.text();
      if (!csv || csv.trim() === "") throw problems.badRequest("Пустой файл: пришлите CSV с заголовком и строками себестоимости (Content-Type: text/csv) или JSON {\"csv\": \"…\"}.");
      if (csv.length > MAX_CSV_BYTES) throw problems.badRequest("Файл больше 2 МБ: разбейте его на части.");
      const result = await importCostPricesCsv(c.var.db, auth, csv);
      if (result.errors.length > 0) {
        throw problems.unprocessable(
          `В файле ${result.errors.length} ${result.errors.length === 1 ? "ошибка" : result.errors.length < 5 ? "ошибки" : "ошибок"} — ничего не сохранено. ${result.errors[0]?.message ?? ""}`,
          { errors: result.errors.slice(0, 100), warnings: result.warnings.slice(0, 100) },
        );
      }
      return c.json({ imported: result.imported, warnings: result.warnings }, 200);
    });
}
