/**
 * Translations: one JSON file per namespace and language (web/locales/<lang>/<ns>.json). This
 * module holds them all, for the server render and tests; browser code uses i18n-runtime.ts and
 * gets its words with the page (importing this module there would bundle every language).
 * A new namespace file is picked up by the glob; use it with useTranslation("<ns>").
 */
import type { i18n } from "i18next";
import { createI18nWith, type Translations } from "./i18n-runtime";
import type { UiLanguage } from "./state";

const files = import.meta.glob<Record<string, unknown>>("../locales/*/*.json", { eager: true, import: "default" });

const translations: Partial<Record<UiLanguage, Translations>> = {};
for (const [path, messages] of Object.entries(files)) {
  const match = /locales\/(en|es)\/([\w-]+)\.json$/.exec(path);
  if (!match) continue;
  const [, language, namespace] = match as unknown as [string, UiLanguage, string];
  (translations[language] ??= {})[namespace] = messages;
}

/** Every word of one language: what the server sends along with a page. */
export function translationsFor(language: UiLanguage): Translations {
  return translations[language] ?? {};
}

/** An i18next instance that speaks every language (server render, tests). */
export function createI18n(language: UiLanguage): i18n {
  return createI18nWith(language, translations);
}
