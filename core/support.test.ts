import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mentionedHandles } from "./board";
import { addDays, addMonths, markOn, marksReached, memberToday, NewMilestoneRequest, nextMark, UpdateMilestoneRequest } from "./support";

const dates = (since: string, today: string) => marksReached(since, today).map((m) => `${m.count} ${m.unit}: ${m.date}`);

describe("milestone marks", () => {
  it("marks 24 hours, 30, 60 and 90 days, 6 and 9 months, then every year", () => {
    expect(dates("2024-03-10", "2027-03-10")).toEqual([
      "24 hours: 2024-03-11",
      "30 days: 2024-04-09",
      "60 days: 2024-05-09",
      "90 days: 2024-06-08",
      "6 months: 2024-09-10",
      "9 months: 2024-12-10",
      "1 years: 2025-03-10",
      "2 years: 2026-03-10",
      "3 years: 2027-03-10",
    ]);
  });

  it("counts days across month ends and a leap day", () => {
    // 2024 is a leap year: January 31 + 30 days is March 1, + 60 days is March 31.
    expect(dates("2024-01-31", "2024-05-01").slice(0, 4)).toEqual([
      "24 hours: 2024-02-01",
      "30 days: 2024-03-01",
      "60 days: 2024-03-31",
      "90 days: 2024-04-30",
    ]);
    expect(marksReached("2023-01-31", "2023-03-02")[1]).toEqual({ unit: "days", count: 30, date: "2023-03-02" });
    expect(marksReached("2023-12-31", "2024-01-01")).toEqual([{ unit: "hours", count: 24, date: "2024-01-01" }]);
  });

  it("keeps months to the same day, or the month's last day when it has none", () => {
    expect(markOn("2024-08-31", "2025-02-28")).toEqual({ unit: "months", count: 6, date: "2025-02-28" });
    expect(markOn("2023-08-31", "2024-02-29")).toEqual({ unit: "months", count: 6, date: "2024-02-29" });
    expect(markOn("2024-05-31", "2025-02-28")).toEqual({ unit: "months", count: 9, date: "2025-02-28" });
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2024-11-30", 3)).toBe("2025-02-28");
  });

  it("celebrates a leap-day date on February 28 in other years, and on February 29 in leap years", () => {
    expect(markOn("2024-02-29", "2025-02-28")).toEqual({ unit: "years", count: 1, date: "2025-02-28" });
    expect(markOn("2024-02-29", "2025-03-01")).toBeNull();
    expect(markOn("2024-02-29", "2028-02-29")).toEqual({ unit: "years", count: 4, date: "2028-02-29" });
    expect(markOn("2024-02-29", "2028-02-28")).toBeNull();
  });

  it("finds no mark on an ordinary day, and nothing reached before the first day is over", () => {
    expect(markOn("2024-03-10", "2024-03-12")).toBeNull();
    expect(marksReached("2024-03-10", "2024-03-10")).toEqual([]);
    expect(nextMark("2024-03-10", "2024-03-10")).toEqual({ unit: "hours", count: 24, date: "2024-03-11" });
  });

  it("names the next mark, years ahead too", () => {
    expect(nextMark("2024-03-10", "2024-06-08")).toEqual({ unit: "months", count: 6, date: "2024-09-10" });
    expect(nextMark("2000-01-01", "2024-06-08")).toEqual({ unit: "years", count: 25, date: "2025-01-01" });
  });

  it("reaches marks in order, each on the date markOn finds it", () => {
    const day = fc.integer({ min: 0, max: 20_000 }).map((n) => addDays("1990-01-01", n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 4_000 }), (since, span) => {
        const today = addDays(since, span);
        const reached = marksReached(since, today);
        for (let i = 1; i < reached.length; i++) expect(reached[i]!.date > reached[i - 1]!.date).toBe(true);
        for (const mark of reached) expect(markOn(since, mark.date)).toEqual(mark);
        expect(nextMark(since, today).date > today).toBe(true);
      }),
    );
  });
});

describe("the member's today", () => {
  const now = new Date("2025-06-15T23:30:00Z");
  it("takes the member's date when it can be today somewhere, else none", () => {
    expect(memberToday(undefined, now)).toBe("2025-06-15");
    expect(memberToday("2025-06-16", now)).toBe("2025-06-16");
    expect(memberToday("2025-06-14", now)).toBe("2025-06-14");
    expect(memberToday("2025-06-18", now)).toBeNull();
  });
});

describe("milestone requests", () => {
  it("asks for words with a milestone in the member's own words", () => {
    const result = NewMilestoneRequest.safeParse({ label: "own_words", since: "2024-01-01" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["words"]);
    expect(NewMilestoneRequest.parse({ label: "own_words", words: "smoke-free", since: "2024-01-01" }).celebrateIn).toEqual([]);
    expect(UpdateMilestoneRequest.safeParse({}).success).toBe(false);
  });
});

describe("mentions", () => {
  it("finds each handle once, without the end of a sentence", () => {
    expect(mentionedHandles("Thank you @nia. And @Oli_2, and @nia again; email@example.org is not one")).toEqual(["nia.", "nia", "Oli_2"]);
  });
});
