/**
 * The printed schedule as a PDF (GET /api/feeds/meetings.pdf): what /meetings/print shows, in the
 * same order (print.ts), written with pdfkit a page at a time as the meetings are read, so the
 * file streams out while a large directory is still being read.
 *
 * pdfkit's standard Helvetica speaks WinAnsi (Latin-1 and a few more), which covers English and
 * Spanish; any other character is printed as "?".
 */
import { readFileSync } from "node:fs";
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

/** Text Helvetica can print: composed accents, WinAnsi's spaces ("7:00 p. m." stays on one line), "?" for what WinAnsi lacks. */
const WIN_ANSI_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
export function printable(text: string): string {
  const spaced = text.normalize("NFC").replace(/[\u202f\u2007\u2060]/g, "\u00a0").replace(/[\u2000-\u200b\u205f\u3000]/g, " ");
  return [...spaced]
    .map((char) => {
      const code = char.codePointAt(0)!;
      if (char === "\n" || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char)) return char;
      return "?";
    })
    .join("");
}

// ---------- layout ----------

const PAGE = { size: "LETTER", margin: 50, footer: 30 } as const;
const COLUMNS = { time: { x: 50, width: 95 }, meeting: { x: 150, width: 160 }, where: { x: 315, width: 185 }, types: { x: 505, width: 57 } } as const;
const FONT = { regular: "Helvetica", bold: "Helvetica-Bold" } as const;
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
    info: { Title: printable(title), Creator: "Kindred" },
  });
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
    doc.font(FONT.regular).fontSize(SIZE.header).fillColor("#555555");
    doc.text(printable(fill(words.pageNumber, { page: pages })), left, doc.page.height - PAGE.margin, { width: right() - left, align: "center", lineBreak: false });
    doc.page.margins.bottom = margin;
    doc.fillColor("black").x = left;
    doc.y = doc.page.margins.top;
  });

  const write = (text: string, font: string, size: number, x: number, width: number, y: number) =>
    doc.font(font).fontSize(size).text(printable(text), x, y, { width });
  /** How tall the text runs in a column; one line (most cells) is measured without wrapping it, which is much quicker. */
  const heightOf = (text: string, font: string, size: number, width: number) => {
    const shown = printable(text);
    doc.font(font).fontSize(size);
    return !shown.includes("\n") && doc.widthOfString(shown) <= width ? doc.currentLineHeight(true) : doc.heightOfString(shown, { width });
  };
  /** A new page unless `height` fits on this one. */
  const room = (height: number): boolean => {
    if (doc.y + height <= bottom()) return false;
    doc.addPage();
    return true;
  };

  const heading = (text: string, size: number, gap: number) => {
    doc.y += gap;
    write(text, FONT.bold, size, left, right() - left, doc.y);
    doc.y += 2;
  };
  const tableHeader = () => {
    const y = doc.y;
    doc.fillColor("#555555");
    for (const [column, label] of [["time", words.time], ["meeting", words.meeting], ["where", words.where], ["types", words.types]] as const) {
      write(label, FONT.bold, SIZE.header, COLUMNS[column].x, COLUMNS[column].width, y);
    }
    doc.fillColor("black");
    doc.y = y + heightOf(words.time, FONT.bold, SIZE.header, COLUMNS.time.width) + 2;
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
    const nameHeight = heightOf(entry.name, FONT.bold, SIZE.row, COLUMNS.meeting.width) + (group ? heightOf(group, FONT.regular, SIZE.row, COLUMNS.meeting.width) : 0);
    const height =
      Math.max(
        heightOf(time, FONT.regular, SIZE.row, COLUMNS.time.width),
        nameHeight,
        where ? heightOf(where, FONT.regular, SIZE.row, COLUMNS.where.width) : 0,
        types ? heightOf(types, FONT.regular, SIZE.row, COLUMNS.types.width) : 0,
      ) + 4;
    if (room(height)) {
      heading(current!.inner, SIZE.inner, 0);
      tableHeader();
    }
    const y = doc.y;
    write(time, FONT.regular, SIZE.row, COLUMNS.time.x, COLUMNS.time.width, y);
    write(entry.name, FONT.bold, SIZE.row, COLUMNS.meeting.x, COLUMNS.meeting.width, y);
    if (group) write(group, FONT.regular, SIZE.row, COLUMNS.meeting.x, COLUMNS.meeting.width, doc.y);
    if (where) write(where, FONT.regular, SIZE.row, COLUMNS.where.x, COLUMNS.where.width, y);
    if (types) write(types, FONT.regular, SIZE.row, COLUMNS.types.x, COLUMNS.types.width, y);
    doc.x = left;
    doc.y = y + height;
  };

  const legend = (codes: Set<string>) => {
    if (codes.size === 0) return;
    room(60);
    heading(words.legend, SIZE.outer, 12);
    for (const code of [...codes].sort()) {
      const name = meetingTypeName(code, language);
      const height = heightOf(name, FONT.regular, SIZE.row, right() - left - 60) + 3;
      room(height);
      const y = doc.y;
      write(code, FONT.bold, SIZE.row, left, 55, y);
      write(name, FONT.regular, SIZE.row, left + 60, right() - left - 60, y);
      doc.x = left;
      doc.y = y + height;
    }
  };

  const run = async () => {
    doc.addPage();
    write(title, FONT.bold, SIZE.title, left, right() - left, doc.y);
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
    }
    if (current === null) {
      doc.y += 12;
      write(words.empty, FONT.regular, SIZE.row + 2, left, right() - left, doc.y);
    }
    legend(codes);
    doc.end();
  };
  run().catch((error: unknown) => doc.destroy(error instanceof Error ? error : new Error(String(error))));
  return doc;
}
