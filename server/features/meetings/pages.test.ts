import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, signUp, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { ensureBuilt, stateOf } from "../web/testing";
import { addMeeting, clockedApp, createGroup, meetingBody, type ClockedApp } from "./test-helpers";

/** What the page shows, without markup: what a reader without JavaScript sees. */
const textOf = (html: string) =>
  /<main[^>]*>([^]*)<\/main>/
    .exec(html)![1]!
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

/** The names of the meetings listed, in order. */
const listed = (html: string) => [...html.matchAll(/<h[34]><a href="\/meetings\/[^"]+"[^>]*>([^<]+)<\/a><\/h[34]>/g)].map((m) => m[1]);

/** A page React could not render on the server says so in a template; a page must never need that. */
function expectRendered(html: string): void {
  expect(html).not.toContain("Switched to client rendering");
  expect(textOf(html)).not.toContain("Loading…");
}

describe.each(dialects)("the directory's pages without JavaScript, on %s", (dialect) => {
  let t: ClockedApp;
  let hope: { id: string; slug: string };
  let outsider: Person;
  let hiddenSlug: string;

  beforeAll(async () => {
    ensureBuilt();
    // Tuesday 4 March 2025, 18:30 in New York.
    t = await clockedApp(dialect, "2025-03-04T23:30:00Z", "Harbor Intergroup");
    const group = await createGroup(t.app, t.admin, { name: "Steady <Ground>", languages: ["en", "es"] });
    hope = await addMeeting(t.app, t.admin, group.id, meetingBody({ name: "Tuesday Night </script> Hope" }));
    // In progress now: 18:00 to 19:30.
    await addMeeting(
      t.app,
      t.admin,
      group.id,
      meetingBody({ name: "Early Birds", types: ["W"], online: { url: "https://meet.example/birds", urlNotes: null, phone: null, phoneNotes: null } }, { start: "18:00", end: "19:30" }),
    );
    // Saturdays in Chicago, about 1,150 km from New York, in Spanish.
    await addMeeting(
      t.app,
      t.admin,
      group.id,
      meetingBody(
        { name: "Sábado en Calma", types: ["SP"], languages: ["es"], regions: ["Illinois", "Chicago"], venue: { name: "River Room", address: "2 River Rd, Chicago", latitude: 41.8781, longitude: -87.6298, approximate: false, notes: null } },
        { repeats: { every: "week", days: [6] }, timeZone: "America/Chicago" },
      ),
    );
    const hidden = await createGroup(t.app, t.admin, { name: "Quiet Room", visibility: "unlisted" });
    hiddenSlug = (await addMeeting(t.app, t.admin, hidden.id, meetingBody({ name: "Quiet Room Monday" }))).slug;
    outsider = await signUp(t.app, "passer_by");
  }, 120_000);
  afterAll(async () => t?.close());

  describe("the directory", () => {
    it("shows by default what is in progress, what starts soon and what comes later, with the feed advertised in the head", async () => {
      const res = await send(t.app, "GET", "/meetings");
      expect(res.statusCode).toBe(200);
      expectRendered(res.body);
      const head = res.body.slice(0, res.body.indexOf("</head>"));
      expect(head).toContain('<link rel="alternate" type="application/json" title="Meetings Feed" href="/api/feeds/meeting-guide.json"/>');
      expect(res.body).toMatch(/<form [^>]*role="search"[^>]*action="\/meetings" method="get"/);
      const text = textOf(res.body);
      expect(text).toMatch(/1 meeting in progress now Early Birds/);
      expect(text).toMatch(/Starting soon Tuesday Night <\/script> Hope Tue, Mar 4, 7:00 PM EST/);
      expect(text).toMatch(/Later .*Sábado en Calma Sat, Mar 8, 7:00 PM CST/);
      expect(stateOf(res.body).pageData).toMatchObject({ name: "directory", data: { results: { nextCursor: null }, inProgress: { meetings: [{ name: "Early Birds" }] } } });
    });

    it("reads the filters from the URL, as the plain form sends them (blank fields mean any)", async () => {
      const form = "q=&day=&timeOfDay=&startingWithinHours=&focus=&language=es&near=&radius=25&unit=km&tz=";
      const res = await send(t.app, "GET", `/meetings?${form}&types=SP`);
      expect(res.statusCode).toBe(200);
      expectRendered(res.body);
      expect(listed(res.body)).toEqual(["Sábado en Calma"]);
      expect(textOf(res.body)).toContain("1 meeting found.");
      // The filters chosen are ticked, so the next search starts from them.
      expect(res.body).toMatch(/<details class="filters" open="">/);
      expect(res.body).toMatch(/<input id="search-types-SP"[^>]* checked=""/);
      expect(res.body).toContain('<a href="/api/feeds/search.ics?language=es&amp;radius=25&amp;unit=km&amp;types=SP">');
    });

    it("finds meetings near a typed place, with their distance, and shows times on the reader's clock", async () => {
      const res = await send(t.app, "GET", "/meetings?near=41.88,-87.63&radius=10&unit=mi&tz=America/Los_Angeles");
      expectRendered(res.body);
      expect(listed(res.body)).toEqual(["Sábado en Calma"]);
      const text = textOf(res.body);
      expect(text).toMatch(/Sat, Mar 8, 5:00 PM PST \(in the meeting's time zone: Sat, Mar 8, 7:00 PM CST\)/);
      expect(text).toMatch(/River Room · 0(\.\d)? miles away/);
    });

    it("answers 400 and names the filter it cannot read", async () => {
      const res = await send(t.app, "GET", "/meetings?near=the+harbour");
      expect(res.statusCode).toBe(400);
      expectRendered(res.body);
      expect(textOf(res.body)).toContain("This search could not be read. Please check: Latitude, longitude.");
    });

    it("never lists the meetings of an unlisted group", async () => {
      const res = await send(t.app, "GET", "/meetings?q=Quiet");
      expect(listed(res.body)).toEqual([]);
      expect(textOf(res.body)).toContain("No meetings match this search.");
    });

    it("speaks Spanish, and names the kinds of meeting as the Meeting Guide spec does", async () => {
      const res = await send(t.app, "GET", "/meetings", { headers: { "accept-language": "es-MX,es;q=0.9" } });
      expectRendered(res.body);
      const text = textOf(res.body);
      expect(text).toContain("Encontrar una reunión");
      expect(text).toContain("Encontramos 3 reuniones.");
      expect(text).toContain("Orador");
      expect(text).toMatch(/mar, 4 mar, 19:00/);
    });
  });

  describe("a meeting's page", () => {
    it("is complete without JavaScript: when, where, what to expect, calendar, and the correction form", async () => {
      const res = await send(t.app, "GET", `/meetings/${hope.slug}`);
      expect(res.statusCode).toBe(200);
      expectRendered(res.body);
      expect(res.body).toContain("<title>Tuesday Night &lt;/script&gt; Hope · Harbor Intergroup</title>");
      const text = textOf(res.body);
      expect(text).toContain("Every Tuesday, 7:00 PM to 8:00 PM (America/New York time).");
      expect(text).toMatch(/Next meetings, on your clock Tue, Mar 4, 7:00 PM EST Tue, Mar 11, 7:00 PM EDT/);
      expect(text).toContain("St. Mark's Hall 12 Main St, Springfield Side door");
      expect(text).toContain("This is an open meeting");
      expect(text).toContain("You don't have to speak.");
      expect(text).toContain("Your report does not say who sent it.");
      expect(res.body).toContain('href="https://www.google.com/maps/dir/?api=1&amp;destination=40.7128%2C-74.006"');
      expect(res.body).toContain(`href="http://localhost:3000/api/feeds/meetings/${hope.slug}.ics"`);
      expect(res.body).toMatch(/<textarea [^>]*name="message"/);
    });

    it("describes a public meeting as a schema.org Event that cannot break out of its script element", async () => {
      const res = await send(t.app, "GET", `/meetings/${hope.slug}`);
      const scripts = [...res.body.matchAll(/<script type="application\/ld\+json">([^]*?)<\/script>/g)].map((m) => m[1]!);
      expect(scripts).toHaveLength(1);
      expect(scripts[0]).not.toMatch(/[<>&]/);
      expect(JSON.parse(scripts[0]!)).toMatchObject({
        "@context": "https://schema.org",
        "@type": "Event",
        name: "Tuesday Night </script> Hope",
        startDate: "2025-03-05T00:00:00.000Z",
        eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
        location: [{ "@type": "Place", name: "St. Mark's Hall", geo: { latitude: 40.7128, longitude: -74.006 } }],
        organizer: { name: "Steady <Ground>" },
        eventSchedule: { repeatFrequency: "P1W", byDay: ["https://schema.org/Tuesday"], scheduleTimezone: "America/New_York" },
      });
    });

    it("answers 404 for a meeting that does not exist, or that the reader may not see", async () => {
      for (const [path, as] of [["/meetings/no-such-meeting", null], [`/meetings/${hiddenSlug}`, null], [`/meetings/${hiddenSlug}`, outsider]] as const) {
        const res = await send(t.app, "GET", path, { as });
        expect(res.statusCode, path).toBe(404);
        expect(res.body).toContain("<h1>Meeting not found</h1>");
        expect(res.body).not.toContain("Quiet Room");
        expect(res.body).not.toContain("application/ld+json");
      }
      const admin = await send(t.app, "GET", `/meetings/${hiddenSlug}`, { as: t.admin });
      expect(admin.statusCode).toBe(200);
      expect(admin.body).not.toContain("application/ld+json");
    });

    it("has a page of its own for reporting a correction (the feed's feedback_url)", async () => {
      const res = await send(t.app, "GET", `/meetings/${hope.slug}/correction`);
      expect(res.statusCode).toBe(200);
      expectRendered(res.body);
      expect(res.body).toContain("<h1>Report a correction</h1>");
      expect(textOf(res.body)).toContain("Your report does not say who sent it.");
    });

    it("speaks Spanish", async () => {
      const res = await send(t.app, "GET", `/meetings/${hope.slug}`, { headers: { "accept-language": "es" } });
      const text = textOf(res.body);
      expect(text).toContain("Cada martes, de 19:00 a 20:00 (hora de America/New York).");
      expect(text).toContain("No tienes que hablar.");
      expect(text).toContain("Tipo de reunión: Discusión.");
    });
  });

  describe("the printable schedule", () => {
    it("groups the week by day then area, in 24-hour time, with a legend of the codes used", async () => {
      const res = await send(t.app, "GET", "/meetings/print?clock=24");
      expect(res.statusCode).toBe(200);
      expectRendered(res.body);
      const text = textOf(res.body);
      expect(text).toMatch(/Tuesday New York › Manhattan Time Meeting Where Codes 18:00–19:30 Early Birds .* 19:00–20:00 Tuesday Night <\/script> Hope .*Saturday Illinois › Chicago/);
      expect(text).toMatch(/What the codes mean .*SP Speaker .*W Women/);
      expect(text).not.toContain("Quiet Room");
    });

    it("groups by area first when asked", async () => {
      const res = await send(t.app, "GET", "/meetings/print?by=region");
      const text = textOf(res.body);
      expect(text).toMatch(/Illinois › Chicago Saturday .*7:00 PM.* New York › Manhattan Tuesday/);
    });
  });
});
