/**
 * A whole live meeting in real browsers, one profile per person: the chair opens the room early,
 * members come in, a newcomer (reading Kindred in Spanish) waits until the chair lets her in, the
 * reading shows, the check-in round goes around in turn, a member raises a hand, is called and
 * shares with the timer running until the gentle 30-second warning (the format's shares last
 * 40 s), a reply to her share is held back as crosstalk, the chair removes a disruptive member and
 * ends the meeting: the words are gone, the attendance stays, and the proof-of-attendance slip
 * verifies. axe-core checks the room in several states.
 *
 * Set-up goes through the API the pages use (sign-up, joining, positions, the group's room
 * settings and format, the meeting), so the test spends its time in the room.
 */
import type { APIRequestContext, Browser, BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_TEST_TIMEOUT, expectAccessible, launchBrowser, openContext, openScriptlessContext, startKindred, type Kindred } from "./harness";
import { SetupPage } from "./pages/accounts";
import { RoomPage, SlipPage } from "./pages/live";
import { exactly } from "./pages/words";

const PASSWORD = "slow river under willows 8";
const READING = "We meet because we found we could not do this alone.";

interface Person {
  handle: string;
  context: BrowserContext;
  page: Page;
  room: RoomPage;
}

let kindred: Kindred;
let browser: Browser;
let adminContext: BrowserContext;
let groupId = "";
let slug = "";
/** A second meeting, whose room opens by itself (it starts in ten minutes): no chair comes. */
let slugWithoutChair = "";
const people: Record<string, Person> = {};
/** One person's line to the server can be cut (their socket goes through the test), to see the room come back. */
const line = { blocked: false, current: null as { page: WebSocketRoute; server: WebSocketRoute } | null };

async function call(request: APIRequestContext, method: "POST" | "PUT", path: string, data: unknown, status = 200): Promise<Record<string, unknown>> {
  const res = await request.fetch(path, { method, data, headers: { origin: kindred.url } });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(status);
  return (await res.json()) as Record<string, unknown>;
}

/** Signs someone up in their own browser profile; members join the group, the chair also holds the position. */
async function person(handle: string, options: { member?: boolean; chair?: boolean; language?: "en" | "es"; width?: number; cuttable?: boolean } = {}): Promise<Person> {
  const context = await openContext(browser, kindred, {
    ...(options.width ? { viewport: { width: options.width, height: 800 } } : {}),
    ...(options.language === "es" ? { locale: "es-MX" } : {}),
  });
  const signedUp = await call(context.request, "POST", "/api/account", { handle, password: PASSWORD, ...(options.language ? { language: options.language } : {}) }, 201);
  const id = (signedUp.member as { id: string }).id;
  if (options.member !== false) await call(context.request, "POST", `/api/groups/${groupId}/join`, { acceptedGuidelinesVersion: 1 });
  if (options.chair) await call(adminContext.request, "PUT", `/api/groups/${groupId}/members/${id}/positions`, { positions: ["chair"] });
  const page = await context.newPage();
  if (options.cuttable) {
    await page.routeWebSocket(/\/api\/live\/socket$/, (socket) => {
      if (line.blocked) return socket.close();
      line.current = { page: socket, server: socket.connectToServer() };
    });
  }
  const found = { handle, context, page, room: new RoomPage(page, options.language ?? "en") };
  people[handle] = found;
  return found;
}

const the = (handle: string) => people[handle]!;

/** Opens the room page and goes in. */
async function enter(handle: string): Promise<void> {
  const { room } = the(handle);
  await room.open(`/meetings/${slug}/room`);
  await room.goIn();
}

