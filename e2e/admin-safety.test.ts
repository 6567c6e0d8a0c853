/**
 * The organization admin keeps people safe between meetings, in a real browser. Two members of
 * one group are buddies (set up through the API); Willow writes to Cedar, and Cedar reports two
 * of her messages from the conversation, one as a possible crisis. The admin finds them among the
 * reported messages, crisis first, each message alone; hides one with a note (Cedar no longer
 * sees its words); sets Willow's trust level by hand; and the audit log shows both. Every page
 * must pass axe-core's WCAG 2.2 AA rules.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_TEST_TIMEOUT, expectAccessible, launchBrowser, openContext, startKindred, type Kindred } from "./harness";
import { SetupPage } from "./pages/accounts";
import { AdminPage, AuditPage, FlaggedMessagesPage } from "./pages/admin";
import { Site } from "./pages/site";
import { exactly } from "./pages/words";

const admin = { handle: "meadow_admin", password: "quiet river stones 81" };
const willow = { handle: "willow", password: "willow by the water 12" };
const cedar = { handle: "cedar", password: "cedar in the morning 34" };
const GROUP = "Sunday Morning Recovery";
const UNKIND = "Nobody in that group wants you there, stop coming.";
const LOW = "I don't see the point of any of it any more.";
const NOTE = "Unkind words about the group; hidden, and I will talk with Willow.";

let kindred: Kindred;
let browser: Browser;
let adminContext: BrowserContext;
let adminPage: Page;
let groupId = "";
let conversationPath = "";
const people: Record<"willow" | "cedar", { context: BrowserContext; page: Page; memberId: string; name: string }> = {} as never;

/** A call to the API as the person of `context`, with our Origin so the CSRF check passes. */
async function call(context: BrowserContext, method: "post" | "put", path: string, data: unknown): Promise<Record<string, unknown>> {
  const res = await context.request[method](path, { data, headers: { origin: kindred.url } });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  const body = await res.text();
  return body ? (JSON.parse(body) as Record<string, unknown>) : {};
}

/** Signs up through the API, joins the group, and is trusted by the administrator (basic: may write and report). */
async function member(who: "willow" | "cedar", credentials: { handle: string; password: string }): Promise<void> {
  const context = await openContext(browser, kindred);
  const signedUp = (await call(context, "post", "/api/account", credentials)) as { member: { id: string; displayName: string } };
  const group = await (await context.request.get(`/api/groups/${groupId}`)).json();
  await call(context, "post", `/api/groups/${groupId}/join`, { acceptedGuidelinesVersion: group.guidelinesVersion });
  await call(adminContext, "put", `/api/board/trust/${signedUp.member.id}`, { level: 1 });
  people[who] = { context, page: await context.newPage(), memberId: signedUp.member.id, name: signedUp.member.displayName };
}

/** Waits for the page at `path` to be ready, then checks it with axe. */
async function arrive(page: Page, path: RegExp, where: string): Promise<void> {
  await page.waitForURL(path);
  await new Site(page).hydrated();
  await page.getByRole("main").locator(".loading").waitFor({ state: "detached" });
  await expectAccessible(page, where);
}

beforeAll(async () => {
  [kindred, browser] = await Promise.all([startKindred(), launchBrowser()]);
  adminContext = await openContext(browser, kindred);
  adminPage = await adminContext.newPage();
  await adminPage.goto("/setup");
  const setup = new SetupPage(adminPage);
  await setup.complete("Meadow Intergroup", admin);
  await setup.recoveryCodes.confirmSavedAndContinue();
  await adminPage.waitForURL(/\/admin$/);
  groupId = String((await call(adminContext, "post", "/api/groups", { name: GROUP, focusAreas: ["alcohol"], languages: ["en"] })).id);
  await member("willow", willow);
  await member("cedar", cedar);
  // Willow and Cedar are buddies; she writes to him twice.
  const asked = (await call(people.willow.context, "post", "/api/buddies", { handle: cedar.handle, role: "buddy" })) as { id: string };
  await call(people.cedar.context, "post", `/api/buddies/${asked.id}/accept`, {});
  await call(people.willow.context, "post", `/api/buddies/${asked.id}/messages`, { body: UNKIND });
  await call(people.willow.context, "post", `/api/buddies/${asked.id}/messages`, { body: LOW });
  conversationPath = `/buddies/${asked.id}`;
}, BROWSER_TEST_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await kindred?.stop();
});

