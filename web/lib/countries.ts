/**
 * Country names come from the browser's and server's own Intl data, in the UI language,
 * so no list of names ships with the app; only the codes (ISO 3166-1 alpha-2).
 */
import type { UiLanguage } from "./state";

const CODES = (
  "AD AE AF AG AI AL AM AO AR AS AT AU AW AZ BA BB BD BE BF BG BH BI BJ BM BN BO BR BS BT BW BY BZ " +
  "CA CD CF CG CH CI CK CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FO FR " +
  "GA GB GD GE GH GI GL GM GN GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG " +
  "KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MO MR MT " +
  "MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PR PS PT PW PY QA RO RS RU RW SA " +
  "SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US " +
  "UY UZ VA VC VE VN VU WS XK YE ZA ZM ZW"
).split(" ");

export const COUNTRY_PATTERN = /^[A-Za-z]{2}$/;

export function countryName(code: string, language: UiLanguage): string {
  try {
    return new Intl.DisplayNames([language], { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Every country, named and sorted in the UI language. */
export function countryOptions(language: UiLanguage): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([language], { type: "region" });
  return CODES.map((code) => ({ value: code, label: names.of(code) ?? code })).sort((a, b) =>
    a.label.localeCompare(b.label, language),
  );
}
