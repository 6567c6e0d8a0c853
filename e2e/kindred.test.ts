/**
 * Kindred in a real browser: one server on an empty database, one Chromium, a fresh context per
 * person. First the foundation's whole story: a fresh Kindred is set up, its administrator starts
 * a group, and a newcomer signs up, joins, switches to Spanish, takes their data and leaves for
 * good. Then crisis help, without JavaScript and by keyboard. Every page on the way must pass
 * axe-core's WCAG 2.2 AA rules.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BROWSER_TEST_TIMEOUT,
  expectAccessible,
  launchBrowser,
  openContext,
  openScriptlessContext,
  startKindred,
  type Kindred,
} from "./harness";
import { downloadedText, SettingsPage, SetupPage, SignInPage, SignUpPage } from "./pages/accounts";
import { GroupPage, GroupsPage, NewGroupPage, type NewGroup } from "./pages/groups";
import { HelpPage } from "./pages/help";
import { Site } from "./pages/site";

const admin = { handle: "river_admin", password: "tide pool lantern 42" };
const newcomer = { handle: "quiet.heron", password: "seven pebbles under moss" };
const group: NewGroup = {
  name: "Thursday Evening Grief Circle",
  whoFor: "People grieving the death of someone close",
  description: "We meet every Thursday evening.\n\nNewcomers are welcome to listen without sharing.",
  focusAreas: ["grief_loss"],
  languages: ["English"],
  guidelines: "# Our guidelines\n\n- What is said here stays here.\n- Speak from your own experience.",
};

let kindred: Kindred;
let browser: Browser;
beforeAll(async () => {
  [kindred, browser] = await Promise.all([startKindred(), launchBrowser()]);
}, BROWSER_TEST_TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await kindred?.stop();
});

/** Waits for the page at `path` to be ready, then checks it with axe. */
async function arrive(page: Page, path: RegExp, where: string): Promise<void> {
  await page.waitForURL(path);
  await new Site(page).hydrated();
  await expectAccessible(page, where);
}

describe("a member's journey on a new Kindred", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let groupPath = "";

  it("the first visit sets Kindred up, and the administrator starts a group with guidelines", async () => {
    const context = await openContext(browser, kindred);
    const page = await context.newPage();

    await page.goto("/");
    await arrive(page, /\/setup$/, "the setup page");
    const setup = new SetupPage(page);
    await setup.complete("Riverside Intergroup", admin);
    expect(await setup.recoveryCodes.shown()).toHaveLength(10);
    await expectAccessible(page, "the administrator's recovery codes");
    await setup.recoveryCodes.confirmSavedAndContinue();
    await arrive(page, /\/admin$/, "the admin page after setup");
    expect(await setup.header.innerText()).toContain("Riverside Intergroup");

    await setup.go("layout.myGroups");
    await arrive(page, /\/groups$/, "the administrator's groups page");
    await page.getByRole("link", { name: setup.t("groups:startGroup") }).click();
    await arrive(page, /\/groups\/new$/, "the new group form");
    await new NewGroupPage(page).create(group);
    await arrive(page, /\/groups\/[0-9a-f-]{36}$/, "the new group's page");
    expect(await setup.heading.innerText()).toBe(group.name);
    groupPath = new URL(page.url()).pathname;
    await context.close();
  });

  it("a newcomer signs up, keeps the recovery codes, accepts the guidelines, joins, switches to Spanish, exports and deletes", async () => {
    expect(groupPath, "the group from the first step").not.toBe("");
    const context = await openContext(browser, kindred, { acceptDownloads: true });
    const page = await context.newPage();

    // Sign up and keep the recovery codes.
    const home = new Site(page);
    await home.open("/");
    await expectAccessible(page, "the home page");
    await home.go("layout.signUp");
    await arrive(page, /\/signup$/, "the sign-up page");
    const signUp = new SignUpPage(page);
    await signUp.signUp(newcomer);
    const codes = await signUp.recoveryCodes.shown();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    await expectAccessible(page, "the recovery codes");
    const codesFile = await downloadedText(await signUp.recoveryCodes.download());
    for (const code of codes) expect(codesFile).toContain(code);
    await signUp.recoveryCodes.confirmSavedAndContinue();
    await arrive(page, /\/groups$/, "the newcomer's groups page");

    // Read the guidelines, accept them, join.
    const groups = new GroupsPage(page);
    await groups.section("groups:list.canJoin").getByRole("link", { name: group.name }).click();
    await arrive(page, new RegExp(`${groupPath}$`), "the group's page");
    const groupPage = new GroupPage(page);
    await groupPage.guidelines.getByText("What is said here stays here.").waitFor();
    await groupPage.acceptGuidelinesAndJoin();
    await expectAccessible(page, "the group's page after joining");
    await groupPage.go("layout.myGroups");
    await groups.section("groups:list.mine").getByRole("link", { name: group.name }).waitFor();

    // Switch to Spanish: the interface follows, and stays so on the next page.
    await groups.switchLanguage("es");
    const inSpanish = new SettingsPage(page, "es");
    await inSpanish.helpLink.waitFor();
    await expectAccessible(page, "the groups page in Spanish");
    await inSpanish.go("layout.settings");
    await arrive(page, /\/settings$/, "the settings page in Spanish");
    expect(await inSpanish.htmlLang()).toBe("es");
    expect(await inSpanish.heading.innerText()).toBe(inSpanish.t("account:settings.heading"));

    // Export my data.
    const exported = JSON.parse(await downloadedText(await inSpanish.exportMyData()));
    expect(exported.account).toMatchObject({ handle: newcomer.handle, language: "es" });
    expect(exported.memberships).toEqual([expect.objectContaining({ groupName: group.name, status: "active" })]);
    expect(exported.guidelineAcceptances).toEqual([expect.objectContaining({ groupName: group.name, version: 1 })]);
    expect(JSON.stringify(exported)).not.toContain(newcomer.password);

    // Delete the account; signing in with it then fails.
    await inSpanish.deleteAccount(newcomer.password, "delete");
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByText(inSpanish.t("home:accountDeleted")).waitFor();
    await expectAccessible(page, "the home page after deleting the account");
    await inSpanish.go("layout.signIn");
    await arrive(page, /\/signin$/, "the sign-in page");
    const signIn = new SignInPage(page, "es");
    await signIn.signIn(newcomer);
    expect(await signIn.alertText()).toContain(signIn.t("account:signin.wrong"));
    await expectAccessible(page, "the sign-in page with its error");
    await context.close();
  });
});

