import type { Locator } from "playwright-core";
import { Site } from "./site";
import { exactly } from "./words";

export interface NewGroup {
  name: string;
  whoFor: string;
  description: string;
  /** Keys of groups:focusArea, e.g. "grief_loss". */
  focusAreas: string[];
  /** Language names as the form shows them, e.g. "English". */
  languages: string[];
  guidelines: string;
}

/** /groups: my groups and the groups I could join. */
export class GroupsPage extends Site {
  groupLink(name: string): Locator {
    return this.page.getByRole("main").getByRole("link", { name: exactly(name) });
  }

  /** The titled section a group is listed under ("My groups", "Groups you can join"). */
  section(headingKey: string): Locator {
    return this.page.getByRole("region", { name: this.t(headingKey) });
  }
}

/** /groups/new: an organization admin starts a group. */
export class NewGroupPage extends Site {
  async create(group: NewGroup): Promise<void> {
    const form = this.page.getByRole("main");
    await form.getByLabel(exactly(this.t("groups:form.name"))).fill(group.name);
    await form.getByLabel(this.t("groups:form.whoFor"), { exact: true }).fill(group.whoFor);
    await form.getByLabel(this.t("groups:form.description"), { exact: true }).fill(group.description);
    const focus = form.getByRole("group", { name: this.t("groups:form.focusAreas") });
    for (const area of group.focusAreas) await focus.getByLabel(exactly(this.t(`groups:focusArea.${area}`))).check();
    const languages = form.getByRole("group", { name: this.t("groups:form.languages") });
    for (const language of group.languages) await languages.getByLabel(exactly(language)).check();
    await form.getByLabel(this.t("groups:form.guidelines"), { exact: true }).fill(group.guidelines);
    await form.getByRole("button", { name: this.t("groups:form.create") }).click();
  }
}

/** /groups/:groupId: about, guidelines, joining. */
export class GroupPage extends Site {
  get guidelines(): Locator {
    return this.page.getByRole("region", { name: this.t("groups:group.guidelines"), exact: true });
  }

  /** Joining, or "Your membership" once joined. */
  get membership(): Locator {
    return this.page.locator("section", { has: this.page.locator("#membership-heading") });
  }

  /** Ticks "I have read and accept the guidelines" and joins. */
  async acceptGuidelinesAndJoin(): Promise<void> {
    await this.membership.getByLabel(this.t("groups:join.accept")).check();
    await this.membership.getByRole("button", { name: this.t("groups:join.join") }).click();
    await this.membership.getByText(this.t("groups:membership.member")).waitFor();
  }
}
