/**
 * The interface's own words, read from web/locales, so page objects find controls by what a
 * person sees, in either language, and a renamed label cannot silently pass.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export type Language = "en" | "es";

const LOCALES = resolve(import.meta.dirname, "..", "..", "web", "locales");
const cache = new Map<string, Record<string, unknown>>();

function namespace(language: Language, ns: string): Record<string, unknown> {
  const key = `${language}/${ns}`;
  let messages = cache.get(key);
  if (!messages) {
    messages = JSON.parse(readFileSync(resolve(LOCALES, language, `${ns}.json`), "utf8")) as Record<string, unknown>;
    cache.set(key, messages);
  }
  return messages;
}

/** words("es")("account:settings.export") -> "Descargar mis datos"; "{{name}}" is filled from values. */
export function words(language: Language) {
  return (key: string, values: Record<string, string | number> = {}): string => {
    const [ns, path] = key.includes(":") ? (key.split(":") as [string, string]) : ["common", key];
    const found = path.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], namespace(language, ns));
    if (typeof found !== "string") throw new Error(`No ${language} text for ${key}`);
    return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
  };
}

export type Words = ReturnType<typeof words>;

/** A pattern matching the whole text exactly, for role names. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
}
