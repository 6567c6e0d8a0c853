import { describe, expect, it } from "vitest";
import * as core from "../../../core/board";
import { FLAG_REASONS, LIMITS, REACTIONS } from "./vocabulary";

describe("the board page's copies of core's lists", () => {
  it("match core/board.ts", () => {
    expect(REACTIONS).toEqual(core.REACTIONS);
    expect(FLAG_REASONS).toEqual(core.FLAG_REASONS);
    expect(LIMITS).toMatchObject({ ...core.POST_LIMITS, muteMaxMinutes: core.MUTE_MAX_MINUTES });
  });
});
