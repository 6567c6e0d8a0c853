import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isMeetingTypeCode, meetingTypeName } from "../../../core/meetings/type-codes";
import { COMMON_TYPES } from "./vocabulary";

const words = (language: string) =>
  (JSON.parse(readFileSync(new URL(`../../locales/${language}/directory.json`, import.meta.url), "utf8")) as { type: Record<string, string> }).type;

describe("the directory's meeting types", () => {
  it("offers official Meeting Guide codes only", () => {
    expect(COMMON_TYPES.filter((code) => !isMeetingTypeCode(code))).toEqual([]);
  });

  it.each(["en", "es"])("names each type as @code4recovery/spec does, in %s", (language) => {
    const names = words(language);
    expect(Object.keys(names).sort()).toEqual([...COMMON_TYPES].sort());
    for (const code of COMMON_TYPES) expect(names[code], code).toBe(meetingTypeName(code, language));
  });
});
