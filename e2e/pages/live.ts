import type { Locator } from "playwright-core";
import { Site } from "./site";
import { exactly } from "./words";

/**
 * /meetings/:slug/room: the lobby, then the live room. Controls are found by role and by the
 * words people see (web/locales/<lang>/live.json, the "room" block).
 */
export class RoomPage extends Site {
  private w(key: string, values: Record<string, string | number> = {}): string {
    return this.t(`live:room.${key}`, values);
  }

  button(key: string, values: Record<string, string | number> = {}, within: Locator = this.page.getByRole("main")): Locator {
    return within.getByRole("button", { name: exactly(this.w(key, values)) });
  }

  /** From the lobby into the room (opening it early first when asked to). */
  async goIn({ openEarly = false } = {}): Promise<void> {
    await this.hydrated();
    if (openEarly) await this.button("lobby.openEarly").click();
    await this.button("lobby.goIn").click();
  }

  get stepHeading(): Locator {
    return this.page.locator("#room-step");
  }

  async waitForStep(title: string): Promise<void> {
    await this.page.locator("#room-step", { hasText: exactly(title) }).waitFor();
  }

  get waiting(): Locator {
    return this.page.getByRole("heading", { name: this.w("waiting.heading") });
  }

  /** "You are sharing": my turn has come. */
  get mySharingHeading(): Locator {
    return this.page.getByRole("heading", { name: exactly(this.w("share.youAreSharing")) });
  }

  sharingHeading(name: string): Locator {
    return this.page.getByRole("heading", { name: exactly(this.w("share.sharing", { name })) });
  }

  get composer(): Locator {
    return this.page.getByLabel(exactly(this.w("share.composer")));
  }

  /** Writes in the live composer, as a person types. */
  async write(text: string): Promise<void> {
    await this.composer.pressSequentially(text, { delay: 10 });
  }

  async finish(): Promise<void> {
    await this.button("share.finish").click();
  }

  async pass(): Promise<void> {
    await this.button("share.pass").click();
  }

  get timer(): Locator {
    return this.page.getByRole("timer");
  }

  get liveRegion(): Locator {
    return this.page.locator("main [aria-live='polite']").first();
  }

  async raiseHand(): Promise<void> {
    await this.button("hands.raise").click();
    await this.button("hands.lower").waitFor();
  }

  /** Writes in the chat, as a reply to the share going on when `replyTo` names its speaker. */
  async chat(text: string, replyTo?: string): Promise<void> {
    await this.page.getByLabel(exactly(this.w("chat.message"))).fill(text);
    if (replyTo) await this.page.getByLabel(this.w("chat.replyTo", { name: replyTo })).check();
    await this.button("chat.send").click();
  }

  get chatLog(): Locator {
    return this.page.getByRole("log", { name: this.w("chat.log") });
  }

  // ---------- the chair ----------

  get chairPanel(): Locator {
    return this.page.getByRole("region", { name: this.w("chair.heading") });
  }

  async admit(name: string): Promise<void> {
    await this.button("chair.admit", { name }, this.chairPanel).click();
  }

  nextStepButton(title: string): Locator {
    return this.button("chair.next", { title }, this.chairPanel);
  }

  async callNextHand(): Promise<void> {
    await this.button("chair.callNext", {}, this.chairPanel).click();
  }

  async remove(name: string): Promise<void> {
    await this.button("chair.remove", { name }, this.chairPanel).click();
    await this.button("chair.removeConfirm", {}, this.chairPanel).click();
  }

  async endMeeting(): Promise<void> {
    await this.button("chair.end", {}, this.chairPanel).click();
    await this.button("chair.endConfirm", {}, this.chairPanel).click();
  }

  // ---------- afterwards ----------

  get endedHeading(): Locator {
    return this.page.getByRole("heading", { name: exactly(this.w("ended.heading")) });
  }

  get slipLink(): Locator {
    return this.page.getByRole("link", { name: exactly(this.w("ended.slip")) });
  }

  /** "People here (n)", whatever n is. */
  get people(): Locator {
    const name = this.w("people.heading", { count: 0 }).replace(/\s*\(0\)$/, "");
    return this.page.getByRole("region", { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) });
  }
}

/** /attendance/:id/slip and /verify/:code */
export class SlipPage extends Site {
  get verifyLink(): Locator {
    return this.page.getByRole("main").getByRole("link", { name: /\/verify\// });
  }

  get genuine(): Locator {
    return this.page.getByText(this.t("live:room.verify.genuine"));
  }
}
