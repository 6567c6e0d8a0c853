/**
 * Between meetings, in a real browser: two members of one group. One checks in (the private
 * chart shows it; shared, the group sees it) and sets a milestone (its marks show; the group
 * celebrates it because she chose so; starting again is one quiet step). She asks the other to be
 * her buddy; he finds the request in his notification centre and accepts; they write to each
 * other; he blocks her, and she can no longer reach him. Every page must pass axe-core's WCAG 2.2
 * AA rules, and the check-ins page must work at 320 px.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrive, createGroup, joinAsMember, startOrganization, type Member, type Organization } from "./fixtures/people";
import { BROWSER_TEST_TIMEOUT, expectAccessible } from "./harness";
import { BuddiesPage, CheckInsPage, ConversationPage, MilestonesPage, NotificationSettingsPage, NotificationsPage } from "./pages/support";

const admin = { handle: "meadow_admin", password: "quiet river stones 81" };
const willow = { handle: "willow", password: "willow by the water 12" };
const cedar = { handle: "cedar", password: "cedar in the morning 34" };
const GROUP = "Sunday Morning Recovery";

let organization: Organization;
let groupId = "";
/** Each member's own browser, signed in, a member of the group and trusted to send messages. */
const people: Record<"willow" | "cedar", Member> = {} as never;

/** The browser's own date, `days` from today (what the pages send as "today"). */
async function localDate(page: Page, days = 0): Promise<string> {
  return page.evaluate((shift) => {
    const d = new Date();
    d.setDate(d.getDate() + shift);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  }, days);
}

beforeAll(async () => {
  organization = await startOrganization("Meadow Intergroup", admin);
  groupId = await createGroup(organization, { name: GROUP, focusAreas: ["alcohol"], languages: ["en"] });
  // New members cannot send messages: the administrator trusts them.
  people.willow = await joinAsMember(organization, groupId, willow, { trust: 1 });
  people.cedar = await joinAsMember(organization, groupId, cedar, { trust: 1 });
}, BROWSER_TEST_TIMEOUT);

afterAll(async () => {
  await organization?.stop();
});