beforeAll(async () => {
  [kindred, browser] = await Promise.all([startKindred(), launchBrowser()]);
  adminContext = await openContext(browser, kindred);
  const page = await adminContext.newPage();
  await page.goto("/setup");
  const setup = new SetupPage(page);
  await setup.complete("Riverside Peers", { handle: "river_admin", password: "quiet river stones 81" });
  await setup.recoveryCodes.confirmSavedAndContinue();
  await page.waitForURL(/\/admin$/);
  groupId = (await call(adminContext.request, "POST", "/api/groups", { name: "Evening Circle", focusAreas: ["alcohol"], languages: ["en"], guidelines: "Be kind." }, 201)).id as string;
  // The group's room: newcomers wait for the chair; nothing said is kept.
  await call(adminContext.request, "PUT", `/api/groups/${groupId}/live-settings`, { observersAllowed: false, waitingRoom: true, retention: "none" });
  // The group's own format (its first, so its meetings follow it): short shares, so the warning comes after 10 s.
  await call(
    adminContext.request,
    "POST",
    `/api/groups/${groupId}/formats`,
    {
      format: {
        name: "Short circle",
        description: "A welcome, a reading, a check-in round and open sharing.",
        language: "en",
        steps: [
          { id: "welcome", kind: "opening", title: "Welcome", text: "Welcome. This is peer support, not therapy.", speaking: "chair", chatOpen: false },
          { id: "reading", kind: "reading", title: "Reading", text: READING, speaking: "chair", chatOpen: false },
          { id: "check-in", kind: "check_in_round", title: "Check-in", speaking: "round", chatOpen: false, shareLimitSeconds: 40, allowPass: true },
          { id: "open", kind: "open_sharing", title: "Open sharing", speaking: "queue", chatOpen: true, shareLimitSeconds: 40, allowPass: true, crosstalkAllowed: false },
          { id: "closing", kind: "closing", title: "Closing", text: "Thank you all.", speaking: "chair", chatOpen: false },
        ],
      },
    },
    201,
  );
  // A daily online meeting starting in half an hour (so the chair may open its room now), with proof of attendance.
  const start = new Date(Date.now() + 30 * 60_000).toISOString().slice(11, 16);
  const meeting = await call(
    adminContext.request,
    "POST",
    `/api/groups/${groupId}/meetings`,
    {
      name: "Evening Circle Online",
      schedule: { repeats: { every: "week", days: [0, 1, 2, 3, 4, 5, 6] }, start, timeZone: "Etc/UTC" },
      access: "open",
      types: ["POA"],
      languages: ["en"],
      online: { url: "https://example.org/evening", urlNotes: null, phone: null, phoneNotes: null },
    },
    201,
  );
  slug = meeting.slug as string;
  slugWithoutChair = (
    await call(
      adminContext.request,
      "POST",
      `/api/groups/${groupId}/meetings`,
      {
        name: "Morning Circle Online",
        schedule: { repeats: { every: "week", days: [0, 1, 2, 3, 4, 5, 6] }, start: new Date(Date.now() + 10 * 60_000).toISOString().slice(11, 16), timeZone: "Etc/UTC" },
        access: "open",
        languages: ["en"],
        online: { url: "https://example.org/morning", urlNotes: null, phone: null, phoneNotes: null },
      },
      201,
    )
  ).slug as string;
  await person("rowan", { chair: true });
  await person("fern", { width: 320 });
  await person("moss", { cuttable: true });
  await person("reed");
  // Not a member of the group: a newcomer, who waits until the chair lets her in.
  await person("sky", { member: false, language: "es" });
}, BROWSER_TEST_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await kindred?.stop();
});

