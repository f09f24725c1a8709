// Cost-price CSV parsing (workers/domain/analytics/cost-price-csv.ts): what Excel and Google
// Sheets actually write, and a clear Russian message per bad line.

import { describe, expect, it } from "vitest";

import { parseCostPriceCsv, parseRubles, splitCsv } from "../../workers/domain/analytics/cost-price-csv";

describe("parseRubles", () => {
  it("reads the ways sellers type roubles", () => {
    expect(["450", "450,50", "450.5", "1 200,00", "1\u00a0200 ₽", "99 руб.", "0"].map(parseRubles)).toEqual([45_000, 45_050, 45_050, 120_000, 120_000, 9_900, 0]);
  });

  it("refuses what is not an amount", () => {
    expect(["", "abc", "-5", "1,234,5", "12.345", "1e3"].map(parseRubles)).toEqual([null, null, null, null, null, null]);
  });
});

describe("splitCsv", () => {
  it("handles quotes, doubled quotes, delimiters inside quotes and CRLF", () => {
    expect(splitCsv('a;"b;c";"say ""hi"""\r\n1;2;3\n', ";")).toEqual([
      ["a", "b;c", 'say "hi"'],
      ["1", "2", "3"],
    ]);
  });
});

describe("parseCostPriceCsv", () => {
  it("reads Russian Excel's semicolon CSV with a BOM", () => {
    const r = parseCostPriceCsv("\uFEFFАртикул WB;Артикул продавца;Себестоимость, руб.\r\n123456789;ПЛ-01;450,50\r\n987654321;;1 200\r\n");
    expect(r.errors).toEqual([]);
    expect(r.items).toEqual([
      { line: 2, nmId: 123456789, vendorCode: "ПЛ-01", costKopecks: 45_050 },
      { line: 3, nmId: 987654321, vendorCode: null, costKopecks: 120_000 },
    ]);
  });

  it("reads comma- and tab-separated files with English headers, and seller articles alone", () => {
    expect(parseCostPriceCsv('vendorCode,cost\n"DRESS-1","450.00"\n').items).toEqual([{ line: 2, nmId: null, vendorCode: "DRESS-1", costKopecks: 45_000 }]);
    expect(parseCostPriceCsv("nmId\tcostPrice\n5\t10\n").items).toEqual([{ line: 2, nmId: 5, vendorCode: null, costKopecks: 1_000 }]);
  });

  it("reports every bad line in Russian", () => {
    const r = parseCostPriceCsv(
      ["Артикул WB;Себестоимость", "12a;100", ";100", "5;", "6;дёшево", "7;2000000", "8;100", "8;200", "", "9;-1"].join("\n"),
    );
    expect(r.items.map((i) => i.nmId)).toEqual([8]);
    expect(r.errors.map((e) => e.message)).toEqual([
      "Строка 2: артикул WB «12a» — должен быть положительным целым числом.",
      "Строка 3: не указан артикул.",
      "Строка 4: не указана себестоимость.",
      "Строка 5: себестоимость «дёшево» — не сумма в рублях (пример: 450 или 450,50).",
      "Строка 6: себестоимость 2000000 ₽ больше 1 000 000 ₽ за штуку — проверьте, нет ли лишнего нуля.",
      "Строка 8: этот артикул уже был в строке 7.",
      "Строка 10: себестоимость «-1» — не сумма в рублях (пример: 450 или 450,50).",
    ]);
  });

  it("explains a missing header and an empty file", () => {
    expect(parseCostPriceCsv("123;450\n").errors[0]?.message).toContain("Не нашли нужные столбцы");
    expect(parseCostPriceCsv("").errors[0]?.message).toContain("Файл пустой");
    expect(parseCostPriceCsv("Артикул WB;Себестоимость\n").errors[0]?.message).toBe("В файле нет строк с себестоимостью.");
  });
});
