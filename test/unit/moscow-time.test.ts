import { describe, expect, it } from "vitest";

import { parseMoscowDateTime, toMoscowDate, toMoscowIso } from "../../workers/domain/moscow-time";

describe("toMoscowIso", () => {
  it("formats an instant as Moscow wall-clock time without offset", () => {
    expect(toMoscowIso(new Date("2026-11-24T09:00:00Z"))).toBe("2026-11-24T12:00:00");
  });

  it("crosses the date line at 21:00 UTC", () => {
    expect(toMoscowIso(new Date("2026-12-31T21:30:15.999Z"))).toBe("2027-01-01T00:30:15");
    expect(toMoscowDate(new Date("2026-12-31T21:30:15Z"))).toBe("2027-01-01");
  });

  it("has no DST: summer and winter are both UTC+3", () => {
    expect(toMoscowIso(new Date("2026-07-01T00:00:00Z"))).toBe("2026-07-01T03:00:00");
    expect(toMoscowIso(new Date("2026-01-01T00:00:00Z"))).toBe("2026-01-01T03:00:00");
  });

  it("rejects an invalid Date", () => {
    expect(() => toMoscowIso(new Date("nope"))).toThrow(RangeError);
  });
});

describe("parseMoscowDateTime", () => {
  it("reads WB statistics times as Moscow time", () => {
    expect(parseMoscowDateTime("2022-03-04T18:08:31").toISOString()).toBe("2022-03-04T15:08:31.000Z");
  });

  it("reads fractional seconds, truncating beyond milliseconds", () => {
    expect(parseMoscowDateTime("2019-06-20T00:00:00.12345").toISOString()).toBe("2019-06-19T21:00:00.123Z");
    expect(parseMoscowDateTime("2019-06-20T00:00:00.5").toISOString()).toBe("2019-06-19T21:00:00.500Z");
  });

  it("reads a bare date as Moscow midnight", () => {
    expect(parseMoscowDateTime("2026-11-24").toISOString()).toBe("2026-11-23T21:00:00.000Z");
  });

  it("honours an explicit offset or Z", () => {
    expect(parseMoscowDateTime("2024-09-26T10:20:48+03:00").toISOString()).toBe("2024-09-26T07:20:48.000Z");
    expect(parseMoscowDateTime("2024-08-20T16:39:49Z").toISOString()).toBe("2024-08-20T16:39:49.000Z");
    expect(parseMoscowDateTime("2024-08-20T16:39:49-0130").toISOString()).toBe("2024-08-20T18:09:49.000Z");
  });

  it("keeps WB's year-1 'no date' value in year 1 (not 1901)", () => {
    const d = parseMoscowDateTime("0001-01-01T00:00:00");
    expect(d.getUTCFullYear()).toBe(0); // 00:00 Moscow on 1 Jan of year 1 is 21:00 UTC on 31 Dec of year 0
    expect(d.getTime()).toBeLessThan(Date.UTC(1000, 0, 1));
  });

  it("round-trips with toMoscowIso", () => {
    const s = "2026-03-29T02:30:00";
    expect(toMoscowIso(parseMoscowDateTime(s))).toBe(s);
  });

  it.each(["", "2026-13-01", "2026-02-30T00:00:00", "2026-01-01T24:00:00", "24.11.2026", "2026-01-01T10"])(
    "rejects %j",
    (s) => {
      expect(() => parseMoscowDateTime(s)).toThrow(RangeError);
    },
  );
});
