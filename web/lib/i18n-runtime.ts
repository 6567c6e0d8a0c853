/**
 * The browser's side of translations. The words of the page's language arrive with the page
 * (in the state script), so the bundle carries none; another language is fetched when a person
 * switches to it.
 */
import i18next, { type i18n } from "i18next";
import { UI_LANGUAGES } from "../../core/vocabulary";
import type { UiLanguage } from "./state";

/** namespace -> nested messages, for one language. */
export type Translations = Record<string, Record<string, unknown>>;

const files = import.meta.glob<Record<string, unknown>>("../locales/*/*.json", { import: "default" });

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

/** Fetches a language's words if this page does not have them yet. */
export async function loadLanguage(instance: i18n, language: UiLanguage): Promise<void> {
  if (instance.hasResourceBundle(language, "common")) return;
  const prefix = `../locales/${language}/`;
  await Promise.all(
    Object.entries(files)
      .filter(([path]) => path.startsWith(prefix))
      .map(async ([path, load]) => {
        const namespace = path.slice(prefix.length, -".json".length);
        instance.addResourceBundle(language, namespace, await load(), true, true);
      }),
  );
}
