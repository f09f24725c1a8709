import { describe, expect, it } from "vitest";

import { NOTIFICATION_KINDS, effectiveSettings, isQuietAt, parseQuietHours, quietHoursEnd } from "../../workers/bot/notification-prefs";

describe("notification preferences", () => {
  it("applies defaults: every kind on, 7 days, no quiet hours, Moscow", () => {
    const s = effectiveSettings(null, null);
    expect(NOTIFICATION_KINDS.every((k) => s.enabled[k])).toBe(true);
    expect(s.stockThresholdDays).toBe(7);
    expect(s.quietHours).toBeNull();
    expect(s.timeZone).toBe("Europe/Moscow");
    expect(effectiveSettings(null, "Not/AZone").timeZone).toBe("Europe/Moscow");
  });

  it("parses typed quiet hours", () => {
    expect(parseQuietHours("23:00-08:00")).toEqual({ startMin: 1380, endMin: 480 });
    expect(parseQuietHours(" 22.30 – 7:15 ")).toEqual({ startMin: 1350, endMin: 435 });
    expect(parseQuietHours("23-8")).toEqual({ startMin: 1380, endMin: 480 });
    expect(parseQuietHours("24:00-09:00")).toEqual({ startMin: 0, endMin: 540 });
    for (const bad of ["", "ночью", "25:00-08:00", "23:60-08:00", "08:00-08:00", "23:00"]) expect(parseQuietHours(bad), bad).toBeNull();
  });

  it("holds notifications in the user's local quiet window, across midnight", () => {
    const s = { quietHours: { startMin: 23 * 60, endMin: 8 * 60 }, timeZone: "Asia/Novosibirsk" }; // UTC+7
    const at = (iso: string) => new Date(iso);
    expect(isQuietAt(s, at("2026-11-24T15:59:00Z"))).toBe(false); // 22:59 local
    expect(isQuietAt(s, at("2026-11-24T16:00:00Z"))).toBe(true); // 23:00
    expect(isQuietAt(s, at("2026-11-24T20:30:00Z"))).toBe(true); // 03:30
    expect(isQuietAt(s, at("2026-11-25T01:00:00Z"))).toBe(false); // 08:00
    expect(quietHoursEnd(s, at("2026-11-24T20:30:20Z")).toISOString()).toBe("2026-11-25T01:00:00.000Z");
    const noon = at("2026-11-24T05:00:00Z");
    expect(quietHoursEnd(s, noon)).toBe(noon);
    expect(isQuietAt({ quietHours: null, timeZone: "Europe/Moscow" }, noon)).toBe(false);
  });
});
