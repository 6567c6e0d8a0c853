import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, setupOrganization, signUp, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { boardSteps, createBoardTestApp, type BoardTestApp } from "./testing";

describe.each(dialects)("the group board on %s", (dialect) => {
  let t: BoardTestApp;
  let admin: Person;
  let ana: Person;
  let ben: Person;
  let cleo: Person;
  let outsider: Person;
  let groupId: string;
  let steps: ReturnType<typeof boardSteps>;

  beforeAll(async () => {
    t = await createBoardTestApp(dialect);
    admin = await setupOrganization(t.app);
    steps = boardSteps(t, admin);
    [ana, ben, cleo, outsider] = [await signUp(t.app, "ana"), await signUp(t.app, "ben"), await signUp(t.app, "cleo"), await signUp(t.app, "olly")];
    groupId = await steps.group();
    await steps.join(groupId, ana, ben, cleo);
    await steps.moderator(groupId, cleo);
    // Pacing is tested in limits.test.ts: here everyone has been around a while.
    for (const person of [ana, ben]) await steps.trust(person, 2);
  });
  afterAll(async () => t.close());

  /** Moves the clock past the pause between posts. */
  const later = () => t.clock.advance(10);
  const get = (url: string, as: Person | null = ana) => send(t.app, "GET", url, { as });
  const threadsOf = async (id: string, as: Person | null = ana, query = "") =>
    steps.ok(get(`/api/groups/${id}/board/threads${query}`, as), 200) as Promise<{
      board: { visibility: string; can: Record<string, boolean> };
      pinned: { id: string }[];
      threads: { id: string; title: string | null; unread: boolean; replyCount: number; state: string; author: unknown }[];
      nextCursor: string | null;
    }>;

  describe("reading and writing", () => {
    it("lets members start a topic in Markdown, with a content warning, and reply to it", async () => {
      const topic = await steps.topic(groupId, ana, { title: "Day 12", body: "**Still here.**\n\n- one\n- two", contentWarning: "mentions of drinking" });
      expect(topic.thread).toMatchObject({ title: "Day 12", replyCount: 0, state: "visible", unread: false });
      expect(topic.opening).toMatchObject({ body: "**Still here.**\n\n- one\n- two", contentWarning: "mentions of drinking", mine: true });
      later();
      const reply = await steps.reply(topic.thread.id, ben, { body: "Proud of you." });
      expect(reply).toMatchObject({ body: "Proud of you.", author: { memberId: ben.memberId, displayName: "ben" }, state: "visible" });

      const replies = await steps.ok(get(`/api/board/threads/${topic.thread.id}/replies`), 200);
      expect((replies as { replies: { body: string }[] }).replies.map((r) => r.body)).toEqual(["Proud of you."]);
      const listed = await threadsOf(groupId, ben);
      expect(listed.threads[0]).toMatchObject({ id: topic.thread.id, replyCount: 1, title: "Day 12" });
    });

    it("stores what was written exactly, and never answers with HTML", async () => {
      later();
      const payload = `<img src=x onerror=alert(1)> <script>alert("x")</script> [click](javascript:alert(1))`;
      const topic = await steps.topic(groupId, ana, { title: `<b onmouseover=alert(1)>hi</b>`, body: payload });
      const res = await get(`/api/board/threads/${topic.thread.id}`, ben);
      expect(res.headers["content-type"]).toContain("application/json");
      expect(res.json().opening.body).toBe(payload);
      expect(res.json().thread.title).toBe(`<b onmouseover=alert(1)>hi</b>`);
    });

    it("names the field that is wrong and writes nothing", async () => {
      const before = (await threadsOf(groupId)).threads.length;
      const blank = await steps.startTopic(groupId, ana, { body: "   \n  " });
      expect(blank.statusCode).toBe(400);
      expect(blank.json()).toMatchObject({ type: "urn:kindred:problem:validation", errors: [{ field: "body" }] });
      const long = await steps.startTopic(groupId, ana, { title: "x".repeat(151) });
      expect(long.json().errors[0].field).toBe("title");
      expect((await threadsOf(groupId)).threads.length).toBe(before);
    });

    it("keeps the board to the group's members", async () => {
      const topic = await steps.topic(groupId, admin);
      expect((await get(`/api/groups/${groupId}/board/threads`, outsider)).statusCode).toBe(403);
      expect((await get(`/api/groups/${groupId}/board/threads`, null)).statusCode).toBe(401);
      // A topic is a private thing: to outsiders it does not exist.
      expect((await get(`/api/board/threads/${topic.thread.id}`, outsider)).statusCode).toBe(404);
      expect((await get(`/api/board/threads/${topic.thread.id}/replies`, null)).statusCode).toBe(404);
      expect((await steps.replyTo(topic.thread.id, outsider)).statusCode).toBe(404);
    });

    it("opens the board to everyone when a steward makes it public, and only members take part", async () => {
      const open = await steps.group("Open Circle");
      await steps.join(open, ana);
      const topic = await steps.topic(open, admin, { title: "Welcome" });
      expect((await send(t.app, "PUT", `/api/groups/${open}/board/settings`, { as: ana, body: { visibility: "public" } })).statusCode).toBe(403);
      const changed = await send(t.app, "PUT", `/api/groups/${open}/board/settings`, { as: admin, body: { visibility: "public" } });
      expect(changed.json()).toEqual({ groupId: open, visibility: "public" });

      const seen = await threadsOf(open, null);
      expect(seen.board).toMatchObject({ visibility: "public", can: { post: false, moderate: false } });
      expect(seen.threads.map((th) => th.title)).toEqual(["Welcome"]);
      expect((await get(`/api/board/threads/${topic.thread.id}`, null)).statusCode).toBe(200);
      expect((await steps.replyTo(topic.thread.id, outsider)).statusCode).toBe(403);
      expect((await send(t.app, "POST", `/api/board/threads/${topic.thread.id}/replies`, { body: { body: "hi" } })).statusCode).toBe(401);
    });
  });

  describe("reactions", () => {
    it("counts one of each kind per member and post, and takes it back", async () => {
      later();
      const topic = await steps.topic(groupId, ana);
      const url = (kind: string) => `/api/board/posts/${topic.opening.id}/reactions/${kind}`;
      await steps.ok(send(t.app, "PUT", url("me_too"), { as: ben }), 200);
      const twice = await steps.ok(send(t.app, "PUT", url("me_too"), { as: ben }), 200);
      expect((twice as { reactions: unknown[] }).reactions).toEqual([
        { kind: "me_too", count: 1, mine: true },
        { kind: "thank_you", count: 0, mine: false },
        { kind: "sending_strength", count: 0, mine: false },
      ]);
      await steps.ok(send(t.app, "PUT", url("sending_strength"), { as: cleo }), 200);
      const opening = (await get(`/api/board/threads/${topic.thread.id}`, ana)).json().opening;
      expect(opening.reactions.map((r: { count: number }) => r.count)).toEqual([1, 0, 1]);

      const back = await steps.ok(send(t.app, "DELETE", url("me_too"), { as: ben }), 200);
      expect((back as { reactions: { count: number }[] }).reactions[0]).toEqual({ kind: "me_too", count: 0, mine: false });
      expect((await send(t.app, "PUT", url("me_too"), { as: ana })).statusCode).toBe(403);
      expect((await send(t.app, "PUT", url("hugs"), { as: ben })).statusCode).toBe(400);
    });
  });

  describe("editing and deleting", () => {
    it("lets authors edit their own posts and keeps earlier versions for moderators only", async () => {
      later();
      const topic = await steps.topic(groupId, ana, { title: "First try", body: "Version one" });
      t.clock.advance(60);
      const edited = await steps.ok(send(t.app, "PATCH", `/api/board/posts/${topic.opening.id}`, { as: ana, body: { body: "Version two", title: "Second try" } }), 200);
      expect(edited).toMatchObject({ body: "Version two", title: "Second try", editedAt: t.clock.now.toISOString() });
      expect((await send(t.app, "PATCH", `/api/board/posts/${topic.opening.id}`, { as: ben, body: { body: "mine now" } })).statusCode).toBe(403);

      expect((await get(`/api/board/posts/${topic.opening.id}/versions`, ana)).statusCode).toBe(403);
      const versions = await steps.ok(get(`/api/board/posts/${topic.opening.id}/versions`, cleo), 200);
      expect(versions).toEqual({
        versions: [{ title: "First try", body: "Version one", contentWarning: null, writtenAt: expect.any(String), replacedAt: expect.any(String), replacedBy: "author" }],
      });
    });

    it("refuses a title on a reply", async () => {
      later();
      const topic = await steps.topic(groupId, ana);
      later();
      const reply = await steps.reply(topic.thread.id, ben);
      const res = await send(t.app, "PATCH", `/api/board/posts/${reply.id}`, { as: ben, body: { title: "A title" } });
      expect(res.json().errors[0].field).toBe("title");
    });

    it("deletes a reply, keeps a topic others answered as 'deleted', and removes a topic no one answered", async () => {
      later();
      const answered = await steps.topic(groupId, ana, { title: "Answered" });
      later();
      const reply = await steps.reply(answered.thread.id, ben);
      later();
      const mine = await steps.reply(answered.thread.id, ana);
      expect((await send(t.app, "DELETE", `/api/board/posts/${reply.id}`, { as: ana })).statusCode).toBe(403);
      expect((await send(t.app, "DELETE", `/api/board/posts/${mine.id}`, { as: ana })).statusCode).toBe(204);
      expect((await send(t.app, "DELETE", `/api/board/posts/${answered.opening.id}`, { as: ana })).statusCode).toBe(204);

      const detail = (await get(`/api/board/threads/${answered.thread.id}`, ben)).json();
      expect(detail.thread).toMatchObject({ state: "deleted", title: null, replyCount: 1 });
      expect(detail.opening).toMatchObject({ state: "deleted", body: null, author: null });
      const replies = (await get(`/api/board/threads/${answered.thread.id}/replies`, ben)).json().replies;
      expect(replies.map((r: { id: string }) => r.id)).toEqual([reply.id]);

      later();
      const lonely = await steps.topic(groupId, ana, { title: "Lonely" });
      expect((await send(t.app, "DELETE", `/api/board/posts/${lonely.opening.id}`, { as: ana })).statusCode).toBe(204);
      expect((await get(`/api/board/threads/${lonely.thread.id}`, ana)).statusCode).toBe(404);
      // The last reply of a deleted topic takes the topic with it.
      expect((await send(t.app, "DELETE", `/api/board/posts/${reply.id}`, { as: ben })).statusCode).toBe(204);
      expect((await get(`/api/board/threads/${answered.thread.id}`, ben)).statusCode).toBe(404);
    });
  });

  describe("pins and unread markers", () => {
    it("lets moderators pin a topic above the others", async () => {
      const group = await steps.group("Pinned Circle");
      await steps.join(group, ana, cleo);
      await steps.moderator(group, cleo);
      const welcome = await steps.topic(group, admin, { title: "Welcome" });
      await steps.topic(group, admin, { title: "Later news" });
      expect((await send(t.app, "PUT", `/api/board/threads/${welcome.thread.id}/pin`, { as: ana, body: { pinned: true } })).statusCode).toBe(403);
      const pinned = await steps.ok(send(t.app, "PUT", `/api/board/threads/${welcome.thread.id}/pin`, { as: cleo, body: { pinned: true } }), 200);
      expect(pinned).toMatchObject({ id: welcome.thread.id, pinned: true });
      const listed = await threadsOf(group, ana);
      expect(listed.pinned.map((th) => th.id)).toEqual([welcome.thread.id]);
      expect(listed.threads.map((th) => th.title)).toEqual(["Later news"]);
      expect((await threadsOf(group, ana, `?cursor=${listed.nextCursor ?? ""}`)).pinned).toHaveLength(1);
    });

    it("marks what a member has not read yet, and where they stopped", async () => {
      later();
      const topic = await steps.topic(groupId, ana, { title: "Unread test" });
      const unreadFor = async (who: Person) => (await threadsOf(groupId, who)).threads.find((th) => th.id === topic.thread.id)!.unread;
      expect(await unreadFor(ana)).toBe(false);
      expect(await unreadFor(ben)).toBe(true);
      await steps.ok(send(t.app, "PUT", `/api/board/threads/${topic.thread.id}/read`, { as: ben, body: { postId: topic.opening.id } }), 204);
      expect(await unreadFor(ben)).toBe(false);

      later();
      const first = await steps.reply(topic.thread.id, ana, { body: "first" });
      later();
      await steps.reply(topic.thread.id, ana, { body: "second" });
      expect(await unreadFor(ben)).toBe(true);
      await steps.ok(send(t.app, "PUT", `/api/board/threads/${topic.thread.id}/read`, { as: ben, body: { postId: first.id } }), 204);
      const { lastReadCursor } = (await get(`/api/board/threads/${topic.thread.id}`, ben)).json();
      const rest = (await get(`/api/board/threads/${topic.thread.id}/replies?cursor=${lastReadCursor}`, ben)).json();
      expect(rest.replies.map((r: { body: string }) => r.body)).toEqual(["second"]);
      // The marker never moves back.
      await steps.ok(send(t.app, "PUT", `/api/board/threads/${topic.thread.id}/read`, { as: ben, body: { postId: topic.opening.id } }), 204);
      expect((await get(`/api/board/threads/${topic.thread.id}`, ben)).json().lastReadCursor).toBe(lastReadCursor);

      const elsewhere = await send(t.app, "PUT", `/api/board/threads/${topic.thread.id}/read`, { as: ben, body: { postId: crypto.randomUUID() } });
      expect(elsewhere.json().errors[0].field).toBe("postId");
    });
  });

  describe("paging", () => {
    it("pages through topics by latest activity, and a reply brings a topic back to the top", async () => {
      const group = await steps.group("Busy Circle");
      await steps.join(group, ana);
      const titles: string[] = [];
      for (let i = 0; i < 45; i++) {
        titles.push(`Topic ${i}`);
        await steps.topic(group, admin, { title: `Topic ${i}` });
        t.clock.advance(1);
      }
      const seen: string[] = [];
      let cursor = "";
      for (;;) {
        const page = await threadsOf(group, ana, `?limit=20&cursor=${cursor}`);
        seen.push(...page.threads.map((th) => th.title!));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual([...titles].reverse());

      const oldest = (await threadsOf(group, ana, "?limit=100")).threads.at(-1)!;
      await steps.reply(oldest.id, admin);
      expect((await threadsOf(group, ana, "?limit=1")).threads[0]!.id).toBe(oldest.id);
    });

    it("pages through replies, oldest first", async () => {
      const topic = await steps.topic(groupId, admin, { title: "Many replies" });
      for (let i = 0; i < 7; i++) {
        t.clock.advance(1);
        await steps.reply(topic.thread.id, admin, { body: `reply ${i}` });
      }
      const bodies: string[] = [];
      let cursor = "";
      do {
        const page = (await get(`/api/board/threads/${topic.thread.id}/replies?limit=3&cursor=${cursor}`)).json();
        bodies.push(...page.replies.map((r: { body: string }) => r.body));
        cursor = page.nextCursor ?? "";
      } while (cursor);
      expect(bodies).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `reply ${i}`));
    });

    it("refuses a cursor it did not give out", async () => {
      const res = await get(`/api/groups/${groupId}/board/threads?cursor=not-a-cursor`);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe("cursor");
    });
  });
});
