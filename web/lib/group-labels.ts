import { useTranslation } from "react-i18next";
import type { FocusArea, MembershipPolicy, ServicePosition } from "../../core/groups";

const displayNames = new Map<string, Intl.DisplayNames>();

/** A language's name in the reader's language ("Spanish", "español"), from its code ("es"). */
function languageName(code: string, uiLanguage: string): string {
  let names = displayNames.get(uiLanguage);
  if (!names) {
    names = new Intl.DisplayNames([uiLanguage], { type: "language", fallback: "code" });
    displayNames.set(uiLanguage, names);
  }
  return names.of(code) ?? code;
}

/** Spanish writes language names in lower case; a label or a list still starts with a capital. */
const capitalized = (text: string, uiLanguage: string) => text.charAt(0).toLocaleUpperCase(uiLanguage) + text.slice(1);

/** Readable labels for the group vocabulary (words in locales/<lang>/groups.json), in the reader's language. */
export function useGroupLabels() {
  const { t, i18n } = useTranslation("groups");
  const uiLanguage = i18n.resolvedLanguage ?? i18n.language;
  const list = (items: string[]) => new Intl.ListFormat(uiLanguage, { style: "long", type: "conjunction" }).format(items);
  return {
    list,
    focusArea: (area: FocusArea, otherFocus?: string | null) => (area === "other" && otherFocus ? otherFocus : t(`focusArea.${area}`)),
    position: (position: ServicePosition) => t(`position.${position}`),
    policy: (policy: MembershipPolicy) => t(`policy.${policy}.short`),
    language: (code: string) => capitalized(languageName(code, uiLanguage), uiLanguage),
    languages: (codes: string[]) => capitalized(list(codes.map((code) => languageName(code, uiLanguage))), uiLanguage),
  };
}
