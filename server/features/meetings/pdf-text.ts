/**
 * Reads back the text of a PDF that pdf.ts wrote, line by line in the order it was drawn: for
 * tests (unit, integration and browser), which check what a reader of the schedule would see.
 * It understands what pdfkit writes (Flate-compressed or plain streams; text shown with TJ arrays
 * of hex strings, in WinAnsi for the standard fonts, as glyph numbers read through the font's
 * ToUnicode map for embedded ones), not PDFs in general.
 */
import { inflateSync } from "node:zlib";

/** WinAnsi's bytes 0x80-0x9F, the only ones that differ from Latin-1. */
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰", 0x8a: "Š", 0x8b: "‹", 0x8c: "Œ", 0x8e: "Ž",
  0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•", 0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9a: "š", 0x9b: "›", 0x9c: "œ", 0x9e: "ž", 0x9f: "Ÿ",
};

interface PdfObject {
  /** The object's text before its stream (its dictionary). */
  dictionary: string;
  /** The stream's bytes, inflated when compressed; null without one. */
  stream: Buffer | null;
}

/** Every object by number. */
function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const raw = pdf.toString("latin1");
  const found = new Map<number, PdfObject>();
  const pattern = /(\d+) 0 obj\b/g;
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    const start = match.index + match[0].length;
    const streamAt = raw.indexOf("stream", start);
    const endAt = raw.indexOf("endobj", start);
    if (streamAt === -1 || streamAt > endAt) {
      found.set(Number(match[1]), { dictionary: raw.slice(start, endAt), stream: null });
      pattern.lastIndex = endAt;
      continue;
    }
    const dictionary = raw.slice(start, streamAt);
    // The body starts after the end of the "stream" line; its length is given (fonts are binary).
    const bodyStart = streamAt + 6 + (raw[streamAt + 6] === "\r" ? 2 : 1);
    const length = Number(/\/Length (\d+)(?! 0 R)/.exec(dictionary)?.[1] ?? raw.indexOf("endstream", bodyStart) - bodyStart);
    const body = pdf.subarray(bodyStart, bodyStart + length);
    found.set(Number(match[1]), { dictionary, stream: /\/FlateDecode/.test(dictionary) ? inflateSync(body) : body });
    pattern.lastIndex = raw.indexOf("endobj", bodyStart + length);
  }
  return found;
}

/** A ToUnicode map as pdfkit writes it: ranges of glyph numbers, each with an array of UTF-16 hex strings. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, from, entries] of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<[0-9a-fA-F]+>\s*\[([^\]]*)\]/g)) {
    let code = parseInt(from!, 16);
    for (const [, hex] of entries!.matchAll(/<([0-9a-fA-F ]*)>/g)) {
      const units = hex!.split(/\s+/).filter(Boolean).map((unit) => parseInt(unit, 16));
      map.set(code++, String.fromCharCode(...units));
    }
  }
  return map;
}

/** Reads a TJ array's hex strings in one font: WinAnsi bytes, or glyph numbers through its map. */
type Decoder = (hex: string) => string;

const winAnsi: Decoder = (hex) => {
  let text = "";
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const byte = parseInt(hex.slice(i, i + 2), 16);
    text += WIN_ANSI_HIGH[byte] ?? String.fromCharCode(byte);
  }
  return text;
};

const throughMap =
  (map: Map<number, string>): Decoder =>
  (hex) => {
    let text = "";
    for (let i = 0; i + 3 < hex.length; i += 4) text += map.get(parseInt(hex.slice(i, i + 4), 16)) ?? "\ufffd";
    return text;
  };

/** Each font resource name (F1, F2...) with how its text is read. */
function decoders(objects: Map<number, PdfObject>): Map<string, Decoder> {
  const found = new Map<string, Decoder>();
  for (const { dictionary } of objects.values()) {
    for (const [, name, number] of dictionary.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      if (found.has(name!)) continue;
      const font = objects.get(Number(number))?.dictionary ?? "";
      const cmap = /\/ToUnicode (\d+) 0 R/.exec(font);
      const stream = cmap ? objects.get(Number(cmap[1]))?.stream : null;
      found.set(name!, stream ? throughMap(toUnicode(stream.toString("latin1"))) : winAnsi);
    }
  }
  return found;
}

/** The pages' content streams, in page order. */
function pageContents(objects: Map<number, PdfObject>): string[] {
  const pages = [...objects.values()].find(({ dictionary }) => /\/Type \/Pages\b/.test(dictionary));
  const kids = /\/Kids \[([^\]]*)\]/.exec(pages?.dictionary ?? "")?.[1] ?? "";
  return [...kids.matchAll(/(\d+) 0 R/g)].flatMap(([, page]) => {
    const contents = /\/Contents (\d+) 0 R/.exec(objects.get(Number(page))?.dictionary ?? "");
    const stream = contents ? objects.get(Number(contents[1]))?.stream : null;
    return stream ? [stream.toString("latin1")] : [];
  });
}

/** Every line of text, in drawing order (no-break spaces read as spaces). */
export function pdfLines(pdf: Buffer): string[] {
  const objects = objectsOf(pdf);
  const fonts = decoders(objects);
  const lines: string[] = [];
  for (const content of pageContents(objects)) {
    let decode = winAnsi;
    for (const [, font, array] of content.matchAll(/\/(F\d+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F]*>|[^\]<])*)\]\s*TJ/g)) {
      if (font !== undefined) decode = fonts.get(font) ?? winAnsi;
      else lines.push([...array!.matchAll(/<([0-9a-fA-F]*)>/g)].map(([, hex]) => decode(hex!)).join("").replace(/\u00a0/g, " "));
    }
  }
  return lines;
}

/** The whole text, one line per line drawn. */
export const pdfText = (pdf: Buffer): string => pdfLines(pdf).join("\n");
