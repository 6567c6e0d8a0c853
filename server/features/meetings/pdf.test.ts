/** The PDF writer on its own: long schedules over many pages, an empty one, text Helvetica cannot print. */
import { describe, expect, it } from "vitest";
import type { FeedEntry } from "../../../core/meetings/meeting-guide";
import { printable, schedulePdf, type SchedulePdfOptions } from "./pdf";
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

  it("prints what Helvetica can and a question mark for the rest", async () => {
    expect(printable("Café “Ñandú” — 7:00\u202fp.\u00a0m.")).toBe("Café “Ñandú” — 7:00\u00a0p.\u00a0m.");
    expect(printable("Cafe\u0301 한국어")).toBe("Café ???");
    const lines = pdfLines(await written([[entry(1, { name: "Reunión 한국" })]]));
    expect(lines).toContain("Reunión ??");
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
