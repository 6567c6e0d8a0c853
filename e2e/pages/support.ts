import type { Locator } from "playwright-core";
import { Site } from "./site";
import { exactly } from "./words";

/** What the support pages share: the polite status line that says a change worked. */
class SupportPage extends Site {
  /** Waits until the page's status region says `text`. */
  async announced(text: string): Promise<void> {
    await this.page.getByRole("main").getByRole("status").filter({ hasText: text }).first().waitFor();
  }

  /** The link to the notification centre in the header, with the unread count in its name once there is one. */
  get notificationsLink(): Locator {
    return this.page.getByRole("navigation", { name: this.t("layout.mainNavigation") }).getByRole("link", { name: new RegExp(`^\\s*${this.t("support:nav.notifications")}`) });
  }
}

/** /check-ins: today's mood, the 90-day chart, past check-ins. */
export class CheckInsPage extends SupportPage {
  get today(): Locator {
    return this.page.getByRole("region", { name: this.t("support:checkIns.todayHeading"), exact: true });
  }

  get chart(): Locator {
    return this.page.getByRole("region", { name: this.t("support:checkIns.chartHeading"), exact: true });
  }

  get past(): Locator {
    return this.page.getByRole("region", { name: this.t("support:checkIns.pastHeading"), exact: true });
  }

  /** Checks in for today: a mood (1-5), an optional note, shared with a group or private. */
  async checkIn(mood: 1 | 2 | 3 | 4 | 5, note: string, shareWith: string | null): Promise<void> {
    await this.today.getByRole("group", { name: this.t("support:checkIns.moodLegend") }).getByLabel(exactly(this.t(`support:mood.${mood}`))).check();
    await this.today.getByLabel(this.t("support:checkIns.note"), { exact: true }).fill(note);
    const share = this.today.getByLabel(this.t("support:checkIns.share"), { exact: true });
    await share.selectOption({ label: shareWith ? this.t("support:checkIns.shareWith", { group: shareWith }) : this.t("support:checkIns.sharePrivate") });
    await this.today.getByRole("button", { name: this.t("support:checkIns.save") }).click();
  }

  /** The chart's picture, and its rows as a table ("date", "mood"). */
  get chartImage(): Locator {
    return this.chart.getByRole("img", { name: this.t("support:checkIns.chartTitle") });
  }

  async chartRows(): Promise<string[][]> {
    await this.chart.getByText(this.t("support:checkIns.chartTable")).click();
    const rows = this.chart.getByRole("table").getByRole("row");
    const texts = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell as HTMLElement).innerText.trim())));
    return texts.slice(1);
  }
}

/** /milestones */
export class MilestonesPage extends SupportPage {
  async add(kind: "sober" | "clean" | "own_words", since: string, options: { words?: string; celebrateWith?: string[] } = {}): Promise<void> {
    const form = this.page.getByRole("region", { name: this.t("support:milestones.addHeading"), exact: true });
    await form.getByRole("group", { name: this.t("support:milestones.kindLegend") }).getByLabel(exactly(this.t(`support:milestones.kind.${kind}`))).check();
    if (options.words) await form.getByLabel(this.t("support:milestones.words"), { exact: true }).fill(options.words);
    await form.getByLabel(this.t("support:milestones.since"), { exact: true }).fill(since);
    const groups = form.getByRole("group", { name: this.t("support:milestones.celebrateLegend") });
    for (const group of options.celebrateWith ?? []) await groups.getByLabel(exactly(group)).check();
    await form.getByRole("button", { name: this.t("support:milestones.add") }).click();
  }

  /** One milestone's card, by the start of its name ("Sober since"). */
  card(name: RegExp): Locator {
    return this.page.getByRole("article").filter({ has: this.page.getByRole("heading", { level: 2, name }) });
  }

  async marksReached(card: Locator): Promise<string[]> {
    return (await card.locator(".mark-list li").allInnerTexts()).map((s) => s.trim());
  }

  async startAgain(card: Locator, since: string): Promise<void> {
    await card.getByText(this.t("support:milestones.restart"), { exact: true }).click();
    await card.getByLabel(this.t("support:milestones.restartDate"), { exact: true }).fill(since);
    await card.getByRole("button", { name: this.t("support:milestones.restartSave") }).click();
  }
}

/** /buddies */
export class BuddiesPage extends SupportPage {
  section(key: string): Locator {
    return this.page.getByRole("region", { name: this.t(`support:${key}`), exact: true });
  }

  async ask(handle: string, role: "buddy" | "sponsor"): Promise<void> {
    const form = this.section("buddies.askHeading");
    await form.getByLabel(this.t("support:buddies.handle"), { exact: true }).fill(handle);
    await form.getByLabel(this.t(`support:buddies.roleChoice.${role}`)).check();
    await form.getByRole("button", { name: this.t("support:buddies.send") }).click();
  }

  async accept(name: string): Promise<void> {
    await this.section("buddies.requestsHeading").getByRole("button", { name: this.t("support:buddies.acceptName", { name }) }).click();
  }

  async openMessages(name: string): Promise<void> {
    await this.section("buddies.mineHeading").getByRole("link", { name: this.t("support:buddies.messagesWith", { name }) }).click();
  }

  /** Asks to block, returns the question shown, then confirms. */
  async block(name: string): Promise<string> {
    await this.page.getByRole("button", { name: this.t("support:buddies.blockName", { name }) }).click();
    const question = this.page.getByText(this.t("support:buddies.blockQuestion", { name }));
    await question.waitFor();
    const text = await question.innerText();
    await this.page.getByRole("button", { name: this.t("support:buddies.blockConfirm") }).click();
    return text;
  }

  /** The form's error for the handle, once shown. */
  get handleError(): Locator {
    return this.section("buddies.askHeading").locator(".field-error");
  }
}

/** /buddies/:buddyId */
export class ConversationPage extends SupportPage {
  get messages(): Locator {
    return this.page.getByRole("list", { name: /.+/ }).filter({ has: this.page.locator(".message") });
  }

  async bodies(): Promise<string[]> {
    return (await this.page.locator(".message .support-text").allInnerTexts()).map((s) => s.trim());
  }

  async send(text: string): Promise<void> {
    await this.page.getByLabel(this.t("support:conversation.message"), { exact: true }).fill(text);
    await this.page.getByRole("main").getByRole("button", { name: exactly(this.t("support:conversation.send")) }).click();
  }

  async checkForNew(): Promise<void> {
    await this.page.getByRole("button", { name: this.t("support:conversation.newer") }).click();
  }
}

/** /notifications */
export class NotificationsPage extends SupportPage {
  item(text: string): Locator {
    return this.page.getByRole("main").getByRole("listitem").filter({ hasText: text });
  }
}

/** /settings/notifications */
export class NotificationSettingsPage extends SupportPage {
  checkbox(kind: string, channel: "inApp" | "email"): Locator {
    const name = `${this.t(`support:notificationSettings.kind.${kind}`)}: ${this.t(`support:notificationSettings.${channel}`)}`;
    return this.page.getByRole("checkbox", { name: exactly(name) });
  }

  async save(): Promise<void> {
    await this.page.getByRole("main").getByRole("button", { name: this.t("support:notificationSettings.save") }).click();
  }
}
