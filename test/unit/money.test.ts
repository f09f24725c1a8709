import { describe, expect, it } from "vitest";

import { decimalRublesToKopecks, formatRub, rublesToKopecks } from "../../workers/domain/money";

describe("rublesToKopecks", () => {
  it("converts floats without drift", () => {
    expect(rublesToKopecks(1145)).toBe(114500);
    expect(rublesToKopecks(1284.01)).toBe(128401);
    expect(rublesToKopecks(0.1 + 0.2)).toBe(30);
    expect(rublesToKopecks(-93.5)).toBe(-9350);
  });
  it("refuses non-numbers", () => {
    expect(() => rublesToKopecks(Number.NaN)).toThrow(RangeError);
  });
});

describe("decimalRublesToKopecks", () => {
  it("parses finance decimal strings exactly", () => {
    expect(decimalRublesToKopecks("376.99")).toBe(37699);
    expect(decimalRublesToKopecks("-12.5")).toBe(-1250);
    expect(decimalRublesToKopecks("0")).toBe(0);
    expect(decimalRublesToKopecks("10")).toBe(1000);
    expect(decimalRublesToKopecks("1.005")).toBe(101);
    expect(decimalRublesToKopecks(null)).toBe(0);
  });
  it("refuses garbage", () => {
    expect(() => decimalRublesToKopecks("12 руб")).toThrow(RangeError);
  });
});

describe("formatRub", () => {
  it("formats the ru-RU way", () => {
    expect(formatRub(153628900).replace(/\s/g, " ")).toBe("1 536 289 ₽");
    expect(formatRub(12345, { withKopecks: true }).replace(/\s/g, " ")).toBe("123,45 ₽");
  });
});
