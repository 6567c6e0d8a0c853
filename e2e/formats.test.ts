/**
 * Meeting formats in a real browser (H6): a meeting's page says how it runs; an administrator
 * copies a template into the group, moves a step by keyboard (focus stays on it), saves a new
 * version and reads the earlier one. Every state passes axe-core's WCAG 2.2 AA rules.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_TEST_TIMEOUT, expectAccessible, launchBrowser, openContext, startKindred, type Kindred } from "./harness";
import { SetupPage } from "./pages/accounts";
import { Site } from "./pages/site";

let kindred: Kindred;
let browser: Browser;
let admin: BrowserContext;
let groupId = "";
let slug = "";

beforeAll(async () => {
  [kindred, browser] = await Promise.all([startKindred(), launchBrowser()]);
  admin = await openContext(browser, kindred);
  const page = await admin.newPage();
  await page.goto("/setup");
  const setup = new SetupPage(page);
  await setup.complete("Meadow Intergroup", { handle: "meadow_admin", password: "quiet river stones 81" });
  await setup.recoveryCodes.confirmSavedAndContinue();
  await page.waitForURL(/\/admin$/);
  const headers = { origin: kindred.url };
  groupId = (await (await admin.request.post("/api/groups", { data: { name: "Harbor", focusAreas: ["alcohol"], languages: ["en"] }, headers })).json()).id;
  const meeting = await admin.request.post(`/api/groups/${groupId}/meetings`, {
    headers,
    data: { name: "Evening Reflection", schedule: { repeats: { every: "week", days: [2] }, start: "19:00", timeZone: "America/New_York" }, venue: { name: "Library", address: "1 Main St", latitude: null, longitude: null, approximate: false, notes: null } },
  });
  slug = (await meeting.json()).slug;
}, BROWSER_TEST_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await kindred?.stop();
});

describe("formats in a browser", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it("copies, edits by keyboard and describes formats, all axe-clean", async () => {
    const page = await admin.newPage();
    await page.goto(`/meetings/${slug}`);
    await new Site(page).hydrated();
    await page.getByRole("heading", { name: "How this meeting runs" }).waitFor();
    expect(await page.locator("#how-it-runs-heading").evaluate((h) => h.parentElement!.textContent)).toContain("Introductions: everyone takes a turn");
    await expectAccessible(page, "the meeting page with its format");

    await page.goto(`/groups/${groupId}/formats`);
    await new Site(page).hydrated();
    await page.getByRole("heading", { name: "Add a format" }).waitFor();
    await expectAccessible(page, "the formats page, empty");
    await page.getByLabel("Start from").selectOption("grief_circle");
    await page.getByRole("button", { name: "Add this format" }).click();
    await page.getByRole("heading", { name: "Grief support circle" }).waitFor();
    await expectAccessible(page, "the formats page with a format");
    await page.getByRole("button", { name: "Edit “Grief support circle”" }).click();
    await page.getByRole("button", { name: "Move “Sharing” up" }).focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Step 3: Sharing");
    await expectAccessible(page, "the format editor");
    await page.getByLabel("Name").first().fill("Our grief circle");
    await page.getByRole("button", { name: "Save as a new version" }).click();
    await page.getByText("“Our grief circle” is saved as a new version.").waitFor();
    await page.getByText("Version 2").waitFor();
    await page.getByText("Earlier versions").click();
    await page.getByRole("button", { name: "Show version 1" }).click();
    await expectAccessible(page, "the formats page with an earlier version shown");
  });
});
