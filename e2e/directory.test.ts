/**
 * The meeting directory in a real browser: a steward lists meetings, a newcomer finds one by
 * filters and by distance (with and without JavaScript), reads its page, takes it into a calendar
 * and reports a correction, which reaches the steward without saying who sent it. Every page on
 * the way must pass axe-core's WCAG 2.2 AA rules.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_TEST_TIMEOUT, expectAccessible, launchBrowser, openContext, openScriptlessContext, startKindred, type Kindred } from "./harness";
import { downloadedText, SetupPage } from "./pages/accounts";
import { pdfLines } from "../server/features/meetings/pdf-text";
import { DirectoryPage, GroupMeetingsPage, MeetingPage, PrintSchedulePage } from "./pages/directory";

const admin = { handle: "harbor_admin", password: "lantern over still water 7" };
const ZONE = "America/New_York";
/** Two places about 1,150 km apart: a harbour in New York and a river in Chicago. */
const HARBOR = { latitude: 40.7128, longitude: -74.006 };
const RIVER = { latitude: 41.8781, longitude: -87.6298 };
const EVERY_DAY = { every: "week", days: [0, 1, 2, 3, 4, 5, 6] };

let kindred: Kindred;
let browser: Browser;
let steward: BrowserContext;
let groupId = "";

/** As the steward, through the API (the same the forms use), with our Origin so the CSRF check passes. */
async function post(path: string, data: unknown): Promise<{ id: string; slug: string }> {
  const res = await steward.request.post(path, { data, headers: { origin: kindred.url } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; slug: string };
}

function meeting(name: string, fields: Record<string, unknown>) {
  return { name, schedule: { repeats: EVERY_DAY, start: "07:00", end: "08:00", timeZone: ZONE }, access: "open", languages: ["en"], ...fields };
}

beforeAll(async () => {
  [kindred, browser] = await Promise.all([startKindred(), launchBrowser()]);
  steward = await openContext(browser, kindred, { timezoneId: ZONE });
  const page = await steward.newPage();
  await page.goto("/setup");
  const setup = new SetupPage(page);
  await setup.complete("Harbor Intergroup", admin);
  await setup.recoveryCodes.confirmSavedAndContinue();
  await page.waitForURL(/\/admin$/);
  groupId = (await post("/api/groups", { name: "Harbor Home Group", focusAreas: ["alcohol"], languages: ["en", "es"] })).id;
  await post(`/api/groups/${groupId}/meetings`, meeting("Harbor Lights", { types: ["D"], venue: { name: "Pier Hall", address: "1 Pier St, New York", ...HARBOR, approximate: false, notes: null } }));
  await post(
    `/api/groups/${groupId}/meetings`,
    meeting("Mujeres en Calma", { types: ["W"], languages: ["es"], online: { url: "https://meet.example/calma", urlNotes: null, phone: null, phoneNotes: null } }),
  );
  await post(`/api/groups/${groupId}/meetings`, meeting("Riverside Speakers", { types: ["SP"], venue: { name: "River Room", address: "2 River Rd, Chicago", ...RIVER, approximate: false, notes: null } }));
}, BROWSER_TEST_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await kindred?.stop();
});

async function newcomer(options: Parameters<typeof openContext>[2] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await openContext(browser, kindred, { timezoneId: ZONE, ...options });
  return { context, page: await context.newPage() };
}