describe("the organization admin keeps people safe", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it("the home page offers a signed-in member the places between meetings", async () => {
    const home = new Site(people.cedar.page);
    await home.open("/");
    const between = people.cedar.page.getByRole("region", { name: home.t("support:settingsLinkHeading"), exact: true });
    expect((await between.getByRole("link").allInnerTexts()).map((s) => s.trim())).toEqual(
      ["checkIns", "milestones", "buddies", "notifications"].map((key) => home.t(`support:nav.${key}`)),
    );
    await expectAccessible(people.cedar.page, "the home page, signed in");
  });

  it("a member reports two messages he received; the admin sees them alone, crisis first, and hides one with a note", async () => {
    // Cedar reports both from the conversation: the unkind one first, then the low one as a possible crisis.
    const his = new Site(people.cedar.page);
    await his.open(conversationPath);
    await people.cedar.page.getByText(LOW).waitFor();
    for (const [body, reason] of [
      [UNKIND, "harassment"],
      [LOW, "crisis"],
    ] as const) {
      const message = people.cedar.page.getByRole("main").getByRole("listitem").filter({ hasText: body });
      await message.getByText(his.t("support:report.open"), { exact: true }).click();
      await message.getByLabel(exactly(his.t(`support:report.reasons.${reason}`))).check();
      await message.getByRole("button", { name: exactly(his.t("support:report.submit")) }).click();
      await message.getByText(his.t("support:report.done")).waitFor();
    }

    // The admin page says two wait, and leads there.
    const home = new AdminPage(adminPage);
    await home.open("/admin");
    await home.loaded();
    await home.safety.getByText(home.t("admin:safety.waiting_other", { count: 2 })).waitFor();
    await expectAccessible(adminPage, "the admin page");
    await home.reportedMessagesLink.click();
    await arrive(adminPage, /\/admin\/flagged-messages$/, "the reported messages");

    const queue = new FlaggedMessagesPage(adminPage);
    expect(await queue.headings()).toEqual([
      `${queue.t("admin:flagged.crisis")} ${queue.t("admin:flagged.from", { name: people.willow.name })}`,
      queue.t("admin:flagged.from", { name: people.willow.name }),
    ]);
    const unkind = queue.card(UNKIND);
    expect(await unkind.innerText()).toContain(queue.t("admin:reasons.harassment"));
    expect(await unkind.innerText()).toContain(queue.t("admin:flagged.visibleNow"));
    // The message alone: not the rest of the conversation, nor who reported it.
    expect(await unkind.innerText()).not.toContain(LOW);
    expect(await adminPage.getByRole("main").innerText()).not.toContain(people.cedar.name);

    await queue.decide(unkind, "hide", NOTE);
    await queue.announced(queue.t("admin:flagged.done.hide"));
    await queue.card(UNKIND).waitFor({ state: "detached" });
    expect(await queue.headings()).toEqual([`${queue.t("admin:flagged.crisis")} ${queue.t("admin:flagged.from", { name: people.willow.name })}`]);
    await expectAccessible(adminPage, "the reported messages after a decision");

    // Cedar no longer sees its words.
    await his.open(conversationPath);
    await people.cedar.page.getByText(LOW).waitFor();
    await people.cedar.page.getByText(his.t("support:conversation.hidden")).first().waitFor();
    expect(await people.cedar.page.getByRole("main").innerText()).not.toContain(UNKIND);
  });

  it("the admin sets a trust level by hand, and the audit log shows it and the decision", async () => {
    const home = new AdminPage(adminPage);
    await home.open("/admin");
    await home.loaded();
    await home.setTrust(people.willow.name, 2);
    await home.announced(home.t("admin:trust.done", { name: people.willow.name, level: home.t("admin:trust.levels.2") }));
    await expectAccessible(adminPage, "the admin page after setting a trust level");

    await home.auditLink.click();
    await arrive(adminPage, /\/admin\/audit$/, "the audit log");
    const audit = new AuditPage(adminPage);
    const entries = await audit.texts();
    const by = { actor: admin.handle, subject: people.willow.name };
    expect(entries[0]).toContain(audit.t("admin:audit.actions.trust_set", { ...by, from: audit.t("admin:trust.levels.1"), to: audit.t("admin:trust.levels.2") }));
    expect(entries[1]).toContain(audit.t("admin:audit.actions.message_hidden", by));
    expect(entries[1]).toContain(NOTE);
    // Setting up: both members were made basic by hand.
    expect(entries.filter((e) => e.includes(audit.t("admin:trust.levels.1") + "."))).toHaveLength(2);
  });
});
