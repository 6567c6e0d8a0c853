import { describe, expect, it } from "vitest";
import { CRISIS_PHRASE_LANGUAGES, CRISIS_PHRASES, findCrisisPhrase, normalizeDraft, readsLikeCrisis } from "./crisis-phrases";

describe("normalizeDraft", () => {
  it("folds accents and case, drops apostrophes, and keeps only words", () => {
    expect(normalizeDraft("Ya no puedo MÁS… ¿Estarían mejor sin mí?")).toBe("ya no puedo mas estarian mejor sin mi");
    expect(normalizeDraft("I can’t go on —\nI DON'T want to")).toBe("i cant go on i dont want to");
    expect(normalizeDraft("hacerme daño")).toBe("hacerme dano");
    expect(normalizeDraft("  \n\t ")).toBe("");
  });
});

describe("the phrase lists", () => {
  it("have phrases for every language, each one normalizing to words", () => {
    for (const language of CRISIS_PHRASE_LANGUAGES) {
      expect(CRISIS_PHRASES[language].length).toBeGreaterThan(20);
      for (const phrase of CRISIS_PHRASES[language]) {
        expect(normalizeDraft(phrase), phrase).toMatch(/^[a-z0-9]+( [a-z0-9]+)*$/);
        // Every phrase finds itself, so none is unreachable.
        expect(readsLikeCrisis(phrase), phrase).toBe(true);
      }
    }
  });
});

describe("readsLikeCrisis", () => {
  it.each([
    "I just want to die.",
    "Honestly I think everyone would be better off without me",
    "I can't go on like this",
    "I can’t go on like this (curly apostrophe)",
    "i dont want to be here anymore",
    "Some nights I think about ending my life.",
    "I've been cutting myself again",
    "I KEEP THINKING I SHOULD KILL MYSELF",
    "There's no reason to live since she left",
    "feeling suicidal tonight",
  ])("notices the English draft %j", (draft) => {
    expect(readsLikeCrisis(draft)).toBe(true);
  });

  it.each([
    "Ya no puedo más, quiero morirme",
    "Ya no puedo mas, quiero morirme (sin acentos)",
    "Creo que estarían mejor sin mí",
    "A veces pienso en quitarme la vida",
    "NO QUIERO SEGUIR VIVIENDO",
    "quiero hacerme daño",
    "me voy a suicidar",
  ])("notices the Spanish draft %j", (draft) => {
    expect(readsLikeCrisis(draft)).toBe(true);
  });

  it("checks every language whatever the interface's, and says which phrase matched", () => {
    expect(findCrisisPhrase("hoy solo quiero morir")).toEqual({ language: "es", phrase: "quiero morir" });
    expect(findCrisisPhrase("Honestly? I want to die.")).toEqual({ language: "en", phrase: "want to die" });
  });

  it.each([
    "This traffic is killing me",
    "I'm dying to see the new garden",
    "My phone died during the meeting",
    "My brother died by suicide three years ago; this group helps me grieve.",
    "I want to skill myself up in cooking",
    "Kill the lights when you leave, please",
    "I could go on about this for hours",
    "She is better off with the new job",
    "The plant I was given is dying",
    "Me muero de risa con tus historias",
    "Ese examen me mata",
    "Quiero vivir mejor, un día a la vez",
    "No puedo seguirte el ritmo en la caminata",
    "",
  ])("leaves the everyday draft %j alone", (draft) => {
    expect(readsLikeCrisis(draft)).toBe(false);
  });
});
