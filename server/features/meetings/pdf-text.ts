/**
 * Reads back the text of a PDF that pdf.ts wrote, line by line in the order it was drawn: for
 * tests (unit, integration and browser), which check what a reader of the schedule would see.
 * It understands what pdfkit writes with its standard fonts (Flate-compressed or plain content
 * streams, text shown with TJ arrays of hex strings in WinAnsi), not PDFs in general.
 */
import { inflateSync } from "node:zlib";

/** WinAnsi's bytes 0x80-0x9F, the only ones that differ from Latin-1. */
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰", 0x8a: "Š", 0x8b: "‹", 0x8c: "Œ", 0x8e: "Ž",
  0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•", 0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9a: "š", 0x9b: "›", 0x9c: "œ", 0x9e: "ž", 0x9f: "Ÿ",
};

function decodeHex(hex: string): string {
  let text = "";
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const byte = parseInt(hex.slice(i, i + 2), 16);
    text += WIN_ANSI_HIGH[byte] ?? String.fromCharCode(byte);
  }
  return text;
}

/** The content streams, inflated when compressed. */
function contentStreams(pdf: Buffer): string[] {
  const found: string[] = [];
  const raw = pdf.toString("latin1");
  const pattern = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf("endstream", start);
    const body = pdf.subarray(start, end);
    try {
      found.push((/\/FlateDecode/.test(match[1]!) ? inflateSync(body) : body).toString("latin1"));
    } catch {
      // Not a stream we can read (fonts are not embedded, so there should be none).
    }
    pattern.lastIndex = end;
  }
  return found;
}

/** Every line of text, in drawing order (no-break spaces read as spaces). */
export function pdfLines(pdf: Buffer): string[] {
  const lines: string[] = [];
  for (const content of contentStreams(pdf)) {
    for (const [, array] of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]<])*)\]\s*TJ/g)) {
      lines.push([...array!.matchAll(/<([0-9a-fA-F]*)>/g)].map(([, hex]) => decodeHex(hex!)).join("").replace(/\u00a0/g, " "));
    }
  }
  return lines;
}

/** The whole text, one line per line drawn. */
export const pdfText = (pdf: Buffer): string => pdfLines(pdf).join("\n");
