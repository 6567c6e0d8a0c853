import { describe, expect, it } from "vitest";
import { createI18n } from "../../lib/i18n";
import type { MeetingView } from "./api";
import { describeSchedule } from "./describe";

type Schedule = MeetingView["schedule"];

const schedule = (repeats: Schedule["repeats"], end: string | null = "20:30"): Schedule => ({
  repeats,
  start: "19:00",
  end,
  timeZone: "America/New_York",
  startsOn: null,
  exceptions: [],
});

const inWords = (language: "en" | "es", value: Schedule) => {
  const i18n = createI18n(language);
  return describeSchedule(value, i18n.getFixedT(language, "meetings"), language);
};

describe("a meeting's schedule in plain words", () => {
  it.each([
    ["en", schedule({ every: "week", days: [2, 4] }), "Every Tuesday and Thursday, 7:00 PM to 8:30 PM (America/New York time)."],
    ["en", schedule({ every: "other_week", days: [1], anchor: "2025-03-03" }, null), "Every other Monday, at 7:00 PM (America/New York time)."],
    ["en", schedule({ every: "month", week: "last", day: 6 }), "The last Saturday of each month, 7:00 PM to 8:30 PM (America/New York time)."],
    ["es", schedule({ every: "week", days: [2, 4] }), "Cada martes y jueves, de 19:00 a 20:30 (hora de America/New York)."],
    ["es", schedule({ every: "month", week: "first", day: 0 }), "El primer domingo de cada mes, de 19:00 a 20:30 (hora de America/New York)."],
  ] as const)("%s: %j", (language, value, expected) => {
    expect(inWords(language, value)).toBe(expected);
  });
});
