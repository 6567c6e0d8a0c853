import type { Locator } from "playwright-core";
import { Site } from "./site";
import { exactly } from "./words";

/** What the organization admin's pages share: the polite status line that says a change worked. */
class AdminSite extends Site {
  /** Waits until the page's status region says `text`. */
  async announced(text: string): Promise<void> {
    await this.page.getByRole("main").getByRole("status").filter({ hasText: text }).first().waitFor();
  }

  /** Waits until the page has loaded what it shows. */
  async loaded(): Promise<void> {
    await this.page.getByRole("main").locator(".loading").waitFor({ state: "detached" });
  }
}

/** /admin: reported messages and the audit log, the organization, its groups and its people. */
export class AdminPage extends AdminSite {
  get safety(): Locator {
    return this.page.getByRole("region", { name: this.t("admin:safety.heading"), exact: true });
  }

  get reportedMessagesLink(): Locator {
    return this.safety.getByRole("link", { name: exactly(this.t("admin:flagged.link")) });
  }

  get auditLink(): Locator {
    return this.safety.getByRole("link", { name: exactly(this.t("admin:audit.link")) });
  }

  /** One person's card in "People", by their display name. */
  person(name: string): Locator {
    return this.page
      .getByRole("region", { name: this.t("admin:people.heading"), exact: true })
      .getByRole("article")
      .filter({ has: this.page.getByRole("heading", { level: 3, name: new RegExp(`^${name}\\b`) }) });
  }

  /** Sets a person's trust level by hand (0 new, 1 basic, 2 member). */
  async setTrust(name: string, level: 0 | 1 | 2): Promise<void> {
    const card = this.person(name);
    await card.getByText(this.t("admin:trust.open", { name }), { exact: true }).click();
    await card.getByLabel(this.t("admin:trust.label"), { exact: true }).selectOption({ label: this.t(`admin:trust.levels.${level}`) });
    await card.getByRole("button", { name: exactly(this.t("admin:trust.save")) }).click();
  }
}

/** /admin/flagged-messages: reported direct messages, crisis first. */
export class FlaggedMessagesPage extends AdminSite {
  get queue(): Locator {
    return this.page.getByRole("main").getByRole("article");
  }

  /** The headings of the reported messages, in the order shown. */
  async headings(): Promise<string[]> {
    return (await this.queue.getByRole("heading", { level: 3 }).allInnerTexts()).map((s) => s.replace(/\s+/g, " ").trim());
  }

  /** The card of a reported message, by words of its body. */
  card(body: string): Locator {
    return this.queue.filter({ hasText: body });
  }

  /** Decides on a reported message: hide it, or set the reports aside, with a note. */
  async decide(card: Locator, action: "hide" | "restore", note: string, hiddenNow = false): Promise<void> {
    const label = this.t(`admin:flagged.actions.${hiddenNow ? "hidden" : "visible"}.${action}`);
    await card.getByRole("group", { name: this.t("admin:flagged.decide") }).getByLabel(exactly(label)).check();
    await card.getByLabel(this.t("admin:flagged.note"), { exact: true }).fill(note);
    await card.getByRole("button", { name: exactly(this.t("admin:flagged.save")) }).click();
  }
}

/** /admin/audit: the organization's audit log, latest first. */
export class AuditPage extends AdminSite {
  get entries(): Locator {
    return this.page.getByRole("region", { name: this.t("admin:audit.heading"), exact: true }).getByRole("listitem");
  }

  async texts(): Promise<string[]> {
    return (await this.entries.allInnerTexts()).map((s) => s.replace(/\s+/g, " ").trim());
  }
}
