/**
 * Phrases that make a draft "read like crisis", per language, kept as reviewed data.
 *
 * What they are for: while a member writes a topic, a reply or a direct message, the browser
 * checks the draft against these lists and, on a match, shows the writer alone a calm panel with
 * their country's crisis lines, before they post (../shared/reference/safety.md). Nothing is
 * recorded, sent or shown to anyone else because of a draft: this file has no I/O and its only
 * caller is the writer's own browser.
 *
 * How they were chosen:
 * - First-person statements of suicidal intent, wishing to be dead, self-harm, or hopelessness
 *   about going on, as listed in public safe-messaging and crisis-line guidance (warning signs of
 *   the 988 Lifeline, Samaritans and #chatsafe: "talking about wanting to die or to kill oneself",
 *   "feeling hopeless or having no reason to live", "being a burden to others").
 * - Each phrase says something about the writer ("myself", "my life", "me", "quiero", "mí"),
 *   so talking about a loss ("my brother died by suicide") or everyday idioms ("this traffic is
 *   killing me", "me muero de risa", "my phone died") do not match. A missed draft costs little
 *   (Get help now is on every page); a panel that interrupts every grief story would teach people
 *   to ignore it.
 * - Written the way people type: without apostrophes ("dont", "cant") and without accents
 *   ("estaria", "mi"), because text and phrases are normalized the same way before matching.
 *
 * How matching works (normalizeDraft): Unicode NFKD, accents and other marks removed, lower case,
 * apostrophes dropped ("can't" -> "cant"), every other non-letter, non-digit a space. A phrase
 * matches only on whole words: "kill myself" is found in "I want to KILL myself!" but not in
 * "skill myself up".
 *
 * How to review or change them:
 * - Add phrases in plain lower case; accents and apostrophes may be written or not (they are
 *   normalized). Keep them first-person and specific; add each variant a person would type
 *   ("kill myself", "killing myself").
 * - Add a true positive and, where an idiom is near, a false positive to crisis-phrases.test.ts.
 * - Have a second person, ideally with crisis-line or peer-support experience and a native speaker
 *   of the language, read the list and the tests before merging. Record the review below.
 * - A new language: add its list under its UI language code and its tests.
 *
 * Reviewed: 2026-11 by the board engineers against the sources above (en, es). Needs review by a
 * native Spanish speaker with peer-support experience before a wide release.
 */
export const CRISIS_PHRASE_LANGUAGES = ["en", "es"] as const;
export type CrisisPhraseLanguage = (typeof CRISIS_PHRASE_LANGUAGES)[number];

export const CRISIS_PHRASES: Readonly<Record<CrisisPhraseLanguage, readonly string[]>> = {
  en: [
    // intent
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "end it all",
    "take my own life",
    "taking my own life",
    "commit suicide",
    "suicidal",
    "want to die",
    "wanna die",
    "want to be dead",
    "wish i was dead",
    "wish i were dead",
    "wish i wasnt alive",
    "wish i hadnt been born",
    "better off dead",
    "better off without me",
    "not worth living",
    "no reason to live",
    "nothing to live for",
    "dont want to live",
    "dont want to be alive",
    "dont want to be here anymore",
    "dont want to wake up",
    "cant go on",
    "cant do this anymore",
    "cant take it anymore",
    "going to end it",
    "planning to end it",
    "say goodbye to everyone",
    "goodbye forever",
    // self-harm
    "hurt myself",
    "hurting myself",
    "harm myself",
    "harming myself",
    "cut myself",
    "cutting myself",
    "self harm",
    "overdose on purpose",
    "take all my pills",
  ],
  es: [
    // intención
    "quiero morir",
    "quiero morirme",
    "me quiero morir",
    "deseo morir",
    "deseo morirme",
    "quisiera morirme",
    "quisiera estar muerto",
    "quisiera estar muerta",
    "quiero estar muerto",
    "quiero estar muerta",
    "matarme",
    "me voy a matar",
    "me quiero matar",
    "suicidarme",
    "me quiero suicidar",
    "me voy a suicidar",
    "pienso en el suicidio",
    "pensamientos suicidas",
    "quitarme la vida",
    "acabar con mi vida",
    "terminar con mi vida",
    "acabar con todo",
    "no quiero vivir",
    "no quiero seguir viviendo",
    "no quiero seguir aqui",
    "no quiero despertar",
    "no vale la pena vivir",
    "no tengo razones para vivir",
    "no tengo por que vivir",
    "estaria mejor muerto",
    "estaria mejor muerta",
    "estarian mejor sin mi",
    "estan mejor sin mi",
    "ya no puedo mas",
    "no puedo seguir",
    "ojala no hubiera nacido",
    "despedirme de todos",
    // autolesión
    "hacerme dano",
    "hacerme daño",
    "lastimarme",
    "cortarme",
    "autolesionarme",
    "autolesion",
  ],
};

/**
 * A draft as the phrases are matched against it: accents folded, lower case, apostrophes
 * dropped, everything but letters and digits a single space.
 */
export function normalizeDraft(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’‘`´ʼ]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

interface Compiled {
  language: CrisisPhraseLanguage;
  phrase: string;
  /** " kill myself ": padded, so a match is on whole words. */
  padded: string;
}

let compiled: Compiled[] | null = null;

function phrases(): Compiled[] {
  compiled ??= CRISIS_PHRASE_LANGUAGES.flatMap((language) =>
    [...new Set(CRISIS_PHRASES[language].map(normalizeDraft))].map((phrase) => ({ language, phrase, padded: ` ${phrase} ` })),
  );
  return compiled;
}

export interface CrisisMatch {
  language: CrisisPhraseLanguage;
  /** The phrase, normalized. */
  phrase: string;
}

/**
 * The first phrase of any language the draft contains, or null. Every language is checked,
 * whatever the interface's: people write in the language they think in.
 */
export function findCrisisPhrase(text: string): CrisisMatch | null {
  const draft = ` ${normalizeDraft(text)} `;
  if (draft.length <= 2) return null;
  for (const { language, phrase, padded } of phrases()) {
    if (draft.includes(padded)) return { language, phrase };
  }
  return null;
}

/** Whether a draft reads like crisis. */
export function readsLikeCrisis(text: string): boolean {
  return findCrisisPhrase(text) !== null;
}
