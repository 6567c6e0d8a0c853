// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { member, problem, renderPage } from "../groups/testing";
import type { BoardThread, Queue, ThreadsPage } from "./api";

const GROUP = "0190f5c2-0000-7000-8000-0000000000aa";
const BOARD = `/api/groups/${GROUP}/board`;
const group = { id: GROUP, name: "Evening Grief Circle" };

function thread(n: number, overrides: Partial<BoardThread> = {}): BoardThread {
  return {
    id: `0190f5c2-0000-7000-8000-0000000001${String(n).padStart(2, "0")}`,
    groupId: GROUP,
    title: `Topic ${n}`,
    contentWarning: null,
    author: { memberId: "0190f5c2-0000-7000-8000-000000000002", displayName: "Ash" },
    state: "visible",
    pinned: false,
    replyCount: n,
    createdAt: "2026-11-20T18:00:00.000Z",
    lastActivityAt: "2026-11-20T18:00:00.000Z",
    unread: false,
    ...overrides,
  };
}

function threadsPage(overrides: Partial<ThreadsPage> = {}): ThreadsPage {
  return {
    board: { groupId: GROUP, visibility: "members", can: { post: true, moderate: false, changeVisibility: false } },
    pinned: [],
    threads: [],
    nextCursor: null,
    ...overrides,
  };
}

let page: Awaited<ReturnType<typeof renderPage>> | undefined;
afterEach(async () => {
  await page?.unmount();
  page = undefined;
});

describe("a group's board", () => {
  it("lists pinned topics first, marks new ones, folds warned ones, and shows more on request", async () => {
    page = await renderPage(
      `/groups/${GROUP}/board`,
      {
        [`GET /api/groups/${GROUP}`]: { status: 200, body: group },
        [`GET ${BOARD}/threads`]: {
          status: 200,
          body: threadsPage({
            pinned: [thread(1, { pinned: true })],
            threads: [thread(2, { unread: true }), thread(3, { contentWarning: "self-harm" })],
            nextCursor: "next-page",
          }),
        },
        [`GET ${BOARD}/threads?cursor=next-page`]: { status: 200, body: threadsPage({ threads: [thread(4)] }) },
      },
      { member: member() },
    );
    await page.waitForText("Topic 2");
    const text = page.text();
    expect(text.indexOf("Pinned topics")).toBeLessThan(text.indexOf("Topic 2"));
    expect(text).toContain("New");
    expect(text).toContain("self-harm");
    expect(text).not.toContain("Topic 3");
    const unfold = page.button("Show the topic's title");
    expect(unfold.getAttribute("aria-expanded")).toBe("false");
    await page.click(unfold);
    await page.waitForText("Topic 3");

    await page.click(page.button("Show more topics"));
    await page.waitForText("Topic 4");
    expect(page.hasButton("Show more topics")).toBe(false);
  });

  it("tells someone outside the group that the board is for its members", async () => {
    page = await renderPage(
      `/groups/${GROUP}/board`,
      { [`GET /api/groups/${GROUP}`]: { status: 200, body: group }, [`GET ${BOARD}/threads`]: problem("forbidden", 403) },
      { member: member() },
    );
    await page.waitForText("For the group's members");
  });

  it("shows moderators the queue and others the same page as for what does not exist", async () => {
    const queue: Queue = { items: [], appeals: [] };
    const server = {
      [`GET /api/groups/${GROUP}`]: { status: 200, body: group },
      [`GET ${BOARD}/queue`]: { status: 200, body: queue },
      [`GET ${BOARD}/audit`]: { status: 200, body: { entries: [], nextCursor: null } },
    };
    page = await renderPage(`/groups/${GROUP}/moderation`, server, { member: member() });
    await page.waitForText("Nothing is waiting.");
    await page.unmount();

    page = await renderPage(`/groups/${GROUP}/moderation`, { ...server, [`GET ${BOARD}/queue`]: problem("forbidden", 403) }, { member: member() });
    await page.waitForText("We couldn't find this");
  });
});
