/**
 * The vocabulary of meeting formats as plain lists, and the plain-words description shown on a
 * meeting's page. No zod here (formats.ts builds the schemas from these lists), so a public page
 * can describe a format without bringing zod into its bundle.
 */
import type { Format, FormatStep } from "./formats";

/** What a step is, in the order a meeting usually runs. */
export const STEP_KINDS = [
  "opening",
  "reading",
  "announcements",
  "check_in_round",
  "share",
  "open_sharing",
  "contributions",
  "check_out_round",
  "closing",
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * Who may speak at a step: the chair only; one speaker the chair calls; everyone in turn (a
 * round); whoever raises a hand, called by the chair (a queue); or no one.
 */
export const SPEAKING_MODES = ["chair", "speaker", "round", "queue", "none"] as const;
export type SpeakingMode = (typeof SPEAKING_MODES)[number];

export const FORMAT_LIMITS = {
  titleMax: 100,
  descriptionMax: 1000,
  textMax: 10_000,
  stepsMax: 40,
  shareLimitMin: 30,
  shareLimitMax: 3600,
} as const;

export type DescribeLanguage = "en" | "es";

const WORDS = {
  en: {
    speaking: {
      chair: "the chair speaks",
      speaker: "one person, invited by the chair, shares",
      round: "everyone takes a turn, in order",
      queue: "raise your hand and the chair gives you the turn",
      none: "no one speaks",
    },
    upTo: (duration: string) => `up to ${duration} each`,
    pass: "you may pass",
    noCrosstalk: "no replies to a share while it goes on",
    crosstalk: "replies during a share are welcome",
    chatOpen: "chat is open",
    chatClosed: "chat is closed",
    minutes: (n: number) => (n === 1 ? "1 minute" : `${n} minutes`),
    seconds: (n: number) => (n === 1 ? "1 second" : `${n} seconds`),
    and: " ",
  },
  es: {
    speaking: {
      chair: "habla quien coordina",
      speaker: "comparte una persona invitada por quien coordina",
      round: "todas las personas toman un turno, por orden",
      queue: "levanta la mano y quien coordina te da la palabra",
      none: "nadie habla",
    },
    upTo: (duration: string) => `hasta ${duration} por turno`,
    pass: "puedes pasar",
    noCrosstalk: "no se responde a quien comparte mientras habla",
    crosstalk: "se puede responder durante cada turno",
    chatOpen: "el chat está abierto",
    chatClosed: "el chat está cerrado",
    minutes: (n: number) => (n === 1 ? "1 minuto" : `${n} minutos`),
    seconds: (n: number) => (n === 1 ? "1 segundo" : `${n} segundos`),
    and: " y ",
  },
} as const;

function duration(totalSeconds: number, lang: DescribeLanguage): string {
  const words = WORDS[lang];
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (minutes === 0) return words.seconds(seconds);
  if (seconds === 0) return words.minutes(minutes);
  return `${words.minutes(minutes)}${words.and}${words.seconds(seconds)}`;
}

const SHARING: readonly string[] = ["speaker", "round", "queue"];

/** One step in plain words, e.g. "Check-in: everyone takes a turn, in order; up to 2 minutes each; you may pass; chat is closed." */
export function describeStep(step: FormatStep, lang: DescribeLanguage): string {
  const words = WORDS[lang];
  const parts: string[] = [words.speaking[step.speaking]];
  if (SHARING.includes(step.speaking)) {
    if (step.shareLimitSeconds !== undefined) parts.push(words.upTo(duration(step.shareLimitSeconds, lang)));
    if (step.allowPass !== false) parts.push(words.pass);
    parts.push(step.crosstalkAllowed ? words.crosstalk : words.noCrosstalk);
  }
  parts.push(step.chatOpen ? words.chatOpen : words.chatClosed);
  return `${step.title}: ${parts.join("; ")}.`;
}

/** How a meeting runs, one numbered line per step, for the meeting's page. */
export function describeFormat(format: Format, lang: DescribeLanguage): string[] {
  return format.steps.map((step, index) => `${index + 1}. ${describeStep(step, lang)}`);
}
