/**
 * The printable schedule: the PDF (read back as text, line by line), the JSON in print order, and
 * the batched reading both share, which must give the same order whatever the batch size.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedEntry } from "../../../core/meetings/meeting-guide";
import { send } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { pdfLines } from "./pdf-text";
import { MeetingPrint, type PrintGrouping } from "./print";
import { MeetingsRepository } from "./repository";
import { addMeeting, clockedApp, createGroup, meetingBody, type ClockedApp } from "./test-helpers";

const MANHATTAN = ["New York", "Manhattan"];
const CHICAGO = ["Illinois", "Chicago"];

/** Where each line is, to check that one comes before another. */
function inOrder(lines: string[], ...wanted: string[]): void {
  let from = 0;
  for (const text of wanted) {
    const at = lines.indexOf(text, from);
    expect(at, `"${text}" after line ${from} of:\n${lines.join("\n")}`).toBeGreaterThanOrEqual(0);
    from = at + 1;
  }
}

describe.each(dialects)("the printable schedule on %s", (dialect) => {
  let t: ClockedApp;

  beforeAll(async () => {
    t = await clockedApp(dialect, "2025-03-04T12:00:00Z", "Harbor Intergroup");
    const group = await createGroup(t.app, t.admin, { name: "Steady Ground" });
    // Tuesday in Manhattan: two at different times (added later one first), one online.
    await addMeeting(t.app, t.admin, group.id, meetingBody({ name: "Tuesday Night Hope", types: ["D"], regions: MANHATTAN }));
    await addMeeting(
      t.app,
      t.admin,
      group.id,
      meetingBody(
        { name: "Early Birds", types: ["W"], regions: MANHATTAN, venue: null, online: { url: "https://meet.example/birds", urlNotes: null, phone: "+15551234567", phoneNotes: null } },
        { start: "18:00", end: "19:30" },
      ),
    );
    // Saturdays in Chicago, in Spanish.
    await addMeeting(
      t.app,
      t.admin,
      group.id,
      meetingBody(
        { name: "Sábado en Calma", types: ["SP"], languages: ["es"], regions: CHICAGO, venue: { name: "River Room", address: "2 River Rd, Chicago", latitude: 41.8781, longitude: -87.6298, approximate: false, notes: null } },
        { repeats: { every: "week", days: [6] }, start: "19:00", end: "20:00", timeZone: "America/Chicago" },
      ),
    );
    // Mornings on Tuesday and Saturday, with no area: after the areas of each day.
    await addMeeting(t.app, t.admin, group.id, meetingBody({ name: "Dawn Patrol", types: ["B"], regions: [] }, { repeats: { every: "week", days: [2, 6] }, start: "07:00", end: "08:00" }));
    // Same time and area as Tuesday Night Hope: by name.
    await addMeeting(t.app, t.admin, group.id, meetingBody({ name: "Another Hope", types: [], regions: MANHATTAN }));
    // Not listed: never printed.
    const hidden = await createGroup(t.app, t.admin, { name: "Quiet Room", visibility: "unlisted" });
    await addMeeting(t.app, t.admin, hidden.id, meetingBody({ name: "Quiet Room Monday", types: ["ST"] }));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const pdf = async (query: string) => {
    const res = await send(t.app, "GET", `/api/feeds/meetings.pdf${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  it("is a PDF download of every listed meeting, by day then area, with 12-hour times and a legend of the codes used", async () => {
    const res = await pdf("");
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="meeting-schedule.pdf"');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const lines = pdfLines(res.rawPayload);
    inOrder(
      lines,
      "Meeting schedule of Harbor Intergroup",
      "Tuesday",
      "New York › Manhattan",
      "6:00 PM–7:30 PM",
      "Early Birds",
      "Online",
      "Phone: +15551234567",
      "EN O W",
      "7:00 PM–8:00 PM",
      "Another Hope",
      "7:00 PM–8:00 PM",
      "Tuesday Night Hope",
      "Steady Ground",
      "St. Mark's Hall, 12 Main St, Springfield",
      "D EN O",
      "No area given",
      "7:00 AM–8:00 AM",
      "Dawn Patrol",
      "Saturday",
      "Illinois › Chicago",
      "Sábado en Calma",
      "No area given",
      "Dawn Patrol",
      "What the codes mean",
    );
    // Each day once, in week order; Sunday, Monday and the rest have no meetings.
    expect(lines.filter((line) => /day$/.test(line))).toEqual(["Tuesday", "Saturday"]);
    // Codes used (types, open, languages), each with its name; none that is not used.
    const legend = lines.slice(lines.indexOf("What the codes mean") + 1);
    expect(legend).toEqual(["B", "Big Book", "D", "Discussion", "EN", "English", "O", "Open", "S", "Spanish", "SP", "Speaker", "W", "Women"]);
    expect(lines.join("\n")).not.toContain("Quiet Room");
  });

  it("groups by area then day, in 24-hour time and in Spanish when asked", async () => {
    const lines = pdfLines((await pdf("?group_by=region&hours=24&lang=es")).rawPayload);
    inOrder(
      lines,
      "Horario de reuniones de Harbor Intergroup",
      "Illinois › Chicago",
      "Sábado",
      "19:00–20:00",
      "Sábado en Calma",
      "New York › Manhattan",
      "Martes",
      "18:00–19:30",
      "Early Birds",
      "En línea",
      "Teléfono: +15551234567",
      "19:00–20:00",
      "Another Hope",
      "Tuesday Night Hope",
      "Sin zona",
      "Martes",
      "7:00–8:00",
      "Dawn Patrol",
      "Sábado",
      "Dawn Patrol",
      "Qué significan los códigos",
      "W",
      "Mujeres",
    );
    expect(lines.filter((line) => line === "Sábado")).toHaveLength(2);
  });

  it("answers 400 naming the field for a value it does not know", async () => {
    for (const [query, field] of [
      ["group_by=week", "querystring.group_by"],
      ["hours=13", "querystring.hours"],
      ["lang=fr", "querystring.lang"],
    ] as const) {
      const res = await send(t.app, "GET", `/api/feeds/meetings.pdf?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it("lists the same order as JSON for the print page, and the page shows it", async () => {
    const res = await send(t.app, "GET", "/api/feeds/print-schedule.json?group_by=region");
    expect(res.statusCode).toBe(200);
    const entries = res.json<FeedEntry[]>();
    expect(entries.map((e) => `${e.day} ${e.time} ${e.name}`)).toEqual([
      "6 19:00 Sábado en Calma",
      "2 18:00 Early Birds",
      "2 19:00 Another Hope",
      "2 19:00 Tuesday Night Hope",
      "2 07:00 Dawn Patrol",
      "6 07:00 Dawn Patrol",
    ]);
    // A meeting on two days has the feed's entry of each day.
    expect(entries.filter((e) => e.name === "Dawn Patrol").map((e) => e.slug)).toEqual(["dawn-patrol-2", "dawn-patrol-6"]);
    expect((await send(t.app, "GET", "/api/feeds/print-schedule.json?group_by=month")).statusCode).toBe(400);
  });

  it("reads the same order whatever the size of its batches and parts", async () => {
    const organizationId = async () => (await send(t.app, "GET", "/api/organization")).json<{ id: string }>().id;
    const order = async (grouping: PrintGrouping, batchSize?: number, partSize?: number) => {
      const print = new MeetingPrint(new MeetingsRepository(t.db), organizationId, batchSize, partSize);
      const found: string[] = [];
      for await (const batch of print.batches(grouping)) {
        expect(batch.length).toBeLessThanOrEqual(batchSize ?? 500);
        found.push(...batch.map(({ meeting, day }) => `${day} ${meeting.name}`));
      }
      return found;
    };
    for (const grouping of ["day", "region"] as const) {
      const whole = await order(grouping);
      expect(whole).toHaveLength(6);
      expect(await order(grouping, 1)).toEqual(whole);
      expect(await order(grouping, 4)).toEqual(whole);
      // By area, neighbouring areas are read together up to a part's size: any size, the same order.
      expect(await order(grouping, 2, 1)).toEqual(whole);
      expect(await order(grouping, 500, 3)).toEqual(whole);
    }
  });
});
