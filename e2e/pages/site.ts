import type { Locator, Page } from "playwright-core";
import { exactly, words, type Language, type Words } from "./words";

/**
 * What every page has: the header with "Get help now", the language switch and the main
 * navigation. Page objects extend it; `t` gives the interface's words in the page's language.
 */
export class Site {
  readonly t: Words;

  constructor(
    readonly page: Page,
    readonly language: Language = "en",
  ) {
    this.t = words(language);
  }

  /** Opens a path and waits until the page has come alive (React has hydrated it). */
  async open(path: string): Promise<void> {
    await this.page.goto(path);
    await this.hydrated();
  }

  /**
   * Server-rendered pages show their forms before the script takes over; a test that types and
   * submits before then would submit the bare HTML form, not what people with a working
   * connection use.
   */
  async hydrated(): Promise<void> {
    await this.page.waitForFunction(() => {
      const first = document.getElementById("root")?.firstElementChild;
      return !!first && Object.keys(first).some((key) => key.startsWith("__reactFiber"));
    }, undefined, { polling: 100 });
  }

  get header(): Locator {
    return this.page.locator("header").first();
  }

  get helpLink(): Locator {
    return this.header.getByRole("link", { name: exactly(this.t("layout.getHelpNow")) });
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  /** A link in the main navigation, by its key in common.json ("layout.settings"). */
  navLink(key: string): Locator {
    return this.page.getByRole("navigation", { name: this.t("layout.mainNavigation") }).getByRole("link", { name: exactly(this.t(key)) });
  }

  async go(key: string): Promise<void> {
    await this.navLink(key).click();
  }

  /** Switches the interface language from the header and waits until the page speaks it. */
  async switchLanguage(to: Language): Promise<void> {
    const name = { en: "English", es: "Español" }[to];
    await this.page.getByRole("navigation", { name: this.t("layout.language") }).getByRole("link", { name }).click();
    await this.page.waitForFunction((lang) => document.documentElement.lang === lang, to, { polling: 100 });
  }

  async htmlLang(): Promise<string | null> {
    return this.page.locator("html").getAttribute("lang");
  }

  /** The form's error summary (role=alert), once it shows. */
  async alertText(): Promise<string> {
    const alert = this.page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ });
    await alert.first().waitFor();
    return (await alert.first().innerText()).trim();
  }
}
