/**
 * The browser's side of translations. The words of the page's language arrive with the page
 * (in the state script), so the bundle carries none; another language is fetched when a person
 * switches to it (load-language.ts, a file of its own, as is each language's every namespace).
 */
import i18next, { type i18n } from "i18next";
import { UI_LANGUAGES } from "../../core/vocabulary";
import type { UiLanguage } from "./state";

/** namespace -> nested messages, for one language. */
export type Translations = Record<string, Record<string, unknown>>;

export function createI18nWith(language: UiLanguage, translations: Partial<Record<UiLanguage, Translations>>): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: "en",
    supportedLngs: [...UI_LANGUAGES],
    resources: translations,
    ns: Object.keys(translations[language] ?? {}),
    defaultNS: "common",
    interpolation: { escapeValue: false },
    showSupportNotice: false,
    react: { useSuspense: false },
    // Resources are in memory: initialise synchronously so the first render is translated.
    initAsync: false,
  });
  return instance;
}
