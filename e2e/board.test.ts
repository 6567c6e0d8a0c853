/**
 * The group board in a real browser: a member starts a topic behind a content warning, another
 * opens it, reacts and replies; three established members flag it until it hides itself; a
 * moderator restores it with a note; its author reads the explanation with their country's crisis
 * lines and appeals. While a member drafts words that read like crisis, the browser shows them a
 * calm panel with their country's lines and sends nothing. Every page passes axe-core's WCAG 2.2
 * AA rules, and the board works at 320 px.
 *
 * People are set up through the API the pages use (sign-up, joining, and the admin's trust
 * levels and positions), so the test spends its time on the board.
 */
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrive, createGroup, joinAsMember, startOrganization, type Member, type MemberOptions, type Organization } from "./fixtures/people";
import { BROWSER_TEST_TIMEOUT, expectAccessible } from "./harness";
import { BoardPage, ModerationPage, NoticesPage, ThreadPage } from "./pages/board";
import { GroupPage } from "./pages/groups";
import { exactly } from "./pages/words";

const GROUP = "Wednesday Grief Circle";
const admin = { handle: "lake_admin", password: "quiet lake at dawn 31" };
const PASSWORD = "slow river under willows 8";

let organization: Organization;
let groupId = "";
const people: Record<string, Member> = {};

/** Someone in their own browser profile, in the group, with the trust (and positions) the admin gave them. */
async function person(handle: string, options: MemberOptions = {}): Promise<Member> {
  people[handle] = await joinAsMember(organization, groupId, { handle, password: PASSWORD }, options);
  return people[handle];
}

async function fitsWidth(page: Page, width: number): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(width);
}

beforeAll(async () => {
  organization = await startOrganization("Lakeside Peers", admin);
  groupId = await createGroup(organization, { name: GROUP, focusAreas: ["grief_loss"], languages: ["en"], guidelines: "- What is said here stays here." });
  // The author (in the United Kingdom) and three established members who read the board.
  await person("willow", { country: "GB", trust: 2 });
  await person("fern", { trust: 2, width: 320 });
  await person("moss", { trust: 2 });
  await person("reed", { trust: 2 });
  await person("cedar", { trust: 2, moderator: true, width: 320 });
  // A new member in Mexico who reads Kindred in Spanish.
  await person("ceiba", { country: "MX", language: "es" });
}, BROWSER_TEST_TIMEOUT);

afterAll(async () => {
  await organization?.stop();
});

const TOPIC = { title: "The first winter without Mum", body: "Some days are **heavy**.\n\n- I light a candle\n- I call my sister\n\n<script>alert('x')</script>", contentWarning: "death of a parent" };

