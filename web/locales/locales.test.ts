import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const LOCALES_DIR = new URL(".", import.meta.url).pathname;
const LANGUAGES = ["en", "es"];

function load(language: string, file: string): unknown {
  return JSON.parse(readFileSync(join(LOCALES_DIR, language, file), "utf8"));
}

/** "a.b.c" for every leaf; the value beside it. */
function leaves(value: unknown, prefix = ""): [string, unknown][] {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key));
  }
  return [[prefix, value]];
}

/** Plural forms differ by language (Spanish also has "_many"); compare the base key. */
const basePluralKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

const namespaces = [...new Set(LANGUAGES.flatMap((language) => readdirSync(join(LOCALES_DIR, language)).filter((f) => f.endsWith(".json"))))];

describe("translations", () => {
  it("has the same namespaces in every language", () => {
    for (const language of LANGUAGES) {
      expect(readdirSync(join(LOCALES_DIR, language)).filter((f) => f.endsWith(".json")).sort(), language).toEqual([...namespaces].sort());
    }
  });

  describe.each(namespaces)("%s", (file) => {
    it("has the same keys in English and Spanish", () => {
      const [en, es] = LANGUAGES.map((language) => new Set(leaves(load(language, file)).map(([key]) => basePluralKey(key))));
      expect([...es!].sort()).toEqual([...en!].sort());
    });

    it("has no empty or non-text strings", () => {
      for (const language of LANGUAGES) {
        const bad = leaves(load(language, file)).filter(([, value]) => typeof value !== "string" || value.trim() === "");
        expect(bad, `${language}/${file}`).toEqual([]);
      }
    });
  });
});
