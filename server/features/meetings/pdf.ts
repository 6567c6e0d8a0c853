/**
 * The printed schedule as a PDF (GET /api/feeds/meetings.pdf): what /meetings/print shows, in the
 * same order (print.ts), written with pdfkit a page at a time as the meetings are read, so the
 * file streams out while a large directory is still being read.
 *
 * Text is printed in pdfkit's standard Helvetica when it can be: Helvetica speaks WinAnsi
 * (Latin-1 and a few more), which covers English and Spanish, and needs nothing embedded. Text
 * with any other character (Polish, Vietnamese, Greek, Russian...) is printed in DejaVu Sans,
 * embedded with only the glyphs used. What DejaVu Sans lacks (Chinese, Japanese, Korean, Thai...)
 * and what is written right to left (Hebrew, Arabic: pdfkit does not reorder it, and drawn in
 * the order typed it would read backwards) is printed as "?".
 *
 * The writer keeps pace with its reader: it reads the next meetings only while the PDF waiting to
 * be sent is under the stream's high-water mark, so a slow download does not hold the whole file.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import type { FeedEntry } from "../../../core/meetings/meeting-guide";
import { meetingTypeName } from "../../../core/meetings/type-codes";
import { regionLabel, type PrintGrouping } from "./print";

export type PrintLanguage = "en" | "es";

export interface SchedulePdfOptions {
  organizationName: string;
  grouping: PrintGrouping;
  hour12: boolean;
  language: PrintLanguage;
  /** Tests turn compression off to read the text back simply. */
  compress?: boolean;
}

// ---------- words ----------

/** The words the PDF uses, from the web app's own translations (web/locales), read by path like the built app. */
interface PdfWords {
  title: string;
  noRegion: string;
  empty: string;
  legend: string;
  time: string;
  meeting: string;
  where: string;
  types: string;
  phone: string;
  pageNumber: string;
  online: string;
}

const wordsByLanguage = new Map<PrintLanguage, PdfWords>();

