import type { Locator } from "playwright-core";
import { Site } from "./site";
import { exactly } from "./words";

/** /help: crisis lines and the emergency number, signed out and without JavaScript. */
export class HelpPage extends Site {
  /** The tap-to-call link for a number ("Call 999"). */
  callLink(number: string): Locator {
    return this.page.getByRole("main").getByRole("link", { name: exactly(this.t("help:callNumber", { number })) });
  }

  crisisLine(service: string): Locator {
    return this.page.getByRole("main").getByRole("heading", { level: 3, name: service });
  }

  get linesHeading(): Locator {
    return this.page.locator("#help-lines");
  }
}
