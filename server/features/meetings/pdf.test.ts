/** The PDF writer on its own: long schedules over many pages, an empty one, text in other alphabets, a slow reader. */
import { describe, expect, it } from "vitest";
import type { FeedEntry } from "../../../core/meetings/meeting-guide";
import { schedulePdf, shown, type SchedulePdfOptions } from "./pdf";
import { pdfLines } from "./pdf-text";

const options: SchedulePdfOptions = { organizationName: "Harbor Intergroup", grouping: "day", hour12: false, language: "en", compress: false };

function entry(n: number, fields: Partial<FeedEntry> = {}): FeedEntry {
  const minutes = 6 * 60 + n;
  const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  return { slug: `m-${n}`, name: `Meeting ${n}`, day: 1, time, timezone: "America/New_York", types: ["O"], regions: ["Harbor"], location: "Hall", ...fields } as FeedEntry;
}

async function written(batches: FeedEntry[][], given: Partial<SchedulePdfOptions> = {}): Promise<Buffer> {
  async function* entries() {
    yield* batches;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of schedulePdf(entries(), { ...options, ...given })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("the schedule as a PDF", () => {
  it("runs over as many pages as it needs, numbered, heading each page with the group it continues", async () => {
    const batches = [Array.from({ length: 100 }, (_, i) => entry(i)), Array.from({ length: 100 }, (_, i) => entry(100 + i))];
    const lines = pdfLines(await written(batches));
    const pages = lines.filter((line) => /^Page \d+$/.test(line));
    expect(pages.length).toBeGreaterThan(3);
    expect(pages).toEqual(pages.map((_, i) => `Page ${i + 1}`));
    // Every meeting once, in the order given; the day heading once, the area's at the top of each page.
    const meetings = lines.filter((line) => /^Meeting \d+$/.test(line));
    expect(meetings).toEqual(Array.from({ length: 200 }, (_, i) => `Meeting ${i}`));
    expect(lines.filter((line) => line === "Monday")).toHaveLength(1);
    expect(lines.filter((line) => line === "Harbor")).toHaveLength(pages.length);
    for (let i = 1; i < lines.length; i++) if (/^Page \d+$/.test(lines[i]!)) expect(lines[i + 1]).toMatch(/^(Harbor|What the codes mean)$/);
    expect(lines.slice(-2)).toEqual(["O", "Open"]);
  });

  it("says when there are no meetings", async () => {
    const lines = pdfLines(await written([], { language: "es" }));
    expect(lines).toEqual(["Página 1", "Horario de reuniones de Harbor Intergroup", "Todavía no hay reuniones en la lista."]);
  });

  it("prints English and Spanish in Helvetica, embedding nothing", async () => {
    expect(shown("Café “Ñandú” — 7:00\u202fp.\u00a0m.")).toEqual({ text: "Café “Ñandú” — 7:00\u00a0p.\u00a0m.", family: "standard" });
    expect(shown("Cafe\u0301")).toEqual({ text: "Café", family: "standard" });
    const pdf = await written([[entry(1, { name: "Reunión de mañana", location: "Salón Ñandú" })]]);
    expect(pdfLines(pdf)).toEqual(expect.arrayContaining(["Reunión de mañana", "Salón Ñandú"]));
    expect(pdf.includes("/FontFile2")).toBe(false);
  });

  it("prints other alphabets in an embedded font, and a question mark only for what it lacks or what reads right to left", async () => {
    expect(shown("Spotkanie w Łodzi")).toEqual({ text: "Spotkanie w Łodzi", family: "unicode" });
    expect(shown("Reunión 한국")).toEqual({ text: "Reunión ??", family: "unicode" });
    expect(shown("Grupo שלום")).toEqual({ text: "Grupo ????", family: "unicode" });
    const names = ["Spotkanie w Łodzi", "Συνάντηση Ελπίδας", "Группа «Надежда»", "Nhóm Hy Vọng Đà Nẵng", "Reunión 한국"];
    const pdf = await written([names.map((name, i) => entry(i, { name, location: i === 2 ? "Дом культуры" : "Hall" }))]);
    const lines = pdfLines(pdf);
    expect(lines).toEqual(expect.arrayContaining(["Spotkanie w Łodzi", "Συνάντηση Ελπίδας", "Группа «Надежда»", "Nhóm Hy Vọng Đà Nẵng", "Reunión ??", "Дом культуры"]));
    // Only the glyphs used are embedded: the file stays small.
    expect(pdf.includes("/FontFile2")).toBe(true);
    expect(pdf.length).toBeLessThan(120_000);
  });

  it("reads the next meetings only as fast as its reader takes the PDF", async () => {
    let read = 0;
    async function* entries(): AsyncGenerator<FeedEntry[]> {
      for (let batch = 0; batch < 200; batch++) {
        read++;
        yield Array.from({ length: 10 }, (_, i) => entry(batch * 10 + i, { name: `Meeting ${batch * 10 + i} with a name long enough to take room` }));
      }
    }
    const doc = schedulePdf(entries(), { ...options, compress: false });
    // Nobody reads: the writer stops once the stream's buffer is full, far short of the end.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(50);
    const unread = read;
    const chunks: Buffer[] = [];
    for await (const chunk of doc) chunks.push(chunk as Buffer);
    expect(read).toBe(200);
    expect(unread).toBeLessThan(read);
    const meetings = pdfLines(Buffer.concat(chunks)).filter((line) => /^Meeting \d+ /.test(line));
    expect(meetings).toHaveLength(2000);
  });

  it("stops reading the meetings when its reader goes away", async () => {
    let read = 0;
    let closed = false;
    async function* entries(): AsyncGenerator<FeedEntry[]> {
      try {
        for (let batch = 0; batch < 200; batch++) {
          read++;
          yield Array.from({ length: 10 }, (_, i) => entry(batch * 10 + i));
        }
      } finally {
        closed = true;
      }
    }
    const doc = schedulePdf(entries(), options);
    await new Promise((resolve) => setTimeout(resolve, 100));
    doc.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(true);
    expect(read).toBeLessThan(200);
  });

  it("ends the stream with the error when reading the meetings fails", async () => {
    async function* failing(): AsyncGenerator<FeedEntry[]> {
      yield [entry(1)];
      throw new Error("database gone");
    }
    const chunks: Buffer[] = [];
    await expect(
      (async () => {
        for await (const chunk of schedulePdf(failing(), options)) chunks.push(chunk as Buffer);
      })(),
    ).rejects.toThrow("database gone");
  });
});
