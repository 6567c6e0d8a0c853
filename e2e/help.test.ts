import type { Browser } from "playwright-core";
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
import { HelpPage } from "./pages/help";
import { Site } from "./pages/site";

describe("getting help", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let kindred: Kindred;
  let browser: Browser;
  beforeAll(async () => {
    [kindred, browser] = await Promise.all([startKindred(), launchBrowser()]);
  }, BROWSER_TEST_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await kindred?.stop();
  });

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