describe("between meetings", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it("a check-in shows in the private chart, and the group sees it once shared; the page works at 320 px", async () => {
    const { page } = people.willow;
    const checkIns = new CheckInsPage(page);
    await checkIns.open("/");
    await checkIns.go("support:nav.checkIns");
    await arrive(page, /\/check-ins$/, "the check-ins page");
    expect(await checkIns.chart.innerText()).toContain("no check-ins yet");
    expect(await checkIns.chart.locator(".mood-chart-bar").count()).toBe(0);

    await checkIns.checkIn(4, "Slept well and walked by the river.", GROUP);
    await checkIns.announced(checkIns.t("support:checkIns.savedShared", { group: GROUP }));
    const today = await localDate(page);
    // The chart: one bar, today's; 89 days visibly empty; the same as a sentence and a table.
    await checkIns.chart.locator(`.mood-chart-bar[data-date="${today}"]`).waitFor();
    expect(await checkIns.chart.locator(".mood-chart-bar").count()).toBe(1);
    expect(await checkIns.chart.locator(".mood-chart-empty").count()).toBe(89);
    await checkIns.chartImage.waitFor();
    expect(await checkIns.chart.innerText()).toMatch(/you checked in on 1 day\./);
    const rows = await checkIns.chartRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]![1]).toBe(checkIns.t("support:mood.4"));
    const past = await checkIns.past.innerText();
    expect(past).toContain("Slept well and walked by the river.");
    expect(past).toContain(checkIns.t("support:checkIns.sharedWith", { group: GROUP }));
    await expectAccessible(page, "the check-ins page with a check-in");

    // At 320 px nothing needs sideways scrolling.
    await page.setViewportSize({ width: 320, height: 720 });
    await checkIns.open("/check-ins");
    await checkIns.chart.locator(".mood-chart-bar").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page, "the check-ins page at 320 px");
    await page.setViewportSize({ width: 1280, height: 720 });

    // The group's members see what was shared.
    const other = people.cedar.page;
    await other.goto(`/groups/${groupId}/check-ins`);
    await arrive(other, new RegExp(`/groups/${groupId}/check-ins$`), "the group's shared check-ins");
    const shared = await other.getByRole("main").innerText();
    expect(shared).toContain(people.willow.name);
    expect(shared).toContain("Slept well and walked by the river.");
    expect(shared).toContain(checkIns.t("support:mood.4"));
  });

  it("a milestone shows its days and marks, the chosen group celebrates it, and starting again is one quiet step", async () => {
    const { page } = people.willow;
    const milestones = new MilestonesPage(page);
    await milestones.open("/");
    await milestones.go("support:nav.milestones");
    await arrive(page, /\/milestones$/, "the milestones page");

    await milestones.add("sober", await localDate(page, -30), { celebrateWith: [GROUP] });
    await milestones.announced(milestones.t("support:milestones.added"));
    const card = milestones.card(/^Sober since/);
    await card.waitFor();
    expect(await card.innerText()).toContain(milestones.t("support:milestones.days_other", { count: 30 }));
    expect(await milestones.marksReached(card)).toEqual([milestones.t("support:marks.hours_other", { count: 24 }), milestones.t("support:marks.days_other", { count: 30 })]);
    expect(await card.innerText()).toContain(`Next: ${milestones.t("support:marks.days_other", { count: 60 })}`);
    expect(await card.innerText()).toContain(milestones.t("support:milestones.celebratedWith", { groups: GROUP }));
    await expectAccessible(page, "the milestones page with a milestone");

    // Thirty days today: the group celebrates with her.
    const other = people.cedar.page;
    await other.goto(`/groups/${groupId}/celebrations`);
    await arrive(other, new RegExp(`/groups/${groupId}/celebrations$`), "the group's celebrations");
    expect(await other.getByRole("main").innerText()).toContain(`${people.willow.name}: 30 days sober`);

    // Starting again: the new date, nothing else.
    await milestones.startAgain(card, await localDate(page));
    await milestones.announced(milestones.t("support:milestones.restarted"));
    await card.getByText(milestones.t("support:milestones.noneReached")).waitFor();
    expect(await card.innerText()).toContain(milestones.t("support:milestones.days_other", { count: 0 }));
    await expectAccessible(page, "the milestones page after starting again");
  });

  it("a buddy request reaches the other's notification centre, is accepted, and they write to each other", async () => {
    const mine = new BuddiesPage(people.willow.page);
    await mine.open("/");
    await mine.go("support:nav.buddies");
    await arrive(mine.page, /\/buddies$/, "the buddies page");
    await mine.ask(cedar.handle, "buddy");
    await mine.announced(mine.t("support:buddies.sent", { name: people.cedar.name }));
    await mine.section("buddies.sentHeading").getByText(mine.t("support:buddies.waiting.buddy", { name: people.cedar.name })).waitFor();
    await expectAccessible(mine.page, "the buddies page with a request sent");

    // He sees the count in the header, and the request in his notification centre.
    const theirs = new NotificationsPage(people.cedar.page);
    await theirs.open("/");
    await theirs.notificationsLink.filter({ hasText: theirs.t("support:nav.unread_one", { count: 1 }) }).waitFor();
    await theirs.notificationsLink.click();
    await arrive(theirs.page, /\/notifications$/, "the notification centre");
    const request = theirs.item(theirs.t("support:notifications.kind.buddy_request", { name: people.willow.name }));
    expect(await request.innerText()).toContain(theirs.t("support:notifications.unreadTag"));
    await request.getByRole("link").click();
    await arrive(theirs.page, /\/buddies$/, "the buddies page with a request received");
    const answer = new BuddiesPage(people.cedar.page);
    await answer.accept(people.willow.name);
    await answer.announced(answer.t("support:buddies.accepted", { name: people.willow.name }));
    await answer.section("buddies.mineHeading").getByText(people.willow.name, { exact: true }).waitFor();
    await expectAccessible(answer.page, "the buddies page with a buddy");
    // Opening the notification read it.
    await theirs.open("/notifications");
    await theirs.item(theirs.t("support:notifications.kind.buddy_request", { name: people.willow.name })).waitFor();
    expect(await theirs.item(theirs.t("support:notifications.kind.buddy_request", { name: people.willow.name })).innerText()).not.toContain(theirs.t("support:notifications.unreadTag"));

    // She writes; he reads and answers; she sees the answer.
    await mine.open("/buddies");
    await mine.openMessages(people.cedar.name);
    await arrive(mine.page, /\/buddies\/[0-9a-f-]{36}$/, "a conversation with no messages");
    const conversationPath = new URL(mine.page.url()).pathname;
    const hers = new ConversationPage(people.willow.page);
    // A draft that reads like crisis shows her, and only her, the crisis panel; nothing is sent because of it.
    const writes: string[] = [];
    const watch = (request: { method(): string; url(): string }) => {
      if (request.method() !== "GET") writes.push(`${request.method()} ${request.url()}`);
    };
    hers.page.on("request", watch);
    await hers.page.getByLabel(hers.t("support:conversation.message"), { exact: true }).fill("Some nights I want to kill myself.");
    await hers.page.getByRole("heading", { name: hers.t("board:crisisDraft.heading") }).waitFor();
    await expectAccessible(hers.page, "a conversation with the crisis panel");
    hers.page.off("request", watch);
    expect(writes).toEqual([]);
    await hers.page.getByLabel(hers.t("support:conversation.message"), { exact: true }).fill("");
    await hers.page.getByRole("heading", { name: hers.t("board:crisisDraft.heading") }).waitFor({ state: "detached" });

    await hers.send("Hello Cedar, glad we met on Sunday.");
    await hers.announced(hers.t("support:conversation.sentMessage"));
    expect(await hers.bodies()).toEqual(["Hello Cedar, glad we met on Sunday."]);
    await expectAccessible(hers.page, "a conversation");

    const his = new ConversationPage(people.cedar.page);
    await his.open(conversationPath);
    await his.page.getByText("Hello Cedar, glad we met on Sunday.").waitFor();
    await his.send("Hi Willow, me too. Same time next week?");
    await his.announced(his.t("support:conversation.sentMessage"));
    expect(await his.bodies()).toEqual(["Hello Cedar, glad we met on Sunday.", "Hi Willow, me too. Same time next week?"]);

    await hers.checkForNew();
    await hers.announced(hers.t("support:conversation.newMessages_one", { count: 1 }));
    expect(await hers.bodies()).toEqual(["Hello Cedar, glad we met on Sunday.", "Hi Willow, me too. Same time next week?"]);
  });

  it("blocking says what it does, ends the buddyship, and the blocked person can no longer reach them", async () => {
    const his = new BuddiesPage(people.cedar.page);
    await his.open("/buddies");
    await his.section("buddies.mineHeading").getByText(people.willow.name, { exact: true }).waitFor();
    const question = await his.block(people.willow.name);
    expect(question).toContain("They will not be able to ask you to be buddies, write to you");
    await his.announced(his.t("support:buddies.blocked", { name: people.willow.name }));
    await his.section("buddies.blockedHeading").getByText(people.willow.name, { exact: true }).waitFor();
    expect(await his.section("buddies.mineHeading").innerText()).toContain(his.t("support:buddies.none"));
    await expectAccessible(his.page, "the buddies page after blocking");

    // Her conversation page is still open: her next message does not go through.
    const hers = new ConversationPage(people.willow.page);
    await hers.send("Are you there?");
    await hers.page.getByRole("heading", { level: 1, name: hers.t("support:conversation.notFoundTitle") }).waitFor();
    expect(await hers.alertText()).toBe(hers.t("support:conversation.ended"));
    await expectAccessible(hers.page, "a conversation that ended");

    // Nor can she ask again.
    const mine = new BuddiesPage(people.willow.page);
    await mine.open("/buddies");
    expect(await mine.section("buddies.mineHeading").innerText()).toContain(mine.t("support:buddies.none"));
    await mine.ask(cedar.handle, "sponsor");
    await mine.handleError.filter({ hasText: mine.t("support:buddies.notReachable") }).waitFor();
    await expectAccessible(mine.page, "the buddies page with a refused request");
  });

  it("notification settings: in the app per kind; email is off, with the reason, when it cannot reach the member", async () => {
    const settings = new NotificationSettingsPage(people.cedar.page);
    await settings.open("/settings");
    await settings.page.getByRole("link", { name: settings.t("support:notificationSettings.title") }).click();
    await arrive(settings.page, /\/settings\/notifications$/, "the notification settings");
    expect(await settings.checkbox("reaction", "email").isDisabled()).toBe(true);
    await settings.page.getByText(settings.t("support:notificationSettings.emailUnavailable")).waitFor();
    expect(await settings.checkbox("reaction", "inApp").isChecked()).toBe(true);
    await settings.checkbox("reaction", "inApp").uncheck();
    await settings.save();
    await settings.page.getByRole("status").filter({ hasText: settings.t("support:notificationSettings.saved") }).waitFor();
    await settings.open("/settings/notifications");
    await settings.checkbox("reaction", "inApp").waitFor();
    expect(await settings.checkbox("reaction", "inApp").isChecked()).toBe(false);
    expect(await settings.checkbox("buddy_request", "inApp").isChecked()).toBe(true);
    await expectAccessible(settings.page, "the notification settings after saving");
  });
});
