import { z } from "@hono/zod-openapi";

import { type Kopecks, formatRub } from "../../domain/money";

export const MoneySchema = z
  .object({
    kopecks: z.number().int().openapi({ description: "Сумма в копейках (целое число)", example: 153628900 }),
    formatted: z.string().openapi({ description: "Сумма в рублях для показа", example: "1 536 289 ₽" }),
  })
  .openapi("Money", { description: "Деньги: точное значение в копейках и строка для показа продавцу" });

/** Kopecks plus the ru-RU rouble string; kopecks are shown only when there are any. */
export function moneyView(kopecks: Kopecks): z.infer<typeof MoneySchema> {
  return { kopecks, formatted: formatRub(kopecks, { withKopecks: kopecks % 100 !== 0 }) };
}