describe("finding a meeting", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it("lists what is coming up, narrows by filters, announces the count and keeps the search in the URL", async () => {
    const { context, page } = await newcomer();
    const directory = new DirectoryPage(page);
    await directory.open("/");
    await directory.go("directory:nav");
    await page.waitForURL(/\/meetings\?tz=America%2FNew_York$/);
    await expectAccessible(page, "the directory");
    expect((await directory.names()).sort()).toEqual(["Harbor Lights", "Mujeres en Calma", "Riverside Speakers"]);
    expect(await page.locator('head link[rel="alternate"][type="application/json"]').getAttribute("href")).toBe("/api/feeds/meeting-guide.json");

    await directory.tick("attendance", directory.t("meetings:attendance.online"));
    await directory.choose("language", "Spanish");
    await directory.search();
    await directory.count.filter({ hasText: directory.t("directory:count_one", { count: 1 }) }).waitFor();
    expect(await directory.names()).toEqual(["Mujeres en Calma"]);
    expect(new URL(page.url()).searchParams.getAll("attendance")).toEqual(["online"]);
    await expectAccessible(page, "the directory with filters");

    // The same address shows the same search, filters ticked, to whoever opens it.
    const shared = page.url();
    const other = await newcomer();
    const again = new DirectoryPage(other.page);
    await again.open(new URL(shared).pathname + new URL(shared).search);
    expect(await again.names()).toEqual(["Mujeres en Calma"]);
    expect(await again.form.getByLabel(again.t("meetings:attendance.online"), { exact: true }).isChecked()).toBe(true);
    await other.context.close();

    // Words: a type by its group's place.
    await directory.open("/meetings");
    await directory.words("Pier");
    await directory.search();
    await directory.count.filter({ hasText: directory.t("directory:count_one", { count: 1 }) }).waitFor();
    expect(await directory.names()).toEqual(["Harbor Lights"]);
    expect(await page.getByRole("link", { name: directory.t("directory:subscribe") }).getAttribute("href")).toMatch(/^webcal:\/\/127\.0\.0\.1:\d+\/api\/feeds\/search\.ics\?.*q=Pier/);
    await context.close();
  });

  it("finds meetings near the browser's position, or near a typed place in miles", async () => {
    const { context, page } = await newcomer({ geolocation: { latitude: 40.72, longitude: -74.0 }, permissions: ["geolocation"] });
    const directory = new DirectoryPage(page);
    await directory.open("/meetings");
    await directory.useMyLocation();
    await page.waitForURL(/near=40\.720%2C-74\.000/);
    await directory.count.filter({ hasText: directory.t("directory:count_one", { count: 1 }) }).waitFor();
    expect(await directory.names()).toEqual(["Harbor Lights"]);
    expect(await directory.card("Harbor Lights").innerText()).toMatch(/\b0\.\d km away/);
    await expectAccessible(page, "the directory near my location");

    await directory.near(`${RIVER.latitude}, ${RIVER.longitude}`, "5", "mi");
    await directory.search();
    // The count reads "1 meeting" before and after this search: wait for the new place's results.
    await expect.poll(() => directory.names(), { timeout: 15_000 }).toEqual(["Riverside Speakers"]);
    await directory.count.filter({ hasText: directory.t("directory:count_one", { count: 1 }) }).waitFor();
    expect(await directory.card("Riverside Speakers").innerText()).toContain("0 miles away");
    await context.close();
  });

  it("works without JavaScript: the plain form searches, and the results come with the page", async () => {
    const context = await openScriptlessContext(browser, kindred);
    const page = await context.newPage();
    const directory = new DirectoryPage(page);
    await page.goto("/meetings");
    expect((await directory.names()).sort()).toEqual(["Harbor Lights", "Mujeres en Calma", "Riverside Speakers"]);
    await directory.words("Speakers");
    await directory.tick("types", directory.t("directory:type.SP"));
    await directory.search();
    await page.waitForURL(/\/meetings\?q=Speakers/);
    expect(await directory.names()).toEqual(["Riverside Speakers"]);
    await expectAccessible(page, "the directory without JavaScript");
    await context.close();
  });

  it("opened directly, works at once and brings its filters and results to life as their files arrive, with no hydration error", async () => {
    const { context, page } = await newcomer();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    const directory = new DirectoryPage(page);
    await directory.open("/meetings?day=2");
    // "Use my location" shows once the filters' own script runs (filters.tsx, loaded after the page).
    await directory.openFilters();
    await directory.form.getByRole("button", { name: directory.t("directory:myLocation") }).waitFor({ state: "visible" });
    await page.waitForURL(/tz=America%2FNew_York/);
    await directory.count.filter({ hasText: directory.t("directory:count_other", { count: 3 }) }).waitFor();
    expect(await directory.form.getByLabel(directory.t("directory:label.day"), { exact: true }).inputValue()).toBe("2");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("speaks Spanish to a Spanish browser", async () => {
    const { context, page } = await newcomer({ locale: "es-MX" });
    const directory = new DirectoryPage(page, "es");
    await directory.open("/meetings");
    expect(await directory.heading.innerText()).toBe(directory.t("directory:title"));
    await directory.count.filter({ hasText: directory.t("directory:count_other", { count: 3 }) }).waitFor();
    await expectAccessible(page, "the directory in Spanish");
    await context.close();
  });
});

describe("a meeting's page", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it("says when and where, what to expect, gives a calendar entry, and takes a correction to the steward without saying who sent it", async () => {
    const { context, page } = await newcomer({ acceptDownloads: true });
    const directory = new DirectoryPage(page);
    await directory.open("/meetings");
    await directory.card("Harbor Lights").getByRole("link", { name: "Harbor Lights" }).click();
    await page.waitForURL(/\/meetings\/harbor-lights$/);
    const meetingPage = new MeetingPage(page);
    await meetingPage.hydrated();
    await expectAccessible(page, "a meeting's page");
    expect(await meetingPage.heading.innerText()).toBe("Harbor Lights");
    await meetingPage.section("meetings:first.heading").getByText(meetingPage.t("meetings:first.speak")).waitFor();
    expect(await meetingPage.section("meetings:where.inPerson").getByRole("link", { name: meetingPage.t("meetings:where.directions") }).getAttribute("href")).toContain(
      encodeURIComponent(`${HARBOR.latitude},${HARBOR.longitude}`),
    );
    expect(await meetingPage.eventData()).toMatchObject({ "@type": "Event", name: "Harbor Lights", location: [{ "@type": "Place", name: "Pier Hall" }] });

    const calendar = await downloadedText(await meetingPage.downloadCalendar());
    expect(calendar).toContain("BEGIN:VCALENDAR");
    expect(calendar).toContain("SUMMARY:Harbor Lights");
    expect(calendar).toMatch(/RRULE:FREQ=WEEKLY/);
    expect(calendar).toContain(`TZID=${ZONE}`);

    await meetingPage.reportCorrection("The hall moved to 3 Pier St.");
    await expectAccessible(page, "a meeting's page after reporting a correction");
    await context.close();

    const stewardPage = await steward.newPage();
    const keep = new GroupMeetingsPage(stewardPage);
    await keep.open(`/groups/${groupId}/meetings`);
    await keep.corrections.getByText("The hall moved to 3 Pier St.").waitFor();
    expect(await keep.corrections.innerText()).not.toMatch(/harbor_admin|newcomer/);
    await keep.corrections.getByRole("button", { name: keep.t("meetings:corrections.markHandled") }).click();
    await keep.announced(keep.t("meetings:corrections.markedHandled"));
    await expectAccessible(stewardPage, "the group's meetings with a handled correction");
    await stewardPage.close();
  });

  it("has a correction form of its own, and answers 404 with kind words for a meeting that does not exist", async () => {
    const { context, page } = await newcomer();
    const correction = new MeetingPage(page);
    await correction.open("/meetings/harbor-lights/correction");
    expect(await correction.heading.innerText()).toBe(correction.t("meetings:correction.title"));
    await page.getByText(correction.t("meetings:correction.anonymous")).waitFor();
    await expectAccessible(page, "the correction page");

    const response = await page.goto("/meetings/no-such-meeting");
    expect(response?.status()).toBe(404);
    const meetingPage = new MeetingPage(page);
    await meetingPage.hydrated();
    expect(await meetingPage.heading.innerText()).toBe(meetingPage.t("meetings:notFound.title"));
    await context.close();
  });
});

