import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const localesDir = fileURLToPath(new URL("../locales", import.meta.url));

function strings(value: unknown, path: string, into: [string, string][] = []): [string, string][] {
  if (typeof value === "string") into.push([path, value]);
  else if (value && typeof value === "object") for (const [key, inner] of Object.entries(value)) strings(inner, `${path}.${key}`, into);
  return into;
}

describe("translations", () => {
  // The browser bundle leaves out i18next's formatter (vite.config.ts), the server render keeps it:
  // a "{{value, format}}" would read differently on each side. Format in code instead.
  it("insert values as they are, with no i18next formats ({{name, format}})", () => {
    const formatted: string[] = [];
    for (const language of readdirSync(localesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)) {
      for (const file of readdirSync(join(localesDir, language)).filter((name) => name.endsWith(".json"))) {
        const messages: unknown = JSON.parse(readFileSync(join(localesDir, language, file), "utf8"));
        for (const [path, text] of strings(messages, `${language}/${file}`)) if (/\{\{[^}]*,[^}]*\}\}/.test(text)) formatted.push(`${path}: ${text}`);
      }
    }
    expect(formatted).toEqual([]);
  });

});
