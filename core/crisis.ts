/**
 * Crisis lines, kept as reviewed data (source: shared/reference/safety.md).
 * Kindred is not a crisis service; this makes help one tap away.
 */
export interface CrisisLine {
  service: string;
  /** Plain-language "how to reach them", per UI language. */
  how: { en: string; es: string };
  /** Phone numbers and text numbers shown as tap-to-call / tap-to-text links. */
  call?: string;
  text?: { number: string; body?: string };
  url?: string;
}

export interface CrisisCountry {
  code: string;
  name: { en: string; es: string };
  emergency: string;
  lines: CrisisLine[];
}

export const CRISIS_COUNTRIES: readonly CrisisCountry[] = [
  {
    code: "US",
    name: { en: "United States", es: "Estados Unidos" },
    emergency: "911",
    lines: [
      {
        service: "988 Suicide & Crisis Lifeline",
        how: {
          en: "Call or text 988, or chat at 988lifeline.org. Press 1 for veterans, 2 for Spanish.",
          es: "Llama o envía un mensaje de texto al 988, o chatea en 988lifeline.org. Marca 2 para español, 1 para veteranos.",
        },
        call: "988",
        text: { number: "988" },
        url: "https://988lifeline.org",
      },
      {
        service: "Crisis Text Line",
        how: { en: "Text HOME to 741741.", es: "Envía HOME por mensaje de texto al 741741." },
        text: { number: "741741", body: "HOME" },
      },
    ],
  },
  {
    code: "CA",
    name: { en: "Canada", es: "Canadá" },
    emergency: "911",
    lines: [
      {
        service: "9-8-8 Suicide Crisis Helpline",
        how: { en: "Call or text 988 (English, French).", es: "Llama o envía un mensaje de texto al 988 (inglés, francés)." },
        call: "988",
        text: { number: "988" },
      },
    ],
  },
  {
    code: "GB",
    name: { en: "United Kingdom", es: "Reino Unido" },
    emergency: "999",
    lines: [
      {
        service: "Samaritans",
        how: { en: "Call 116 123 (free), or email jo@samaritans.org.", es: "Llama al 116 123 (gratis) o escribe a jo@samaritans.org." },
        call: "116123",
        url: "mailto:jo@samaritans.org",
      },
      {
        service: "Shout",
        how: { en: "Text SHOUT to 85258.", es: "Envía SHOUT por mensaje de texto al 85258." },
        text: { number: "85258", body: "SHOUT" },
      },
    ],
  },
  {
    code: "IE",
    name: { en: "Ireland", es: "Irlanda" },
    emergency: "112",
    lines: [
      {
        service: "Samaritans",
        how: { en: "Call 116 123 (free), or email jo@samaritans.org.", es: "Llama al 116 123 (gratis) o escribe a jo@samaritans.org." },
        call: "116123",
        url: "mailto:jo@samaritans.org",
      },
    ],
  },
  {
    code: "AU",
    name: { en: "Australia", es: "Australia" },
    emergency: "000",
    lines: [
      {
        service: "Lifeline",
        how: { en: "Call 13 11 14, or text 0477 13 11 14.", es: "Llama al 13 11 14 o envía un mensaje de texto al 0477 13 11 14." },
        call: "131114",
        text: { number: "0477131114" },
      },
    ],
  },
  {
    code: "NZ",
    name: { en: "New Zealand", es: "Nueva Zelanda" },
    emergency: "111",
    lines: [
      {
        service: "Need to talk?",
        how: { en: "Call or text 1737.", es: "Llama o envía un mensaje de texto al 1737." },
        call: "1737",
        text: { number: "1737" },
      },
    ],
  },
];

/** Countries of the EU and most of Europe answer 112. */
const EMERGENCY_112 = new Set(
  "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO CH".split(" "),
);

/** Emergency numbers of countries without reviewed crisis lines yet (Spanish speakers first). */
const OTHER_EMERGENCY_NUMBERS: Readonly<Record<string, string>> = { MX: "911" };

export interface CrisisResources {
  /** The country the resources are for, or null when unknown. */
  country: string | null;
  /** Known country entry with lines, if any. */
  entry: CrisisCountry | null;
  /** The emergency number to show, or null when we do not know it. */
  emergency: string | null;
}

export function crisisResourcesFor(country: string | null): CrisisResources {
  const code = country?.toUpperCase() ?? null;
  const entry = CRISIS_COUNTRIES.find((c) => c.code === code) ?? null;
  const emergency = entry?.emergency ?? (code ? (OTHER_EMERGENCY_NUMBERS[code] ?? (EMERGENCY_112.has(code) ? "112" : null)) : null);
  return { country: code, entry, emergency };
}

/**
 * The country to show crisis lines for: the member's own choice first, then the region of the
 * browser's preferred languages (Accept-Language "es-MX" -> MX), else unknown.
 */
export function pickCrisisCountry(memberCountry: string | null | undefined, acceptLanguage: string | null | undefined): string | null {
  if (memberCountry) return memberCountry.toUpperCase();
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim() ?? "";
    const region = tag.split("-")[1];
    if (region && /^[A-Za-z]{2}$/.test(region)) return region.toUpperCase();
  }
  return null;
}

/** An international directory of helplines, for countries we have no reviewed lines for. */
export const INTERNATIONAL_HELPLINES_URL = "https://findahelpline.com";
