import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, setupOrganization, signUp, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { boardSteps, createBoardTestApp, type BoardTestApp } from "./testing";

describe.each(dialects)("new-member limits and trust levels on %s", (dialect) => {
  let t: BoardTestApp;
  let admin: Person;
  let groupId: string;
  let steps: ReturnType<typeof boardSteps>;

  beforeAll(async () => {
    t = await createBoardTestApp(dialect);
    admin = await setupOrganization(t.app);
    steps = boardSteps(t, admin);
    groupId = await steps.group("First Steps");
  });
  afterAll(async () => t.close());

  async function newMember(handle: string): Promise<Person> {
    const person = await signUp(t.app, handle);
    await steps.join(groupId, person);
    return person;
  }
  const trustOf = async (who: Person) => (await send(t.app, "GET", "/api/board/trust", { as: who })).json();

  it("asks a new member to wait 30 seconds between posts, saying when they can post again", async () => {
    const nia = await newMember("nia");
    const topic = await steps.topic(groupId, nia);
    t.clock.advance(10);
    const soon = await steps.replyTo(topic.thread.id, nia);
    expect(soon.statusCode).toBe(429);
    expect(soon.headers["retry-after"]).toBe("20");
    expect(soon.json()).toMatchObject({ type: "urn:kindred:problem:slowDown", retryAfterSeconds: 20 });
    expect(soon.json().detail).toMatch(/New members wait 30 seconds between posts.*You can post again in 20 seconds\./);
    t.clock.advance(20);
    expect((await steps.replyTo(topic.thread.id, nia)).statusCode).toBe(201);
  });

  it("asks a new member to wait two minutes between topics", async () => {
    const oli = await newMember("oli");
    await steps.topic(groupId, oli);
    t.clock.advance(60);
    const soon = await steps.startTopic(groupId, oli);
    expect(soon.statusCode).toBe(429);
    expect(soon.json().detail).toMatch(/2 minutes between new topics.*in 60 seconds/);
    t.clock.advance(60);
    expect((await steps.startTopic(groupId, oli)).statusCode).toBe(201);
  });

  it("caps a new member's first day at 3 topics and 10 replies", async () => {
    const pia = await newMember("pia");
    const topics: string[] = [];
    for (let i = 0; i < 3; i++) {
      topics.push((await steps.topic(groupId, pia)).thread.id);
      t.clock.advance(120);
    }
    const fourth = await steps.startTopic(groupId, pia);
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().detail).toMatch(/On your first day you can start up to 3 topics.*Replies are still open\./);
    expect(Number(fourth.headers["retry-after"])).toBeGreaterThan(20 * 3600);

    for (let i = 0; i < 10; i++) {
      expect((await steps.replyTo(topics[0]!, pia)).statusCode).toBe(201);
      t.clock.advance(30);
    }
    const eleventh = await steps.replyTo(topics[0]!, pia);
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().detail).toMatch(/up to 10 replies/);

    t.clock.advance(24 * 3600);
    expect((await steps.startTopic(groupId, pia)).statusCode).toBe(201);
  });

  it("allows a new member two links and two mentions in a post", async () => {
    const quinn = await newMember("quinn");
    const links = await steps.startTopic(groupId, quinn, { body: "See https://a.example, www.b.example and https://c.example" });
    expect(links.statusCode).toBe(400);
    expect(links.json().errors).toEqual([{ field: "body", message: expect.stringMatching(/up to 2 links in a post; this one has 3/) }]);
    const mentions = await steps.startTopic(groupId, quinn, { body: "Thanks @nia, @oli and @pia" });
    expect(mentions.json().errors[0].message).toMatch(/mention up to 2 people/);
    expect((await steps.startTopic(groupId, quinn, { body: "Thanks @nia and @oli, see https://a.example" })).statusCode).toBe(201);

    await steps.trust(quinn, 1);
    t.clock.advance(120);
    expect((await steps.startTopic(groupId, quinn, { body: "https://a.example https://b.example https://c.example" })).statusCode).toBe(201);
  });

  it("asks others to wait 5 seconds between posts, and lets moderators post freely", async () => {
    const rae = await newMember("rae");
    await steps.trust(rae, 1);
    const topic = await steps.topic(groupId, rae);
    t.clock.advance(2);
    const soon = await steps.replyTo(topic.thread.id, rae);
    expect(soon.json()).toMatchObject({ status: 429, retryAfterSeconds: 3 });
    expect(soon.json().detail).toMatch(/Please give it a moment between posts/);

    const sam = await newMember("sam");
    await steps.moderator(groupId, sam);
    for (let i = 0; i < 5; i++) expect((await steps.startTopic(groupId, sam)).statusCode).toBe(201);
  });

  it("promotes a member who has read enough to trust level 1, so they can flag", async () => {
    const uma = await newMember("uma");
    expect(await trustOf(uma)).toMatchObject({ level: 0, setByOrganization: false });
    const topics = [];
    for (let i = 0; i < 5; i++) {
      const topic = await steps.topic(groupId, admin, { title: `Reading ${i}` });
      let last = topic.opening.id;
      for (let r = 0; r < 6; r++) {
        t.clock.advance(1);
        last = (await steps.reply(topic.thread.id, admin)).id;
      }
      topics.push({ id: topic.thread.id, first: topic.opening.id, last });
    }
    const read = (threadId: string, postId: string) => steps.ok(send(t.app, "PUT", `/api/board/threads/${threadId}/read`, { as: uma, body: { postId } }), 204);
    await read(topics[0]!.id, topics[0]!.first);
    for (const topic of topics) {
      t.clock.advance(150);
      await read(topic.id, topic.last);
    }
    expect(await trustOf(uma)).toMatchObject({
      level: 1,
      participation: { topicsEntered: 5, postsRead: 35, readingSeconds: 600, daysVisited: 1 },
    });
    expect((await send(t.app, "POST", `/api/board/posts/${topics[1]!.first}/flags`, { as: uma, body: { reason: "spam" } })).statusCode).toBe(201);
  });

  it("lets organization admins set a level by hand, which then stays put", async () => {
    const vic = await newMember("vic");
    await steps.trust(vic, 2);
    expect(await trustOf(vic)).toMatchObject({ level: 2, setByOrganization: true });
    await steps.trust(vic, 0);
    const topic = await steps.topic(groupId, admin);
    await send(t.app, "PUT", `/api/board/threads/${topic.thread.id}/read`, { as: vic, body: { postId: topic.opening.id } });
    expect(await trustOf(vic)).toMatchObject({ level: 0, setByOrganization: true });

    expect((await send(t.app, "PUT", `/api/board/trust/${vic.memberId}`, { as: vic, body: { level: 2 } })).statusCode).toBe(403);
    expect((await send(t.app, "PUT", `/api/board/trust/${crypto.randomUUID()}`, { as: admin, body: { level: 1 } })).statusCode).toBe(404);
    expect((await send(t.app, "PUT", `/api/board/trust/${vic.memberId}`, { as: admin, body: { level: 3 } })).json().errors[0].field).toBe("level");
  });
});
