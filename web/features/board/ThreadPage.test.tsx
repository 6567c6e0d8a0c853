// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { member, renderPage, type FakeServer } from "../groups/testing";
import type { BoardPost, ThreadDetail } from "./api";

const GROUP = "0190f5c2-0000-7000-8000-0000000000aa";
const THREAD = "0190f5c2-0000-7000-8000-0000000000bb";
const REPLY = "0190f5c2-0000-7000-8000-0000000000cc";
const ME = member({ handle: "river", displayName: "River" });
const OTHER = { memberId: "0190f5c2-0000-7000-8000-000000000002", displayName: "Ash" };
const NOBODY = { edit: false, delete: false, react: false, flag: false };

const reactions = (meToo = 0, mine = false) => [
  { kind: "me_too" as const, count: meToo, mine },
  { kind: "thank_you" as const, count: 0, mine: false },
  { kind: "sending_strength" as const, count: 0, mine: false },
];

function post(overrides: Partial<BoardPost> = {}): BoardPost {
  return {
    id: THREAD,
    threadId: THREAD,
    groupId: GROUP,
    title: "Hard evenings",
    body: "Evenings are **hard**.",
    contentWarning: null,
    author: OTHER,
    state: "visible",
    hidden: null,
    createdAt: "2026-11-20T18:00:00.000Z",
    editedAt: null,
    reactions: reactions(),
    mine: false,
    can: { ...NOBODY, react: true, flag: true },
    ...overrides,
  };
}

function detail(opening: BoardPost, can: Partial<ThreadDetail["can"]> = {}): ThreadDetail {
  return {
    thread: {
      id: THREAD,
      groupId: GROUP,
      title: opening.title,
      contentWarning: opening.contentWarning,
      author: opening.author,
      state: opening.state,
      pinned: false,
      replyCount: 1,
      createdAt: opening.createdAt,
      lastActivityAt: opening.createdAt,
      unread: false,
    },
    opening,
    lastReadCursor: null,
    can: { reply: true, pin: false, moderate: false, ...can },
  };
}

const myReply = post({ id: REPLY, title: null, body: "Same here.", author: { memberId: ME.id, displayName: "River" }, mine: true, can: { ...NOBODY, edit: true, delete: true } });

function server(opening: BoardPost, extra: FakeServer = {}, can: Partial<ThreadDetail["can"]> = {}): FakeServer {
  return {
    [`GET /api/board/threads/${THREAD}`]: { status: 200, body: detail(opening, can) },
    [`GET /api/board/threads/${THREAD}/replies`]: { status: 200, body: { replies: [myReply], nextCursor: null } },
    [`GET /api/groups/${GROUP}`]: { status: 404, body: { type: "urn:kindred:problem:notFound", title: "Not found", status: 404 } },
    ...extra,
  };
}

const PATH = `/groups/${GROUP}/board/${THREAD}`;
let page: Awaited<ReturnType<typeof renderPage>> | undefined;
afterEach(async () => {
  await page?.unmount();
  page = undefined;
});