describe("the group board", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let topicPath = "";

  it("a member starts a topic behind a content warning; the warning folds it until a reader opens it", async () => {
    const { page } = people.willow!;
    const group = new GroupPage(page);
    await group.open(`/groups/${groupId}`);
    await page.getByRole("link", { name: exactly(group.t("board:board.groupLink")) }).click();
    await arrive(page, /\/board$/, "the board, empty");
    const board = new BoardPage(page);
    await page.getByText(board.t("board:board.none")).waitFor();

    await board.startTopic(TOPIC);
    await arrive(page, /\/board\/[0-9a-f-]{36}$/, "the new topic");
    topicPath = new URL(page.url()).pathname;
    const thread = new ThreadPage(page);
    expect(await thread.heading.innerText()).toBe(TOPIC.title);
    const opening = thread.opening("willow");
    const show = thread.showWarningButton(opening);
    expect(await show.getAttribute("aria-expanded")).toBe("false");
    expect(await opening.locator(".post-body").count()).toBe(0);
    await show.click();
    const hide = thread.hideWarningButton(opening);
    expect(await hide.getAttribute("aria-expanded")).toBe("true");
    // Markdown in the safe subset; the member's HTML stays text.
    expect(await opening.locator(".post-body strong").innerText()).toBe("heavy");
    expect(await opening.locator(".post-body li").allInnerTexts()).toEqual(["I light a candle", "I call my sister"]);
    expect(await opening.locator(".post-body").innerText()).toContain("<script>alert('x')</script>");
    expect(await opening.locator(".post-body script").count()).toBe(0);
    await expectAccessible(page, "the topic with its warning opened");
  });

  it("another member (on a 320 px screen) sees it new and folded, opens it, reacts and replies", async () => {
    const { page } = people.fern!;
    const board = new BoardPage(page);
    await board.open(`/groups/${groupId}/board`);
    await arrive(page, /\/board$/, "the board with a folded topic (320 px)");
    await fitsWidth(page, 320);
    const topic = board.topic(TOPIC.contentWarning);
    await topic.getByText(board.t("board:topic.unread")).waitFor();
    expect(await topic.getByRole("link", { name: exactly(TOPIC.title) }).count()).toBe(0);
    const unfold = board.showTopicButton(topic);
    expect(await unfold.getAttribute("aria-expanded")).toBe("false");
    await unfold.click();
    expect(await topic.getByRole("button", { name: board.t("board:contentWarning.hideTopic") }).getAttribute("aria-expanded")).toBe("true");
    // Opening the topic marks what the reader sees as read.
    const markedRead = page.waitForResponse((res) => res.request().method() === "PUT" && res.url().endsWith("/read"));
    await topic.getByRole("link", { name: exactly(TOPIC.title) }).click();
    await arrive(page, new RegExp(`${topicPath}$`), "the topic (320 px)");
    expect((await markedRead).status()).toBe(204);

    const thread = new ThreadPage(page);
    const opening = thread.opening("willow");
    await thread.showWarningButton(opening).click();
    const meToo = thread.reaction(opening, "me_too");
    expect(await meToo.getAttribute("aria-pressed")).toBe("false");
    await meToo.click();
    await page.getByRole("status").filter({ hasText: thread.t("board:reactions.added", { reaction: thread.t("board:reactions.me_too") }) }).waitFor();
    expect(await meToo.getAttribute("aria-pressed")).toBe("true");
    expect(await meToo.locator(".reaction-count").innerText()).toBe("1");

    await thread.writeReply("Sending you strength. The first winter was the hardest for me too.");
    const reply = thread.reply("fern");
    await reply.getByText("The first winter was the hardest for me too.").waitFor();
    await page.getByRole("status").filter({ hasText: thread.t("board:thread.replied") }).waitFor();
    await fitsWidth(page, 320);
    await expectAccessible(page, "the topic after reacting and replying (320 px)");

    // Back on the board, the topic is no longer new to this reader.
    await board.open(`/groups/${groupId}/board`);
    await arrive(page, /\/board$/, "the board after reading (320 px)");
    await board.topic(TOPIC.contentWarning).getByText(board.t("board:topic.replies_one", { count: 1 })).waitFor();
    expect(await board.topic(TOPIC.contentWarning).getByText(board.t("board:topic.unread"), { exact: true }).count()).toBe(0);

  });

  it("flags from three established members hide the post; others see a placeholder, its author sees why", async () => {
    for (const handle of ["fern", "moss", "reed"]) {
      const { page } = people[handle]!;
      const thread = new ThreadPage(page);
      await thread.open(topicPath);
      await arrive(page, new RegExp(`${topicPath}$`), `the topic as ${handle} flags it`);
      await thread.flag(thread.opening("willow"), "harmful", handle === "reed" ? "It names a method." : undefined);
    }
    await expectAccessible(people.reed!.page, "the topic after flagging");

    const { page: reedPage } = people.reed!;
    const asReed = new ThreadPage(reedPage);
    await asReed.open(topicPath);
    await asReed.hiddenPost.getByText(asReed.t("board:post.hiddenPlaceholder")).waitFor();

    const { page } = people.willow!;
    const asAuthor = new ThreadPage(page);
    await asAuthor.open(topicPath);
    await arrive(page, new RegExp(`${topicPath}$`), "the hidden topic as its author sees it");
    await asAuthor.opening("willow").getByText(asAuthor.t("board:post.hiddenByFlags")).waitFor();
  });

  it("only moderators open the queue; a moderator restores the post with a note", async () => {
    const { page: fernPage } = people.fern!;
    const notModerator = new ModerationPage(fernPage);
    await notModerator.open(`/groups/${groupId}/moderation`);
    await notModerator.heading.filter({ hasText: notModerator.t("board:access.notFoundTitle") }).waitFor();
    await expectAccessible(fernPage, "the moderation page to a member who does not moderate (320 px)");

    const { page } = people.cedar!;
    const moderation = new ModerationPage(page);
    await moderation.open(`/groups/${groupId}/moderation`);
    await arrive(page, /\/moderation$/, "the moderation queue (320 px)");
    await fitsWidth(page, 320);
    const item = moderation.queueItem(TOPIC.title);
    await item.getByText("It names a method.").waitFor();
    expect(await item.getByText(moderation.t("board:flag.reasons.harmful")).count()).toBe(3);
    await moderation.decide(item, "restore", "We looked again: your post can stay. Thank you for sharing it with the group.");
    await page.getByRole("status").filter({ hasText: moderation.t("board:moderation.postDone.restore") }).waitFor();
    await page.getByText(moderation.t("board:moderation.queueEmpty")).waitFor();
    await moderation.audit.getByText(moderation.t("board:moderation.auditActions.post_restored")).waitFor();
    await moderation.audit.getByText(moderation.t("board:moderation.auditActions.post_hidden_by_flags")).waitFor();
    await expectAccessible(page, "the moderation page after deciding (320 px)");
    await fitsWidth(page, 320);

    const { page: reedPage } = people.reed!;
    const asReed = new ThreadPage(reedPage);
    await asReed.open(topicPath);
    await asReed.opening("willow").waitFor();
  });

  it("the author reads, privately, what was decided and why, with their country's crisis lines, and appeals once", async () => {
    const { page } = people.willow!;
    const notices = new NoticesPage(page);
    await notices.open("/notices");
    await arrive(page, /\/notices$/, "the author's notices");
    const hidden = notices.notice("board:notices.headings.post_hidden", GROUP);
    await hidden.getByText(notices.t("board:notices.explain.post_hidden")).waitFor();
    await hidden.getByText("Samaritans").waitFor();
    expect(await hidden.getByRole("link", { name: notices.t("help:callNumber", { number: "999" }) }).getAttribute("href")).toBe("tel:999");
    const restored = notices.notice("board:notices.headings.post_restored", GROUP);
    await restored.getByText("We looked again: your post can stay.").waitFor();

    await hidden.getByRole("button", { name: notices.t("board:notices.appeal") }).click();
    await hidden.getByLabel(notices.t("board:notices.appealMessage")).fill("I wrote about my own loss and named nothing harmful.");
    await hidden.getByRole("button", { name: notices.t("board:notices.appealSubmit") }).click();
    await hidden.getByText(notices.t("board:notices.appealStatus.open")).waitFor();
    expect(await hidden.getByRole("button", { name: notices.t("board:notices.appeal") }).count()).toBe(0);
    await expectAccessible(page, "the notices after appealing");

    // Someone other than whoever acted (here the organization's admin) decides the appeal.
    const adminPage = await organization.adminContext.newPage();
    const moderation = new ModerationPage(adminPage);
    await moderation.open(`/groups/${groupId}/moderation`);
    await arrive(adminPage, /\/moderation$/, "the moderation page with an open appeal");
    await moderation.decideAppeal("I wrote about my own loss", "uphold", "The post is back up; the flags were not about anything harmful. Take care.");
    await adminPage.getByRole("status").filter({ hasText: moderation.t("board:moderation.appealDone.uphold") }).waitFor();
    await adminPage.getByText(moderation.t("board:moderation.appealsEmpty")).waitFor();
    await adminPage.close();

    await notices.open("/notices");
    await arrive(page, /\/notices$/, "the notices after the appeal was decided");
    const decided = notices.notice("board:notices.headings.appeal_decided", GROUP);
    await decided.getByText(notices.t("board:notices.outcomes.upheld")).waitFor();
    await decided.getByText("the flags were not about anything harmful").waitFor();
  });

  it("a draft that reads like crisis shows the writer their country's lines, and sends nothing", async () => {
    const { page } = people.willow!;
    const board = new BoardPage(page);
    await board.open(`/groups/${groupId}/board`);
    await arrive(page, /\/board$/, "the board before drafting");
    const composer = await board.openComposer();

    const sent: Request[] = [];
    const watch = (request: Request) => sent.push(request);
    page.on("request", watch);
    await composer.body.pressSequentially("Tonight I can't go on. I keep thinking about ending my life.", { delay: 5 });
    await composer.crisisPanel.waitFor();
    expect(await composer.crisisPanel.getByText("Samaritans").count()).toBe(1);
    expect(await composer.crisisPanel.getByRole("link", { name: board.t("help:callNumber", { number: "116123" }) }).getAttribute("href")).toBe("tel:116123");
    expect(await composer.crisisPanel.getByRole("link", { name: board.t("help:callNumber", { number: "999" }) }).getAttribute("href")).toBe("tel:999");
    await expectAccessible(page, "the crisis panel beside a draft");
    // Give anything that might report the draft time to go out.
    await page.waitForTimeout(1500);
    page.off("request", watch);
    expect(sent.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);

    // The writer may put the panel away.
    await composer.crisisPanel.getByRole("button", { name: board.t("board:crisisDraft.dismiss") }).click();
    expect(await composer.crisisPanel.count()).toBe(0);
  });

  it("in Spanish, a draft that reads like crisis shows the lines for the writer's country, and sends nothing", async () => {
    const { page } = people.ceiba!;
    const board = new BoardPage(page, "es");
    await board.open(`/groups/${groupId}/board`);
    await arrive(page, /\/board$/, "the board in Spanish");
    expect(await board.htmlLang()).toBe("es");
    const composer = await board.openComposer();

    const sent: Request[] = [];
    const watch = (request: Request) => sent.push(request);
    page.on("request", watch);
    await composer.body.pressSequentially("Ya no puedo más. Quiero morirme.", { delay: 5 });
    await composer.crisisPanel.waitFor();
    // No lines are listed for Mexico yet: its emergency number, and the help page.
    expect(await composer.crisisPanel.getByRole("link", { name: board.t("help:callNumber", { number: "911" }) }).getAttribute("href")).toBe("tel:911");
    await composer.crisisPanel.getByText(board.t("board:crisisDraft.noLines")).waitFor();
    await expectAccessible(page, "the crisis panel in Spanish");
    await page.waitForTimeout(1500);
    page.off("request", watch);
    expect(sent.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
  });
});
