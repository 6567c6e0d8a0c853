/**
 * Another language's words, fetched when a person switches to it. A file of its own, loaded on
 * that switch (app-state.tsx): the list of every language's files stays out of the entry.
 */
import type { i18n } from "i18next";
import type { UiLanguage } from "./state";

const files = import.meta.glob<Record<string, unknown>>("../locales/*/*.json", { import: "default" });

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
