import { describe, expect, it } from "vitest";
import { boundingBox, distanceKm } from "./distance";
import { dayAndTimeRanges, intersect, MINUTES_PER_WEEK, rangesFromNow, shifted } from "./week";

describe("ranges of the week", () => {
  it("turn minutes from now into ranges, wrapping past the week's end, with now in each range's week", () => {
    // Saturday 23:00 is minute 9960 of the week.
    expect(rangesFromNow(-10, 130, 9960)).toEqual([
      { from: 9950, to: 10080, now: 9960 },
      { from: 0, to: 10, now: 9960 - MINUTES_PER_WEEK },
    ]);
    expect(rangesFromNow(-1440, -10, 60)).toEqual([
      { from: 8700, to: 10080, now: 60 + MINUTES_PER_WEEK },
      { from: 0, to: 50, now: 60 },
    ]);
  });

  it("read a viewer's days and times of day on another clock", () => {
    // Sunday evening (16:00-21:00) in New York (UTC-5) is Sunday 21:00 to Monday 02:00 in London.
    const evening = dayAndTimeRanges([0], ["evening"]);
    expect(evening).toEqual([{ from: 960, to: 1260 }]);
    expect(shifted(evening, 300)).toEqual([{ from: 1260, to: 1560 }]);
    // Sunday night is 00:00-05:00 and 20:00-24:00; on a clock 9 hours behind, the first part falls in the week before.
    expect(shifted(dayAndTimeRanges([0], ["night"]), -540)).toEqual([
      { from: 9540, to: 9840 },
      { from: 660, to: 900 },
    ]);
  });

  it("intersect, keeping the first's now", () => {
    expect(intersect([{ from: 0, to: 100, now: 50 }], [{ from: 90, to: 200 }, { from: 10, to: 20 }])).toEqual([
      { from: 90, to: 100, now: 50 },
      { from: 10, to: 20, now: 50 },
    ]);
  });
});

describe("distances", () => {
  it("measures great circles", () => {
    expect(distanceKm({ latitude: 40.7128, longitude: -74.006 }, { latitude: 34.0522, longitude: -118.2437 })).toBeCloseTo(3936, -1);
  });

  it("boxes a circle, in two parts across the antimeridian", () => {
    const box = boundingBox({ latitude: 0, longitude: 179.9 }, 50);
    expect(box.latitude[0]).toBeCloseTo(-0.45, 2);
    expect(box.longitude).toHaveLength(2);
    expect(box.longitude[1]![0]).toBe(-180);
    expect(boundingBox({ latitude: 89.9, longitude: 0 }, 50).longitude).toEqual([[-180, 180]]);
  });
});
