/**
 * The official Meeting Guide type codes and their names, read from `@code4recovery/spec` (the
 * only place in core that touches the package, so the rest of core sees plain functions).
 *
 * The spec mixes languages into its types (S = Spanish, POR = Portuguese, ...). Kindred keeps a
 * meeting's languages apart, as ISO 639-1 codes, and maps them back here.
 */
import { getTypesForLanguage, isSupportedLanguage } from "@code4recovery/spec";

const ENGLISH_NAMES: Readonly<Record<string, string>> = getTypesForLanguage("en");

/** Every official code, e.g. "O", "C", "SP", "LGBTQ", "S". */
export const MEETING_TYPE_CODES: readonly string[] = Object.keys(ENGLISH_NAMES);

// The package's own isMeetingType uses `in`, which also says yes to "toString".
export function isMeetingTypeCode(code: string): boolean {
  return Object.hasOwn(ENGLISH_NAMES, code);
}

/**
 * A code's name in one of the spec's languages (en, es, fr, ja, nl, pt, sk, sv, th); English for
 * any other language; the code itself if it is not official.
 */
export function meetingTypeName(code: string, language: string): string {
  if (!isMeetingTypeCode(code)) return code;
  const names: Readonly<Record<string, string>> = getTypesForLanguage(isSupportedLanguage(language) ? language : "en");
  return names[code] ?? ENGLISH_NAMES[code]!;
}

/** Types with a meaning of their own in Kindred's meeting record rather than in its type list. */
export const OPEN = "O";
export const CLOSED = "C";
export const TEMPORARILY_CLOSED = "TC";

/** The spec's language codes and the ISO 639-1 language each one means. */
const LANGUAGE_OF_TYPE: Readonly<Record<string, string>> = {
  AF: "af", AM: "am", AR: "ar", BG: "bg", DA: "da", DE: "de", EL: "el", EN: "en", FA: "fa", FI: "fi",
  FR: "fr", HE: "he", HI: "hi", HR: "hr", HU: "hu", IS: "is", ITA: "it", JA: "ja", KA: "ka", KOR: "ko",
  LT: "lt", ML: "ml", MT: "mt", NE: "ne", NL: "nl", NO: "no", POL: "pl", POR: "pt", PUN: "pa", RUS: "ru",
  S: "es", SK: "sk", SL: "sl", SV: "sv", TH: "th", TL: "tl", TUR: "tr", UK: "uk",
};

const TYPE_OF_LANGUAGE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LANGUAGE_OF_TYPE).map(([code, language]) => [language, code]),
);

/** "S" -> "es"; null when the code is not a language. */
export function languageOfTypeCode(code: string): string | null {
  return Object.hasOwn(LANGUAGE_OF_TYPE, code) ? LANGUAGE_OF_TYPE[code]! : null;
}

/** "es" -> "S"; null when the spec has no code for the language. */
export function typeCodeOfLanguage(language: string): string | null {
  return Object.hasOwn(TYPE_OF_LANGUAGE, language) ? TYPE_OF_LANGUAGE[language]! : null;
}
