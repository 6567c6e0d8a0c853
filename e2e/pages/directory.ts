import type { Download, Locator } from "playwright-core";
import { Site } from "./site";
import { exactly } from "./words";

/** /meetings: the search form and its results. */
export class DirectoryPage extends Site {
  get form(): Locator {
    return this.page.getByRole("search", { name: this.t("directory:searchLabel") });
  }

  /** The polite status that says how many meetings were found. */
  get count(): Locator {
    return this.results.getByRole("status").first();
  }

  get results(): Locator {
    return this.page.getByRole("region", { name: this.t("directory:results"), exact: true });
  }

  /** The names of the meetings listed, in order (the in-progress list included once opened). */
  async names(): Promise<string[]> {
    return (await this.results.locator("article").getByRole("heading").allInnerTexts()).map((name) => name.trim());
  }

  /** The listing of one meeting, by its name. */
  card(name: string): Locator {
    return this.results.locator("article", { has: this.page.getByRole("heading", { name: exactly(name) }) }).first();
  }

  async openFilters(): Promise<void> {
    const details = this.form.locator("details");
    if ((await details.getAttribute("open")) === null) await this.form.getByText(this.t("directory:moreFilters")).click();
  }

  async words(text: string): Promise<void> {
    await this.form.getByLabel(exactly(this.t("directory:label.q"))).fill(text);
  }

  /** Ticks a checkbox in a group of filters, e.g. ("attendance", "Online"). */
  async tick(filter: string, label: string): Promise<void> {
    await this.openFilters();
    await this.form.getByRole("group", { name: this.t(`directory:label.${filter}`) }).getByLabel(exactly(label)).check();
  }

  async choose(filter: string, label: string): Promise<void> {
    await this.openFilters();
    await this.form.getByLabel(exactly(this.t(`directory:label.${filter}`))).selectOption({ label });
  }

  async near(point: string, radius: string, unit: "km" | "mi"): Promise<void> {
    await this.openFilters();
    await this.form.getByLabel(exactly(this.t("directory:label.near"))).fill(point);
    await this.choose("radius", radius);
    await this.form.getByLabel(exactly(this.t(`directory:units.${unit}`))).check();
  }

  async useMyLocation(): Promise<void> {
    await this.openFilters();
    await this.form.getByRole("button", { name: this.t("directory:myLocation") }).click();
  }

  /** Submits the search and waits until the new count is shown. */
  async search(): Promise<void> {
    await this.form.getByRole("button", { name: exactly(this.t("directory:search")) }).click();
  }
}

/** /meetings/:slug */
export class MeetingPage extends Site {
  section(key: string): Locator {
    return this.page.getByRole("region", { name: this.t(key), exact: true });
  }

  async downloadCalendar(): Promise<Download> {
    const download = this.page.waitForEvent("download");
    await this.page.getByRole("link", { name: this.t("meetings:when.addToCalendar") }).click();
    return download;
  }

  /** Sends a correction and waits for the thanks. */
  async reportCorrection(message: string): Promise<void> {
    const section = this.section("meetings:correction.heading");
    await section.getByLabel(this.t("meetings:correction.message")).fill(message);
    await section.getByRole("button", { name: this.t("meetings:correction.send") }).click();
    await section.getByRole("status").filter({ hasText: this.t("meetings:correction.sent") }).waitFor();
  }

  /** The schema.org data in the page, parsed; null when there is none. */
  async eventData(): Promise<Record<string, unknown> | null> {
    const script = this.page.locator('script[type="application/ld+json"]');
    return (await script.count()) ? (JSON.parse(await script.innerText()) as Record<string, unknown>) : null;
  }
}

/** /meetings/print: the schedule to print, and the same as a PDF. */
export class PrintSchedulePage extends Site {
  /** Follows "Download PDF" (a plain link: it works without JavaScript) and returns the file, whole. */
  async downloadPdf(): Promise<{ name: string; pdf: Buffer }> {
    const download = this.page.waitForEvent("download");
    await this.page.getByRole("link", { name: this.t("directory:printPage.pdf") }).click();
    const file = await download;
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    return { name: file.suggestedFilename(), pdf: Buffer.concat(chunks) };
  }
}

export interface NewMeeting {
  name: string;
  /** Weekday names as the form shows them, e.g. "Wednesday". */
  days: string[];
  start: string;
  end: string;
  timeZone: string;
  address: string;
}

/** /groups/:groupId/meetings and its forms: a steward keeps the group's meetings. */
export class GroupMeetingsPage extends Site {
  async openNewMeetingForm(): Promise<void> {
    await this.page.getByRole("link", { name: this.t("meetings:manage.add") }).click();
    await this.heading.filter({ hasText: this.t("meetings:form.newTitle") }).waitFor();
  }

  /** Fills the new meeting form (open it first) and adds the meeting. */
  async addMeeting(meeting: NewMeeting): Promise<void> {
    const form = this.page.getByRole("main");
    await form.getByLabel(exactly(this.t("meetings:form.name"))).fill(meeting.name);
    const days = form.getByRole("group", { name: this.t("meetings:form.days") });
    for (const day of meeting.days) await days.getByLabel(exactly(day)).check();
    await form.getByLabel(exactly(this.t("meetings:form.start"))).fill(meeting.start);
    await form.getByLabel(exactly(this.t("meetings:form.end"))).fill(meeting.end);
    await form.getByLabel(exactly(this.t("meetings:form.timeZone"))).selectOption(meeting.timeZone);
    await form.getByLabel(exactly(this.t("meetings:form.address"))).fill(meeting.address);
    await form.getByLabel(exactly(this.t("meetings:form.accessChoice.open"))).check();
    await form.getByRole("button", { name: this.t("meetings:form.create") }).click();
  }

  meeting(name: string): Locator {
    return this.page.getByRole("main").locator("article", { has: this.page.getByRole("heading", { name: exactly(name) }) });
  }

  /** Cancels the meeting on one date ("2030-01-02"). */
  async cancelDate(name: string, date: string): Promise<void> {
    const card = this.meeting(name);
    await card.getByText(this.t("meetings:manage.changeDate")).click();
    await card.getByLabel(exactly(this.t("meetings:manage.date"))).fill(date);
    await card.getByRole("button", { name: this.t("meetings:manage.saveDate") }).click();
  }

  get corrections(): Locator {
    return this.page.getByRole("region", { name: this.t("meetings:corrections.heading") });
  }

  /** The polite announcement of what just happened. */
  async announced(text: string): Promise<void> {
    await this.page.getByRole("status").filter({ hasText: text }).first().waitFor();
  }
}