describe("a live meeting", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it("the chair opens the room; members come in; a newcomer waits and is let in; the reading shows", async () => {
    const chair = the("rowan").room;
    await chair.open(`/meetings/${slug}`);
    await chair.page.getByRole("link", { name: exactly(chair.t("live:room.meetingLink")) }).click();
    await chair.page.waitForURL(/\/room$/);
    await chair.page.getByRole("button", { name: exactly(chair.t("live:room.lobby.openEarly")) }).waitFor();
    await expectAccessible(chair.page, "the lobby before the room opens");
    await chair.goIn({ openEarly: true });
    await chair.waitForStep("Welcome");
    await chair.chairPanel.waitFor();

    for (const handle of ["fern", "moss", "reed"]) {
      await enter(handle);
      await the(handle).room.waitForStep("Welcome");
    }
    await expect.poll(() => the("fern").room.people.getByRole("listitem").count()).toBe(4);

    const sky = the("sky").room;
    await enter("sky");
    await sky.waiting.waitFor();
    await expectAccessible(sky.page, "the waiting room (in Spanish)");
    await chair.chairPanel.getByText(exactly(chair.t("live:room.people.newcomer"))).waitFor();
    await chair.admit("sky");
    await sky.waitForStep("Welcome");
    await sky.liveRegion.filter({ hasText: sky.t("live:room.waiting.admitted") }).waitFor();

    await chair.nextStepButton("Reading").click();
    for (const handle of ["rowan", "fern", "moss", "reed", "sky"]) {
      await the(handle).room.waitForStep("Reading");
      await the(handle).page.getByText(READING).waitFor();
    }
    await expectAccessible(chair.page, "the room, as the chair sees it at the reading");
  });

  it("the check-in round goes around in turn: each shares or passes, and everyone sees the words appear", async () => {
    const chair = the("rowan").room;
    // moss's connection drops just as the round begins...
    const moss = the("moss").room;
    line.blocked = true;
    await line.current!.page.close();
    await line.current!.server.close();
    await moss.page.getByText(moss.t("live:room.connection.lost")).first().waitFor();

    await chair.nextStepButton("Check-in").click();
    // In the order they came in: rowan, fern, moss, reed, sky.
    await chair.mySharingHeading.waitFor();
    await chair.write("Glad to be here tonight.");
    await the("fern").room.page.getByText("Glad to be here tonight.").waitFor();

    // ...and comes back by itself, with what was missed (the step, the words), and says so.
    line.blocked = false;
    await moss.page.getByText("Glad to be here tonight.").waitFor();
    await moss.waitForStep("Check-in");
    await moss.liveRegion.filter({ hasText: moss.t("live:room.connection.back") }).waitFor();
    await chair.finish();

    const fern = the("fern").room;
    await fern.mySharingHeading.waitFor();
    await the("moss").room.sharingHeading("fern").waitFor();
    await expectAccessible(fern.page, "the room at 320 px, while I share in the round");
    await fern.write("A hard week, but I am here.");
    await the("sky").room.page.getByText("A hard week, but I am here.").waitFor();
    await fern.finish();

    await moss.mySharingHeading.waitFor();
    await moss.pass();
    await the("reed").room.mySharingHeading.waitFor();
    await the("reed").room.write("I just want to say something loud.");
    await the("reed").room.finish();
    const sky = the("sky").room;
    await sky.mySharingHeading.waitFor();
    await sky.pass();
    await sky.page.getByText(sky.t("live:room.share.nobody")).waitFor();
  });

  it("a member raises a hand, is called, and shares with the timer running until the gentle warning; a reply is held as crosstalk", async () => {
    const chair = the("rowan").room;
    // By keyboard: the chair's focus stays on the step button as the step moves on.
    await chair.nextStepButton("Open sharing").focus();
    await chair.page.keyboard.press("Enter");
    await chair.waitForStep("Open sharing");
    await chair.nextStepButton("Closing").waitFor();
    expect(await chair.page.evaluate(() => document.activeElement?.textContent)).toBe(chair.t("live:room.chair.next", { title: "Closing" }));

    const fern = the("fern").room;
    await fern.waitForStep("Open sharing");
    await fern.raiseHand();
    await chair.page.getByRole("region", { name: chair.t("live:room.hands.heading") }).getByText("fern").waitFor();
    await chair.callNextHand();
    await fern.mySharingHeading.waitFor();
    await fern.timer.waitFor();
    expect(await fern.timer.innerText()).toMatch(/0:[0-4]\d/);
    await fern.write("Today I called my sister.");

    const moss = the("moss").room;
    await moss.page.getByText("Today I called my sister.").waitFor();
    await moss.chat("Same here, fern!", "fern");
    await moss.chatLog.getByText(moss.t("live:room.chat.held")).waitFor();
    await chair.chatLog.getByText(chair.t("live:room.chat.heldFrom", { name: "moss" })).waitFor();
    await moss.chat("Welcome, everyone.");
    await fern.chatLog.getByText("Welcome, everyone.").waitFor();
    expect(await fern.chatLog.innerText()).not.toContain("Same here, fern!");
    await expectAccessible(moss.page, "the room as a listener, with a reply held as crosstalk");

    // 30 seconds before the 40-second limit: seen, and said to screen readers.
    await fern.page.getByText(fern.t("live:room.share.warningYou")).first().waitFor();
    await fern.liveRegion.filter({ hasText: fern.t("live:room.share.warningYou") }).waitFor();
    await moss.page.getByText(moss.t("live:room.share.warningOther", { name: "fern" })).first().waitFor();
    await expectAccessible(fern.page, "the room at 320 px, sharing with the warning shown");
    expect(await fern.page.evaluate(() => document.documentElement.scrollWidth), "the room scrolls sideways at 320 px").toBeLessThanOrEqual(320);
    await moss.button("share.thank").click();
    await fern.page.getByText(fern.t("live:room.share.thanksReceived_one")).first().waitFor();
    await fern.finish();
  });

  it("the chair removes a disruptive participant", async () => {
    const chair = the("rowan").room;
    const fern = the("fern").room;
    await fern.page.getByText(fern.t("live:room.bar.report")).click();
    await fern.page.getByLabel(fern.t("live:room.report.person")).selectOption({ label: "reed" });
    await fern.page.getByLabel(fern.t("live:room.report.reason")).selectOption({ label: fern.t("live:room.report.reasons.disruptive") });
    await fern.button("report.send").click();
    await fern.page.getByRole("status").filter({ hasText: fern.t("live:room.report.sent") }).waitFor();
    await chair.chairPanel.getByText(chair.t("live:room.chair.report", { by: "fern", name: "reed", reason: chair.t("live:room.report.reasons.disruptive") })).waitFor();
    await chair.remove("reed");
    await the("reed").page.getByRole("heading", { name: the("reed").room.t("live:room.ended.removed") }).waitFor();
    await expect.poll(() => the("fern").room.people.getByText("reed").count()).toBe(0);
    await expectAccessible(chair.page, "the room with the chair's controls, after removing someone");
  });

  it("the meeting ends: the words are gone, the attendance stays, and the slip verifies", async () => {
    const chair = the("rowan").room;
    await chair.endMeeting();
    for (const handle of ["rowan", "fern", "moss", "sky"]) await the(handle).room.endedHeading.waitFor();

    const fern = the("fern").room;
    await fern.page.getByText(fern.t("live:room.ended.wordsGone")).waitFor();
    expect(await fern.page.getByRole("main").innerText()).not.toContain("Today I called my sister.");
    await fern.page.getByText(/You were here for (less than a minute|\d+ minutes?)\./).waitFor();
    await expectAccessible(fern.page, "the room after the meeting ended");

    await fern.slipLink.click();
    await fern.page.waitForURL(/\/attendance\/[^/]+\/slip$/);
    const slip = new SlipPage(fern.page);
    await slip.verifyLink.waitFor();
    await expectAccessible(fern.page, "the proof-of-attendance slip");
    await slip.verifyLink.click();
    await fern.page.waitForURL(/\/verify\//);
    await slip.genuine.waitFor();
    await fern.page.getByText("Evening Circle Online").waitFor();
    await expectAccessible(fern.page, "a slip's verification");

    // Whoever the slip is shown to needs no JavaScript: the server renders the answer.
    const scriptless = await openScriptlessContext(browser, kindred);
    const checker = await scriptless.newPage();
    await checker.goto(fern.page.url());
    const checked = new SlipPage(checker);
    await checked.genuine.waitFor();
    await checker.getByRole("main").getByText("Evening Circle Online").waitFor();
    await expectAccessible(checker, "a slip's verification, as rendered by the server");
    await scriptless.close();

    const tampered = fern.page.url().replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    await fern.page.goto(tampered);
    await fern.page.getByText(fern.t("live:room.verify.notGenuine")).waitFor();

    await fern.open("/attendance");
    await fern.page.getByRole("heading", { name: /Evening Circle Online/ }).waitFor();
    await expectAccessible(fern.page, "the meetings I attended");
  });

  it("when no chair comes, the members present choose one of them to lead for now", async () => {
    const fern = the("fern").room;
    const moss = the("moss").room;
    for (const who of [fern, moss]) {
      await who.open(`/meetings/${slugWithoutChair}/room`);
      await who.goIn();
      await who.waitForStep("Welcome");
    }
    const heading = (room: RoomPage) => room.page.getByRole("heading", { name: room.t("live:room.temporaryChair.heading") });
    await heading(moss).waitFor();
    await fern.button("temporaryChair.offer").click();
    await fern.page.getByText(fern.t("live:room.temporaryChair.offered")).waitFor();
    await expectAccessible(moss.page, "the room with no chair, someone offering to lead");
    await moss.button("temporaryChair.support", { name: "fern" }).click();
    await fern.chairPanel.waitFor();
    await fern.liveRegion.filter({ hasText: fern.t("live:room.temporaryChair.youLead") }).waitFor();
    await moss.liveRegion.filter({ hasText: moss.t("live:room.temporaryChair.leads", { name: "fern" }) }).waitFor();
    await expect(heading(moss).count()).resolves.toBe(0);
    await fern.nextStepButton("Reading").click();
    await moss.waitForStep("Reading");
  });
});