function readWords(language: PrintLanguage, namespace: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../../web/locales/${language}/${namespace}.json`, import.meta.url), "utf8")) as Record<string, unknown>;
}

export function pdfWords(language: PrintLanguage): PdfWords {
  let words = wordsByLanguage.get(language);
  if (!words) {
    const page = readWords(language, "directory").printPage as Record<string, string>;
    const attendance = readWords(language, "meetings").attendance as Record<string, string>;
    const { title, noRegion, empty, legend, time, meeting, where, types, phone, pageNumber } = page;
    words = { title, noRegion, empty, legend, time, meeting, where, types, phone, pageNumber, online: attendance.online } as PdfWords;
    wordsByLanguage.set(language, words);
  }
  return words;
}

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => String(values[name] ?? whole));

// ---------- days and times, as the print page writes them ----------

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let found = formats.get(key);
  if (!found) formats.set(key, (found = new Intl.DateTimeFormat(locale, options)));
  return found;
}

/** "Tuesday" / "Martes" (1 January 2023 was a Sunday). */
export function dayName(day: number, language: PrintLanguage): string {
  const name = format(language, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2023, 0, 1 + day));
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

/** "19:30" -> "7:30 PM" or "19:30", as a clock on the wall reads. */
export function clockTime(time: string, language: PrintLanguage, hour12: boolean): string {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return format(language, { hour: "numeric", minute: "2-digit", hour12, timeZone: "UTC" }).format(Date.UTC(2000, 0, 1, hours, minutes));
}

// ---------- text and its font ----------

/** Which of the two fonts a text is printed in: Helvetica (nothing embedded), or the embedded DejaVu Sans. */
export type FontFamily = "standard" | "unicode";

/** Text as printed, and the font that can print it. */
export interface Shown {
  text: string;
  family: FontFamily;
}

const WIN_ANSI_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const inWinAnsi = (char: string, code: number) => char === "\n" || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char);
/** Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko... and their presentation forms). */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]|[\u{10800}-\u{10fff}]|[\u{1e800}-\u{1efff}]/u;

const localFile = createRequire(import.meta.url);
const UNICODE_FILES = { regular: "dejavu-fonts-ttf/ttf/DejaVuSans.ttf", bold: "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf" } as const;
let unicodeFonts: { regular: Buffer; bold: Buffer; covers: (code: number) => boolean } | null = null;

/** DejaVu Sans, regular and bold, read once (on the first text Helvetica cannot print). */
function unicode(): NonNullable<typeof unicodeFonts> {
  if (!unicodeFonts) {
    const regular = readFileSync(localFile.resolve(UNICODE_FILES.regular));
    const bold = readFileSync(localFile.resolve(UNICODE_FILES.bold));
    const [plain, heavy] = [fontkit.create(regular), fontkit.create(bold)] as fontkit.Font[];
    unicodeFonts = { regular, bold, covers: (code) => plain!.hasGlyphForCodePoint(code) && heavy!.hasGlyphForCodePoint(code) };
  }
  return unicodeFonts;
}

/**
 * Text as it can be printed: accents composed, spaces a PDF reader keeps ("7:00 p. m." stays on
 * one line), in Helvetica when it has every character, otherwise in DejaVu Sans with "?" for
 * what that lacks or what is written right to left.
 */
export function shown(text: string): Shown {
  const spaced = text.normalize("NFC").replace(/[\u202f\u2007\u2060]/g, "\u00a0").replace(/[\u2000-\u200b\u205f\u3000]/g, " ");
  let standard = true;
  for (const char of spaced) {
    if (!inWinAnsi(char, char.codePointAt(0)!)) {
      standard = false;
      break;
    }
  }
  if (standard) return { text: spaced, family: "standard" };
  const { covers } = unicode();
  const chars = [...spaced].map((char) => {
    const code = char.codePointAt(0)!;
    return inWinAnsi(char, code) || (covers(code) && !RIGHT_TO_LEFT.test(char)) ? char : "?";
  });
  return { text: chars.join(""), family: "unicode" };
}

// ---------- layout ----------

const PAGE = { size: "LETTER", margin: 50, footer: 30 } as const;
const COLUMNS = { time: { x: 50, width: 95 }, meeting: { x: 150, width: 160 }, where: { x: 315, width: 185 }, types: { x: 505, width: 57 } } as const;
type Weight = "regular" | "bold";
/** The names fonts are registered under in each document. */
const FONT_NAMES: Record<FontFamily, Record<Weight, string>> = {
  standard: { regular: "Helvetica", bold: "Helvetica-Bold" },
  unicode: { regular: "Unicode", bold: "Unicode-Bold" },
};
const SIZE = { title: 16, outer: 13, inner: 11, header: 8, row: 9 } as const;

/**
 * Writes the schedule as the entries arrive (in print order, a batch at a time) and returns the
 * document, a readable stream of the PDF. A failure while reading destroys the stream with it.
 */
export function schedulePdf(entries: AsyncIterable<FeedEntry[]>, options: SchedulePdfOptions): PDFKit.PDFDocument {
  const { language, hour12, grouping } = options;
  const words = pdfWords(language);
  const title = fill(words.title, { organization: options.organizationName });
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: PAGE.margin + PAGE.footer },
    autoFirstPage: false,
    compress: options.compress ?? true,
    lang: language,
    displayTitle: true,
    info: { Title: title.normalize("NFC"), Creator: "Kindred" },
  });
  // DejaVu Sans is registered in a document the first time it prints with it (and only then embedded).
  let registered = false;
  /** Sets the font and size a text is printed in, and returns the text as printed. */
  const use = (text: string, weight: Weight, size: number): string => {
    const { text: printed, family } = shown(text);
    if (family === "unicode" && !registered) {
      const { regular, bold } = unicode();
      doc.registerFont(FONT_NAMES.unicode.regular, regular);
      doc.registerFont(FONT_NAMES.unicode.bold, bold);
      registered = true;
    }
    doc.font(FONT_NAMES[family][weight]).fontSize(size);
    return printed;
  };
  const left = PAGE.margin;
  const right = () => doc.page.width - PAGE.margin;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  let pages = 0;
  let current: { outer: string; inner: string } | null = null;
  doc.on("pageAdded", () => {
    pages++;
    // The page number sits below the bottom margin: let it, then put the margin back.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const number = use(fill(words.pageNumber, { page: pages }), "regular", SIZE.header);
    doc.fillColor("#555555");
    doc.text(number, left, doc.page.height - PAGE.margin, { width: right() - left, align: "center", lineBreak: false });
    doc.page.margins.bottom = margin;
    doc.fillColor("black").x = left;
    doc.y = doc.page.margins.top;
  });

  const write = (text: string, font: Weight, size: number, x: number, width: number, y: number) => doc.text(use(text, font, size), x, y, { width });
  /** How tall the text runs in a column; one line (most cells) is measured without wrapping it, which is much quicker. */
  const heightOf = (text: string, font: Weight, size: number, width: number) => {
    const printed = use(text, font, size);
    return !printed.includes("\n") && doc.widthOfString(printed) <= width ? doc.currentLineHeight(true) : doc.heightOfString(printed, { width });
  };
  /** A new page unless `height` fits on this one. */
  const room = (height: number): boolean => {
    if (doc.y + height <= bottom()) return false;
    doc.addPage();
    return true;
  };

  const heading = (text: string, size: number, gap: number) => {
    doc.y += gap;
    write(text, "bold", size, left, right() - left, doc.y);
    doc.y += 2;
  };
  const tableHeader = () => {
    const y = doc.y;
    doc.fillColor("#555555");
    for (const [column, label] of [["time", words.time], ["meeting", words.meeting], ["where", words.where], ["types", words.types]] as const) {
      write(label, "bold", SIZE.header, COLUMNS[column].x, COLUMNS[column].width, y);
    }
    doc.fillColor("black");
    doc.y = y + heightOf(words.time, "bold", SIZE.header, COLUMNS.time.width) + 2;
    doc.moveTo(left, doc.y).lineTo(right(), doc.y).lineWidth(0.5).strokeColor("#999999").stroke();
    doc.y += 3;
  };
  /** Headings for a new group; the inner one again at the top of a page it runs onto. */
  const groupHeadings = (outer: string | null, inner: string) => {
    const needed = (outer ? 40 : 0) + 50;
    room(needed);
    if (outer) heading(outer, SIZE.outer, 8);
    heading(inner, SIZE.inner, 4);
    tableHeader();
  };

  const regionOf = (entry: FeedEntry) => regionLabel(entry.regions) || words.noRegion;
  const dayOf = (entry: FeedEntry) => dayName(entry.day, language);
  const [outerOf, innerOf] = grouping === "region" ? [regionOf, dayOf] : [dayOf, regionOf];

  const row = (entry: FeedEntry) => {
    const time = [entry.time, entry.end_time].filter((t): t is string => Boolean(t)).map((t) => clockTime(t, language, hour12)).join("–");
    const group = entry.group && entry.group !== entry.name ? entry.group : null;
    const place =
      entry.attendance_option === "online" ? words.online : [entry.location, entry.approximate === "yes" ? null : entry.formatted_address].filter(Boolean).join(", ");
    const where = [place, entry.conference_phone ? fill(words.phone, { number: entry.conference_phone }) : null].filter(Boolean).join("\n");
    const types = entry.types.join(" ");
    const nameHeight = heightOf(entry.name, "bold", SIZE.row, COLUMNS.meeting.width) + (group ? heightOf(group, "regular", SIZE.row, COLUMNS.meeting.width) : 0);
    const height =
      Math.max(
        heightOf(time, "regular", SIZE.row, COLUMNS.time.width),
        nameHeight,
        where ? heightOf(where, "regular", SIZE.row, COLUMNS.where.width) : 0,
        types ? heightOf(types, "regular", SIZE.row, COLUMNS.types.width) : 0,
      ) + 4;
    if (room(height)) {
      heading(current!.inner, SIZE.inner, 0);
      tableHeader();
    }
    const y = doc.y;
    write(time, "regular", SIZE.row, COLUMNS.time.x, COLUMNS.time.width, y);
    write(entry.name, "bold", SIZE.row, COLUMNS.meeting.x, COLUMNS.meeting.width, y);
    if (group) write(group, "regular", SIZE.row, COLUMNS.meeting.x, COLUMNS.meeting.width, doc.y);
    if (where) write(where, "regular", SIZE.row, COLUMNS.where.x, COLUMNS.where.width, y);
    if (types) write(types, "regular", SIZE.row, COLUMNS.types.x, COLUMNS.types.width, y);
    doc.x = left;
    doc.y = y + height;
  };

  const legend = (codes: Set<string>) => {
    if (codes.size === 0) return;
    room(60);
    heading(words.legend, SIZE.outer, 12);
    for (const code of [...codes].sort()) {
      const name = meetingTypeName(code, language);
      const height = heightOf(name, "regular", SIZE.row, right() - left - 60) + 3;
      room(height);
      const y = doc.y;
      write(code, "bold", SIZE.row, left, 55, y);
      write(name, "regular", SIZE.row, left + 60, right() - left - 60, y);
      doc.x = left;
      doc.y = y + height;
    }
  };

  // Keeping pace with the reader: pdfkit pushes what it writes into the stream's buffer, and the
  // stream asks for more (_read, which pdfkit leaves empty) once its reader has taken enough.
  let asked: (() => void) | null = null;
  const more = () => {
    const waiting = asked;
    asked = null;
    waiting?.();
  };
  doc._read = more;
  doc.once("close", more);
  const caughtUp = () =>
    doc.destroyed || doc.readableLength < doc.readableHighWaterMark ? Promise.resolve() : new Promise<void>((resolve) => (asked = resolve));

  const run = async () => {
    doc.addPage();
    write(title, "bold", SIZE.title, left, right() - left, doc.y);
    const codes = new Set<string>();
    for await (const batch of entries) {
      for (const entry of batch) {
        const outer = outerOf(entry);
        const inner = innerOf(entry);
        if (current?.outer !== outer || current.inner !== inner) {
          groupHeadings(current?.outer === outer ? null : outer, inner);
          current = { outer, inner };
        }
        row(entry);
        for (const code of entry.types) codes.add(code);
      }
      // The next meetings are read once the reader has caught up; a reader gone stops the loop,
      // which closes the entries and their reads.
      await caughtUp();
      if (doc.destroyed) return;
    }
    if (current === null) {
      doc.y += 12;
      write(words.empty, "regular", SIZE.row + 2, left, right() - left, doc.y);
    }
    legend(codes);
    doc.end();
  };
  run().catch((error: unknown) => doc.destroy(error instanceof Error ? error : new Error(String(error))));
  return doc;
}
