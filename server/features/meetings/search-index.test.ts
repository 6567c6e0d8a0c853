import { describe, expect, it } from "vitest";
import { offsetMinutes } from "../../../core/meetings/time-zones";
import { baseOffset, slotRanges, utcMinute } from "./search-index";
import { MINUTES_PER_WEEK, rangesFromNow } from "./week";

describe("utc_minute", () => {
  it("is the local minute of the week less the base offset, within the week", () => {
    // Monday 19:00 in New York (base -300) is Tuesday 00:00 on the UTC week.
    expect(utcMinute(1 * 1440 + 19 * 60, -300)).toBe(2 * 1440);
    // Sunday 01:00 in Tokyo (base +540) is Saturday 16:00 of the week before.
    expect(utcMinute(60, 540)).toBe(6 * 1440 + 16 * 60);
    expect(utcMinute(MINUTES_PER_WEEK - 1, 0)).toBe(MINUTES_PER_WEEK - 1);
  });

  it("takes each zone's standard offset as its base, in either hemisphere", () => {
    const at = Date.UTC(2026, 10, 26);
    expect(baseOffset("America/New_York", at)).toBe(-300);
    expect(baseOffset("Europe/London", at)).toBe(0);
    expect(baseOffset("Australia/Sydney", at)).toBe(600);
    expect(baseOffset("Asia/Kolkata", at)).toBe(330);
    expect(baseOffset("America/Phoenix", at)).toBe(-420);
  });
});

describe("slotRanges", () => {
  /** The same span from now in each zone, as week.ts makes it, with the zone's base. */
  function fromNow(zones: string[], at: number, from: number, to: number) {
    return zones.map((zone) => {
      const offset = offsetMinutes(zone, at);
      const local = new Date(at + offset * 60_000);
      const nowMinute = local.getUTCDay() * 1440 + local.getUTCHours() * 60 + local.getUTCMinutes();
      return { zone, base: baseOffset(zone, at), ranges: rangesFromNow(from, to, nowMinute) };
    });
  }

  it("reads the next hours of every zone on standard time as one range of the UTC week", () => {
    // Wednesday 23:30 UTC in November: the northern zones on standard time.
    const at = Date.UTC(2026, 10, 25, 23, 30);
    const slots = slotRanges(fromNow(["America/New_York", "America/Chicago", "Europe/London", "Asia/Kolkata"], at, -10, 120));
    expect(slots).toEqual([{ zones: null, widened: false, ranges: [{ from: 3 * 1440 + 23 * 60 + 20, to: 4 * 1440 + 90, now: 3 * 1440 + 23 * 60 + 30 }] }]);
  });

  it("puts zones on summer time in a class of their own, an hour earlier on the UTC week", () => {
    const at = Date.UTC(2026, 10, 25, 23, 30);
    const slots = slotRanges(fromNow(["America/New_York", "Australia/Sydney", "Europe/London"], at, 0, 60));
    expect(slots).toHaveLength(2);
    const standard = slots.find((slot) => slot.zones?.includes("America/New_York"))!;
    const summer = slots.find((slot) => slot.zones?.includes("Australia/Sydney"))!;
    expect(standard.zones).toEqual(["America/New_York", "Europe/London"]);
    expect(summer.zones).toEqual(["Australia/Sydney"]);
    // Sydney's clock runs an hour ahead of its base: the same hour from now is an hour further on.
    expect(summer.ranges[0]!.from - standard.ranges[0]!.from).toBe(60);
    expect(summer.ranges[0]!.now! - summer.ranges[0]!.from).toBe(0);
  });

  it("splits a range that crosses the end of the UTC week, keeping minutes from now right in both parts", () => {
    // Saturday 23:00 UTC: the next two hours run into Sunday.
    const at = Date.UTC(2026, 10, 28, 23, 0);
    const [slot] = slotRanges(fromNow(["Europe/London"], at, 0, 120));
    expect(slot!.ranges).toEqual([
      { from: 0, to: 60, now: -60 },
      { from: 6 * 1440 + 23 * 60, to: MINUTES_PER_WEEK, now: 6 * 1440 + 23 * 60 },
    ]);
  });

  it("leaves out zones with nothing to read, and names the others", () => {
    const slots = slotRanges([
      { zone: "Europe/London", base: 0, ranges: [{ from: 10, to: 20 }] },
      { zone: "Asia/Tokyo", base: 540, ranges: [] },
    ]);
    expect(slots).toEqual([{ zones: ["Europe/London"], widened: false, ranges: [{ from: 10, to: 20 }] }]);
  });

  it("keeps a zone widened for a clock change apart from the others", () => {
    const slots = slotRanges([
      { zone: "Europe/London", base: 0, ranges: [{ from: 10, to: 20 }] },
      { zone: "Europe/Dublin", base: 0, ranges: [{ from: 10, to: 20 }], widened: true },
    ]);
    expect(slots.map((slot) => [slot.zones, slot.widened])).toEqual([
      [["Europe/London"], false],
      [["Europe/Dublin"], true],
    ]);
  });
});