describe("getting help", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it.each([
    { locale: "en-GB", language: "en" as const, emergency: "999", line: "Samaritans", number: "116123" },
    { locale: "es-US", language: "es" as const, emergency: "911", line: "988 Suicide & Crisis Lifeline", number: "988" },
  ])("shows the lines and emergency number for $locale without JavaScript", async ({ locale, language, emergency, line, number }) => {
    const context = await openContext(browser, kindred, { javaScriptEnabled: false, locale });
    const page = await context.newPage();
    const help = new HelpPage(page, language);
    await page.goto("/help");

    expect(await help.htmlLang()).toBe(language);
    expect(await help.heading.innerText()).toBe(help.t("help:heading"));
    expect(await help.callLink(emergency).getAttribute("href")).toBe(`tel:${emergency}`);
    await help.crisisLine(line).waitFor();
    expect(await help.callLink(number).getAttribute("href")).toBe(`tel:${number}`);

    // Another country, chosen with the plain form.
    await page.getByLabel(help.t("help:countryLabel"), { exact: true }).selectOption("AU");
    await page.getByRole("button", { name: help.t("help:showLines") }).click();
    await page.waitForURL(/\/help\?country=AU$/);
    expect(await help.callLink("000").getAttribute("href")).toBe("tel:000");
    await help.crisisLine("Lifeline").waitFor();
    await context.close();

    const scriptless = await openScriptlessContext(browser, kindred, { locale });
    const same = await scriptless.newPage();
    await same.goto("/help");
    await expectAccessible(same, `/help (${locale}, as rendered by the server)`);
    await scriptless.close();
  });

  it('reaches "Get help now" within the first two Tab presses, and it opens the help page', async () => {
    const context = await openContext(browser, kindred);
    const page = await context.newPage();
    const site = new Site(page);
    await site.open("/");

    let focused = "";
    for (let presses = 0; presses < 2 && focused !== site.t("layout.getHelpNow"); presses++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText.trim() ?? "");
    }
    expect(focused).toBe(site.t("layout.getHelpNow"));
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/help$/);
    await new HelpPage(page).callLink("911").waitFor();
    await expectAccessible(page, "/help (reached by keyboard)");
    await context.close();
  });
});
