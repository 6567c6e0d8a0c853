/**
 * Words for the directory's text search: the same normalization for what is stored and what is
 * searched, so "Café" finds "cafe". Words are matched by prefix ("hop" finds "hope"); a quoted
 * phrase must appear as written, within one field.
 */

const MAX_WORD_LENGTH = 40;
/** Between fields in the stored text, so a phrase never runs from one field into the next. */
const FIELD_SEPARATOR = " | ";

/** Lower case, accents removed, split on anything that is not a letter or digit. */
export function wordsOf(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "")
    .map((word) => word.slice(0, MAX_WORD_LENGTH));
}

/** What a meeting is found by: its searchable text, and its distinct words. */
export function searchableText(fields: (string | null)[]): { text: string; words: string[] } {
  const perField = fields.filter((field) => field !== null).map(wordsOf);
  return {
    text: perField.map((words) => words.join(" ")).join(FIELD_SEPARATOR),
    words: [...new Set(perField.flat())].sort(),
  };
}

export interface TextQuery {
  /** Each must start some word of the meeting. */
  words: string[];
  /** Each must appear as written (normalized words, space-separated). */
  phrases: string[];
}

/** `hope "new beginnings"` -> words hope, new, beginnings; phrase "new beginnings". */
export function parseTextQuery(query: string): TextQuery | null {
  const phrases: string[] = [];
  const words = new Set<string>();
  const rest = query.replace(/"([^"]*)"?/g, (_, phrase: string) => {
    const phraseWords = wordsOf(phrase);
    if (phraseWords.length > 1) phrases.push(phraseWords.join(" "));
    for (const word of phraseWords) words.add(word);
    return " ";
  });
  for (const word of wordsOf(rest)) words.add(word);
  if (words.size === 0) return null;
  // A word that begins another word adds nothing: "hope hopeful" needs only "hopeful".
  const needed = [...words].filter((word) => ![...words].some((other) => other !== word && other.startsWith(word)));
  return { words: needed.sort(), phrases };
}

/**
 * The range [from, to) holding every word that starts with `prefix`, in code-point order (how
 * the words index compares them).
 */
export function prefixRange(prefix: string): [string, string] {
  const characters = [...prefix];
  const last = characters.pop()!;
  return [prefix, characters.join("") + String.fromCodePoint(last.codePointAt(0)! + 1)];
}