describe("keeping a group's meetings", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it("a steward adds a meeting with the form, cancels one date, and it shows in the directory and the printed schedule", async () => {
    const page = await steward.newPage();
    const keep = new GroupMeetingsPage(page);
    await keep.open(`/groups/${groupId}`);
    await page.getByRole("link", { name: keep.t("meetings:manage.link") }).click();
    await page.waitForURL(new RegExp(`/groups/${groupId}/meetings$`));
    await keep.hydrated();
    await expectAccessible(page, "the group's meetings");
    await keep.openNewMeetingForm();
    await expectAccessible(page, "the new meeting form");
    await keep.addMeeting({ name: "Wednesday Step Study", days: ["Wednesday"], start: "19:30", end: "20:30", timeZone: ZONE, address: "5 Dock Lane, New York" });
    await page.waitForURL(new RegExp(`/groups/${groupId}/meetings$`));
    await keep.announced(keep.t("meetings:form.saved", { name: "Wednesday Step Study" }));
    await keep.meeting("Wednesday Step Study").waitFor();
    await expectAccessible(page, "the group's meetings after adding one");

    await keep.cancelDate("Wednesday Step Study", "2031-01-01");
    await keep.meeting("Wednesday Step Study").getByText(keep.t("meetings:manage.cancelledOn", { date: "Wed, Jan 1" })).waitFor();

    const print = new DirectoryPage(page);
    await print.open("/meetings/print?clock=24");
    await page.getByRole("cell", { name: /^19:30–20:30$/ }).waitFor();
    await page.getByRole("heading", { name: print.t("directory:printPage.legend") }).waitFor();
    await expectAccessible(page, "the printable schedule");

    // The same schedule as a PDF: the new meeting under its day, on the 24-hour clock, with the legend.
    const { name, pdf } = await new PrintSchedulePage(page).downloadPdf();
    expect(name).toBe("meeting-schedule.pdf");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const lines = pdfLines(pdf);
    const wednesday = lines.indexOf("Wednesday");
    expect(wednesday).toBeGreaterThan(lines.indexOf("Tuesday"));
    expect(lines.indexOf("Wednesday Step Study")).toBeGreaterThan(wednesday);
    expect(lines.indexOf("19:30–20:30")).toBeGreaterThan(wednesday);
    expect(lines.slice(lines.indexOf(print.t("directory:printPage.legend")))).toEqual(expect.arrayContaining(["SP", "Speaker", "W", "Women"]));
    await page.close();
  });

  it("downloads the printable schedule as a PDF without JavaScript, by area and in Spanish", async () => {
    const context = await openScriptlessContext(browser, kindred, { acceptDownloads: true, locale: "es-MX" });
    const page = await context.newPage();
    const print = new PrintSchedulePage(page, "es");
    await page.goto("/meetings/print?by=region");
    const { pdf } = await print.downloadPdf();
    const lines = pdfLines(pdf);
    expect(lines[1]).toBe(print.t("directory:printPage.title", { organization: "Harbor Intergroup" }));
    // No meeting names an area: one heading for them all, then the days.
    expect(lines.filter((line) => line === print.t("directory:printPage.noRegion"))).toHaveLength(1);
    expect(lines.indexOf("Domingo")).toBeGreaterThan(lines.indexOf(print.t("directory:printPage.noRegion")));
    expect(lines).toEqual(expect.arrayContaining(["Harbor Lights", "Mujeres en Calma", "Riverside Speakers", "7:00 a. m.–8:00 a. m.", "En línea"]));
    await context.close();
  });
});
