// Request parameters shared by the cabinet data routes, with the Russian messages a seller sees
// in a 400 problem (zod's defaults are English).

import { z } from "@hono/zod-openapi";

import { moscowDayStart } from "../../domain/calendar-day";
import { isMoscowDay, moscowDayEnd } from "../../domain/moscow-periods";
import { problems } from "../problem";

export const CabinetPathParam = z.object({
  cabinetId: z
    .uuid({ error: "идентификатор кабинета должен быть UUID" })
    .openapi({ param: { name: "cabinetId", in: "path" }, description: "Идентификатор кабинета", example: "0b6f1f8e-1a52-4c38-9d43-3f1f0f2b1f11" }),
});

export const MAX_PAGE = 200;

export const limitParam = (fallback = 50) =>
  z.coerce
    .number({ error: "limit должен быть числом" })
    .int({ error: "limit должен быть целым числом" })
    .min(1, { error: "limit должен быть от 1 до 200" })
    .max(MAX_PAGE, { error: "limit должен быть от 1 до 200" })
    .default(fallback)
    .openapi({ description: `Сколько записей вернуть (1–${MAX_PAGE})`, example: fallback });

export const cursorParam = z
  .string()
  .min(1, { error: "cursor не может быть пустым" })
  .max(1000, { error: "cursor слишком длинный" })
  .optional()
  .openapi({ description: "Курсор следующей страницы из поля nextCursor предыдущего ответа" });

const dayParam = (what: string) =>
  z
    .string()
    .refine(isMoscowDay, { error: `${what}: нужна дата в формате ГГГГ-ММ-ДД, например 2026-11-24` })
    .optional()
    .openapi({ description: `${what} (день по Москве, включительно), ГГГГ-ММ-ДД`, example: "2026-11-24" });

export const fromParam = dayParam("Начало периода");
export const toParam = dayParam("Конец периода");

export const nmIdParam = z.coerce
  .number({ error: "nmId должен быть числом — артикулом WB" })
  .int({ error: "nmId должен быть целым числом — артикулом WB" })
  .positive({ error: "nmId должен быть положительным числом — артикулом WB" })
  .optional()
  .openapi({ description: "Артикул WB (nmID)", example: 123456789 });

export const criticalDaysParam = z.coerce
  .number({ error: "criticalDays должен быть числом дней" })
  .int({ error: "criticalDays должен быть целым числом дней" })
  .min(1, { error: "criticalDays должен быть от 1 до 90" })
  .max(90, { error: "criticalDays должен быть от 1 до 90" })
  .optional()
  .openapi({
    description: "Порог критичного запаса, дней. По умолчанию — из настроек уведомлений пользователя, иначе 7",
    example: 7,
  });

export const textParam = (description: string) =>
  z
    .string()
    .trim()
    .min(1, { error: "значение не может быть пустым" })
    .max(200, { error: "значение длиннее 200 символов" })
    .optional()
    .openapi({ description });

export const booleanParam = (description: string) =>
  z
    .enum(["true", "false"], { error: "ожидается true или false" })
    .transform((v) => v === "true")
    .optional()
    .openapi({ description });

/** [from 00:00, to+1 00:00) in Moscow time, as unix ms; 400 when the range is reversed. */
export function dayRangeMs(from: string | undefined, to: string | undefined): { fromMs?: number; toMs?: number } {
  if (from && to && from > to) throw problems.badRequest("Начало периода (from) позже конца (to).");
  return {
    fromMs: from ? moscowDayStart(from).getTime() : undefined,
    toMs: to ? moscowDayEnd(to).getTime() : undefined,
  };
}
