import { describe, expect, it } from "vitest";
import { parseTextQuery, prefixRange, searchableText, wordsOf } from "./words";

describe("words for the text search", () => {
  it("finds words without case or accents", () => {
    expect(wordsOf("Café SERENITY, 12-Step")).toEqual(["cafe", "serenity", "12", "step"]);
    expect(wordsOf("Ñandú día")).toEqual(["nandu", "dia"]);
  });

  it("keeps fields apart in the searchable text, so a phrase never runs from one into the next", () => {
    const { text, words } = searchableText(["New Hope", null, "Hope Hall"]);
    expect(text).toBe("new hope | hope hall");
    expect(text).not.toContain("hope hope");
    expect(words).toEqual(["hall", "hope", "new"]);
  });

  it("reads words and quoted phrases, dropping a word another word starts with", () => {
    expect(parseTextQuery('hope "New  Beginnings" hopeful')).toEqual({ words: ["beginnings", "hopeful", "new"], phrases: ["new beginnings"] });
    expect(parseTextQuery('"unclosed phrase')).toEqual({ words: ["phrase", "unclosed"], phrases: ["unclosed phrase"] });
    expect(parseTextQuery('  " " ,, ')).toBeNull();
  });

  it("gives the range of every word starting with a prefix", () => {
    const [from, to] = prefixRange("hop");
    for (const word of ["hop", "hope", "hopeful", "hopz"]) expect(word >= from && word < to).toBe(true);
    for (const word of ["ho", "hoq", "hpe"]) expect(word >= from && word < to).toBe(false);
  });
});
