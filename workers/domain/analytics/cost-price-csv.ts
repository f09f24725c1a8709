// Cost prices from a CSV a seller exports from Excel or Google Sheets: the delimiter is guessed
// (";" as Russian Excel writes, ",", or tab), a UTF-8 BOM and quoted fields are handled, and
// headers may be Russian or English. Every problem is reported by line in plain Russian; the
// caller stores nothing unless the whole file is clean, so a typo never half-applies a file.

import type { Kopecks } from "../money";

export interface CostPriceLine {
  /** The line number in the file (1 = header). */
  line: number;
  nmId: number | null;
  vendorCode: string | null;
  costKopecks: Kopecks;
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface ParsedCostPrices {
  items: CostPriceLine[];
  errors: CsvProblem[];
}

export const MAX_CSV_ROWS = 20_000;
/** 1 000 000 ₽ per unit: anything above is a typo (an extra zero or a total instead of a unit price). */
export const MAX_COST_KOPECKS = 100_000_000;

const NM_HEADERS = ["nmid", "nm_id", "nm", "артикулwb", "артикул_wb", "артикулвб", "кодноменклатуры", "номенклатура"];
const VENDOR_HEADERS = ["vendorcode", "vendor_code", "supplierarticle", "артикулпродавца", "артикул_продавца", "артикул", "sa"];
const COST_HEADERS = ["cost", "costprice", "cost_price", "себестоимость", "себестоимостьруб", "себестоимость₽", "закупочнаяцена", "закупка", "ценазакупки"];

function normalizeHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s,.()«»"'-]/g, "")
    .replace(/ё/g, "е");
}

/** Splits CSV text into rows of fields (RFC 4180 quoting, any line ending). */
export function splitCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function guessDelimiter(headerLine: string): string {
  const counts = [";", "\t", ","].map((d) => ({ d, n: headerLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ";";
}

/**
 * A rouble amount as sellers type it: "450", "450,50", "1 200.00", "1 200 ₽", "450 руб." → kopecks;
 * null when it is not a non-negative amount with at most two decimals.
 */
export function parseRubles(value: string): Kopecks | null {
  const cleaned = value
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/(₽|руб\.?|р\.?|rub)$/i, "")
    .replace(",", ".");
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  const kopecks = Number(m[1]) * 100 + Number(((m[2] ?? "") + "00").slice(0, 2));
  return Number.isSafeInteger(kopecks) ? kopecks : null;
}

export function parseCostPriceCsv(input: string): ParsedCostPrices {
  const text = input.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  // Blank lines are skipped but still counted, so "line N" is the line the seller sees in the file.
  const rows = splitCsv(text, guessDelimiter(firstLine))
    .map((fields, index) => ({ fields, line: index + 1 }))
    .filter((r) => r.fields.some((f) => f.trim() !== ""));
  const errors: CsvProblem[] = [];
  const items: CostPriceLine[] = [];
  const header = rows[0]?.fields;
  if (!header) return { items, errors: [{ line: 1, message: "Файл пустой: нужна строка заголовков и хотя бы одна строка с себестоимостью." }] };

  const names = header.map(normalizeHeader);
  const find = (candidates: readonly string[]) => names.findIndex((n) => candidates.includes(n));
  const nmCol = find(NM_HEADERS);
  const vendorCol = find(VENDOR_HEADERS);
  const costCol = find(COST_HEADERS);
  if (costCol === -1 || (nmCol === -1 && vendorCol === -1)) {
    return {
      items,
      errors: [
        {
          line: 1,
          message:
            "Не нашли нужные столбцы. Первая строка должна быть заголовком: «Артикул WB» (или «Артикул продавца») и «Себестоимость», например: Артикул WB;Себестоимость",
        },
      ],
    };
  }
  if (rows.length - 1 > MAX_CSV_ROWS) {
    return { items, errors: [{ line: 1, message: `Слишком много строк: ${rows.length - 1}. Загрузите не больше ${MAX_CSV_ROWS} за раз.` }] };
  }

  const seen = new Map<string, number>();
  rows.slice(1).forEach(({ fields, line }) => {
    const nmText = nmCol >= 0 ? (fields[nmCol] ?? "").trim() : "";
    const vendorText = vendorCol >= 0 ? (fields[vendorCol] ?? "").trim() : "";
    const costText = (fields[costCol] ?? "").trim();
    let nmId: number | null = null;
    if (nmText !== "") {
      if (!/^\d{1,12}$/.test(nmText) || Number(nmText) <= 0) {
        errors.push({ line, message: `Строка ${line}: артикул WB «${nmText}» — должен быть положительным целым числом.` });
        return;
      }
      nmId = Number(nmText);
    }
    if (nmId === null && vendorText === "") {
      errors.push({ line, message: `Строка ${line}: не указан артикул.` });
      return;
    }
    if (costText === "") {
      errors.push({ line, message: `Строка ${line}: не указана себестоимость.` });
      return;
    }
    const cost = parseRubles(costText);
    if (cost === null) {
      errors.push({ line, message: `Строка ${line}: себестоимость «${costText}» — не сумма в рублях (пример: 450 или 450,50).` });
      return;
    }
    if (cost > MAX_COST_KOPECKS) {
      errors.push({ line, message: `Строка ${line}: себестоимость ${costText} ₽ больше 1 000 000 ₽ за штуку — проверьте, нет ли лишнего нуля.` });
      return;
    }
    const key = nmId !== null ? `nm:${nmId}` : `sa:${vendorText.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push({ line, message: `Строка ${line}: этот артикул уже был в строке ${earlier}.` });
      return;
    }
    seen.set(key, line);
    items.push({ line, nmId, vendorCode: nmId === null ? vendorText : vendorText || null, costKopecks: cost });
  });
  if (items.length === 0 && errors.length === 0) errors.push({ line: 2, message: "В файле нет строк с себестоимостью." });
  return { items, errors };
}