describe("a topic's page", () => {
  it("folds a post behind its content warning until the reader opens it", async () => {
    page = await renderPage(PATH, server(post({ contentWarning: "loss of a child" })), { member: ME });
    await page.waitForText("loss of a child");
    const show = page.button("Show the post");
    expect(show.getAttribute("aria-expanded")).toBe("false");
    expect(page.text()).not.toContain("Evenings are");
    await page.click(show);
    expect(page.button("Hide the post").getAttribute("aria-expanded")).toBe("true");
    expect(page.main().querySelector(".post-body strong")?.textContent).toBe("hard");
  });

  it("toggles a reaction and shows its count", async () => {
    page = await renderPage(
      PATH,
      server(post(), {
        [`PUT /api/board/posts/${THREAD}/reactions/me_too`]: { status: 200, body: { postId: THREAD, reactions: reactions(1, true) } },
      }),
      { member: ME },
    );
    await page.waitForText("Evenings are");
    const meToo = page.button("Me too 0");
    expect(meToo.getAttribute("aria-pressed")).toBe("false");
    await page.click(meToo);
    await page.waitFor(() => page!.hasButton("Me too 1"), "the new count");
    expect(page.button("Me too 1").getAttribute("aria-pressed")).toBe("true");
    expect(page.status()).toBe("You reacted: Me too.");
  });

  it("asks for a reason before flagging, then thanks the flagger", async () => {
    page = await renderPage(
      PATH,
      server(post(), { [`POST /api/board/posts/${THREAD}/flags`]: { status: 201, body: { postId: THREAD, reason: "crisis", status: "received" } } }),
      { member: ME },
    );
    await page.waitForText("Evenings are");
    await page.click(page.button("Flag for the moderators"));
    await page.click(page.button("Send to the moderators"));
    await page.waitForText("Choose what is wrong.");
    expect(page.sent.filter((r) => r.method === "POST")).toEqual([]);
    await page.click(page.field("Someone may be in crisis") as HTMLInputElement);
    await page.type(page.field("A note for the moderators (optional)"), "They wrote about tonight.");
    await page.click(page.button("Send to the moderators"));
    await page.waitForText("Thank you for looking out for the group.");
    expect(page.sent.find((r) => r.method === "POST")).toEqual({
      method: "POST",
      path: `/api/board/posts/${THREAD}/flags`,
      body: { reason: "crisis", note: "They wrote about tonight." },
    });
    expect(page.text()).toContain("crisis lines are one tap away");
  });

  it("lets the author edit and delete their reply", async () => {
    page = await renderPage(
      PATH,
      server(post(), {
        [`PATCH /api/board/posts/${REPLY}`]: (request) => ({ status: 200, body: { ...myReply, body: (request.body as { body: string }).body, editedAt: "2026-11-21T08:00:00.000Z" } }),
        [`DELETE /api/board/posts/${REPLY}`]: { status: 204 },
      }),
      { member: ME },
    );
    await page.waitForText("Same here.");
    await page.click(page.button("Edit my post"));
    const body = page.field("What you want to say");
    expect(body.value).toBe("Same here.");
    await page.type(body, "Same here, every evening.");
    await page.click(page.button("Save changes"));
    await page.waitForText("Same here, every evening.");
    expect(page.sent.find((r) => r.method === "PATCH")?.body).toEqual({ body: "Same here, every evening.", contentWarning: null });
    expect(page.text()).toContain("edited");

    await page.click(page.button("Delete"));
    await page.click(page.button("Yes, delete it"));
    await page.waitForText("This post was deleted.");
    expect(page.sent.some((r) => r.method === "DELETE" && r.path === `/api/board/posts/${REPLY}`)).toBe(true);
  });

  it("shows the crisis panel beside a reply that reads like crisis, without sending anything", async () => {
    page = await renderPage(PATH, server(post()), { member: ME });
    await page.waitForText("Evenings are");
    // Nothing that carries the words leaves the browser (the header may still load its unread count).
    const before = page.sent.filter((r) => r.method !== "GET").length;
    await page.type(page.field("What you want to say"), "Honestly I want to die tonight");
    await page.waitForText("You don't have to carry this alone");
    expect(page.sent.filter((r) => r.method !== "GET").length).toBe(before);
    expect(page.sent.some((r) => JSON.stringify(r).includes("die tonight"))).toBe(false);
    await page.click(page.button("Hide this"));
    expect(page.text()).not.toContain("You don't have to carry this alone");
  });

  it("offers moderators a pin, and tells others a hidden post is being looked at", async () => {
    page = await renderPage(
      PATH,
      server(post({ title: null, body: null, author: null, state: "hidden", can: NOBODY }), {
        [`PUT /api/board/threads/${THREAD}/pin`]: { status: 200, body: { ...detail(post()).thread, pinned: true } },
      }, { pin: true, moderate: true }),
      { member: ME },
    );
    await page.waitForText("This post is hidden while the moderators look at it.");
    await page.click(page.button("Pin this topic"));
    await page.waitFor(() => page!.hasButton("Unpin this topic"), "the unpin button");
    expect(page.sent.find((r) => r.method === "PUT")?.body).toEqual({ pinned: true });
  });
});
