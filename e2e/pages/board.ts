import type { Locator } from "playwright-core";
import { Site } from "./site";
import { exactly } from "./words";

export interface NewPost {
  title?: string;
  body: string;
  contentWarning?: string;
}

/** The composer (a topic, a reply, an edit) inside `scope`, and the crisis panel beside it. */
export class Composer {
  constructor(
    private readonly site: Site,
    private readonly scope: Locator,
  ) {}

  get body(): Locator {
    return this.scope.getByLabel(exactly(this.site.t("board:composer.body")));
  }

  /** The calm panel the browser shows the writer while the draft reads like crisis. */
  get crisisPanel(): Locator {
    return this.scope.getByRole("region", { name: this.site.t("board:crisisDraft.heading") });
  }

  async fill(post: NewPost): Promise<void> {
    if (post.title !== undefined) await this.scope.getByLabel(exactly(this.site.t("board:composer.title"))).fill(post.title);
    await this.body.fill(post.body);
    if (post.contentWarning !== undefined) await this.scope.getByLabel(exactly(this.site.t("board:composer.contentWarning"))).fill(post.contentWarning);
  }

  async submit(labelKey: string): Promise<void> {
    await this.scope.getByRole("button", { name: exactly(this.site.t(labelKey)) }).click();
  }
}

/** /groups/:groupId/board: the topics and "start a topic". */
export class BoardPage extends Site {
  get startSection(): Locator {
    return this.page.getByRole("region", { name: this.t("board:start.heading") });
  }

  /** Opens "Write a new topic" and gives its composer. */
  async openComposer(): Promise<Composer> {
    await this.startSection.getByText(this.t("board:start.open")).click();
    return new Composer(this, this.startSection);
  }

  async startTopic(post: NewPost): Promise<void> {
    const composer = await this.openComposer();
    await composer.fill(post);
    await composer.submit("board:start.submit");
  }

  get topics(): Locator {
    return this.page.getByRole("region", { name: exactly(this.t("board:board.topics")) });
  }

  /** A topic in the list, found by its content warning or its title. */
  topic(text: string): Locator {
    return this.topics.getByRole("article").filter({ hasText: text });
  }

  topicLink(title: string): Locator {
    return this.topics.getByRole("link", { name: exactly(title) });
  }

  /** The button that unfolds a topic shown folded behind its content warning. */
  showTopicButton(topic: Locator): Locator {
    return topic.getByRole("button", { name: this.t("board:contentWarning.showTopic") });
  }
}

/** /groups/:groupId/board/:threadId: the topic, its replies, reactions, flags. */
export class ThreadPage extends Site {
  /** The post that opens the topic, by its author's name. */
  opening(author: string): Locator {
    return this.page.getByRole("article", { name: new RegExp(`^${this.t("board:post.openingBy", { name: author })}`) });
  }

  reply(author: string): Locator {
    return this.page.getByRole("article", { name: new RegExp(`^${this.t("board:post.replyBy", { name: author })}`) });
  }

  /** A post hidden while moderators look at it, as others see it. */
  get hiddenPost(): Locator {
    return this.page.getByRole("article", { name: this.t("board:post.hiddenLabel") });
  }

  showWarningButton(post: Locator): Locator {
    return post.getByRole("button", { name: this.t("board:contentWarning.show") });
  }

  hideWarningButton(post: Locator): Locator {
    return post.getByRole("button", { name: this.t("board:contentWarning.hide") });
  }

  reaction(post: Locator, kind: "me_too" | "thank_you" | "sending_strength"): Locator {
    return post.getByRole("group", { name: this.t("board:reactions.label") }).getByRole("button", { name: new RegExp(`^${this.t(`board:reactions.${kind}`)}`) });
  }

  get replySection(): Locator {
    return this.page.getByRole("region", { name: exactly(this.t("board:thread.replyHeading")) });
  }

  get replyComposer(): Composer {
    return new Composer(this, this.replySection);
  }

  async writeReply(body: string): Promise<void> {
    await this.replyComposer.fill({ body });
    await this.replyComposer.submit("board:thread.replySubmit");
  }

  /** Flags a post for the moderators with a reason (a key of board:flag.reasons) and waits for the thanks. */
  async flag(post: Locator, reason: string, note?: string): Promise<void> {
    await post.getByRole("button", { name: this.t("board:flag.open") }).click();
    await post.getByRole("group", { name: this.t("board:flag.legend") }).getByLabel(exactly(this.t(`board:flag.reasons.${reason}`))).check();
    if (note) await post.getByLabel(this.t("board:flag.note"), { exact: true }).fill(note);
    await post.getByRole("button", { name: this.t("board:flag.submit") }).click();
    await post.getByText(this.t("board:flag.thanks")).waitFor();
  }
}

/** /groups/:groupId/moderation: the queue, appeals and the audit log. */
export class ModerationPage extends Site {
  get queue(): Locator {
    return this.page.locator("section", { has: this.page.locator("#queue-heading") });
  }

  queueItem(text: string): Locator {
    return this.queue.getByRole("article").filter({ hasText: text });
  }

  /** Decides about a flagged post: an action (a key of board:moderation.postActions) and a note to its author. */
  async decide(item: Locator, action: "restore" | "hide" | "edit", note: string): Promise<void> {
    await item.getByText(this.t("board:moderation.decidePost")).click();
    await item.getByLabel(exactly(this.t(`board:moderation.postActions.${action}`))).check();
    await item.getByLabel(this.t("board:moderation.note"), { exact: true }).fill(note);
    await item.getByRole("button", { name: this.t("board:moderation.save") }).click();
  }

  get appeals(): Locator {
    return this.page.locator("section", { has: this.page.locator("#appeals-heading") });
  }

  /** Decides the open appeal whose message contains `text`. */
  async decideAppeal(text: string, outcome: "uphold" | "overturn", note: string): Promise<void> {
    const appeal = this.appeals.getByRole("article").filter({ hasText: text });
    await appeal.getByLabel(exactly(this.t(`board:moderation.${outcome}`))).check();
    await appeal.getByLabel(this.t("board:moderation.appealNote"), { exact: true }).fill(note);
    await appeal.getByRole("button", { name: exactly(this.t("board:moderation.decide")) }).click();
  }

  get audit(): Locator {
    return this.page.getByRole("region", { name: this.t("board:moderation.audit") });
  }
}

/** /notices: what the moderators decided, privately. */
export class NoticesPage extends Site {
  notice(headingKey: string, group: string): Locator {
    return this.page.getByRole("article", { name: this.t(headingKey, { group }) });
  }
}
