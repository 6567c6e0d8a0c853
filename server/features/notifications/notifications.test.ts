import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardSteps, createBoardTestApp, type BoardTestApp } from "../board/testing";
import { send, setupOrganization, signUp, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { captureMail, type MailCapture } from "./testing";

interface Seen {
  kind: string;
  from: { memberId: string } | null;
  group: { groupName: string } | null;
  postId: string | null;
  read: boolean;
}

describe.each(dialects)("notifications on %s", (dialect) => {
  let t: BoardTestApp;
  let mail: MailCapture;
  let admin: Person;
  let steps: ReturnType<typeof boardSteps>;
  let groupId: string;

  beforeAll(async () => {
    mail = await captureMail();
    t = await createBoardTestApp(dialect, { smtpUrl: mail.url });
    admin = await setupOrganization(t.app);
    steps = boardSteps(t, admin);
    groupId = await steps.group("Evening Circle");
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
  });

  let people = 0;
  /** A member of the group, trusted, so the pause between posts is short. */
  async function member(options: { email?: string } = {}): Promise<Person> {
    const person = await signUp(t.app, `member${++people}`, options);
    await steps.join(groupId, person);
    await steps.trust(person, 2);
    return person;
  }
  const seen = async (as: Person): Promise<Seen[]> => (await send(t.app, "GET", "/api/notifications", { as })).json().notifications;
  const unread = async (as: Person): Promise<number> => (await send(t.app, "GET", "/api/notifications/unread", { as })).json().unread;
  const choose = (as: Person, settings: object[]) => send(t.app, "PUT", "/api/notifications/settings", { as, body: { settings } });
  /** Posting again needs a moment (the pause between posts). */
  const later = () => t.clock.advance(60);

  it("tells a topic's author of replies and reactions, and the people a post mentions", async () => {
    const [ana, ben, cam] = [await member(), await member(), await member()];
    const topic = await steps.topic(groupId, ana, { body: `Hello @${cam.handle}.` });
    const reply = await steps.reply(topic.thread.id, ben);
    t.clock.advance(1);
    await send(t.app, "PUT", `/api/board/posts/${topic.opening.id}/reactions/me_too`, { as: ben });
    await send(t.app, "PUT", `/api/board/posts/${topic.opening.id}/reactions/thank_you`, { as: ben });

    const anas = await seen(ana);
    expect(anas.map((n) => [n.kind, n.from?.memberId, n.group?.groupName])).toEqual([
      ["reaction", ben.memberId, "Evening Circle"],
      ["reply", ben.memberId, "Evening Circle"],
    ]);
    expect(anas[1]).toMatchObject({ threadId: topic.thread.id, postId: reply.id, read: false });
    expect(JSON.stringify(anas)).not.toContain("Thinking of you");
    expect((await seen(cam)).map((n) => [n.kind, n.from?.memberId, n.postId])).toEqual([["mention", ana.memberId, topic.opening.id]]);
    // Nobody hears of their own posts.
    expect(await seen(ben)).toEqual([]);
  });

  it("counts what is unread, and marks one or all read", async () => {
    const [ana, ben] = [await member(), await member()];
    const topic = await steps.topic(groupId, ana);
    await steps.reply(topic.thread.id, ben);
    later();
    await steps.reply(topic.thread.id, ben);
    expect(await unread(ana)).toBe(2);
    const [latest] = await seen(ana);
    const id = (latest as unknown as { id: string }).id;
    expect((await send(t.app, "PUT", `/api/notifications/${id}/read`, { as: ben })).statusCode).toBe(404);
    expect((await send(t.app, "PUT", `/api/notifications/${id}/read`, { as: ana })).statusCode).toBe(204);
    expect(await unread(ana)).toBe(1);
    expect((await send(t.app, "POST", "/api/notifications/read-all", { as: ana })).statusCode).toBe(204);
    expect(await unread(ana)).toBe(0);
    expect((await seen(ana)).every((n) => n.read)).toBe(true);
  });

  it("tells nothing from someone either of the two blocked: replies, mentions, reactions, buddy requests", async () => {
    const [ana, ben] = [await member(), await member()];
    await send(t.app, "PUT", `/api/blocks/${ben.memberId}`, { as: ana });
    const topic = await steps.topic(groupId, ana);
    await steps.reply(topic.thread.id, ben, { body: `Hi @${ana.handle}` });
    await send(t.app, "PUT", `/api/board/posts/${topic.opening.id}/reactions/me_too`, { as: ben });
    expect((await send(t.app, "POST", "/api/buddies", { as: ben, body: { handle: ana.handle } })).statusCode).toBe(400);
    later();
    // Nor the other way round.
    const bens = await steps.topic(groupId, ben);
    await steps.reply(bens.thread.id, ana, { body: `Hi @${ben.handle}` });
    expect(await seen(ana)).toEqual([]);
    expect(await seen(ben)).toEqual([]);
  });

  it("tells of a buddy request", async () => {
    const [ana, ben] = [await member(), await member()];
    const { id } = (await send(t.app, "POST", "/api/buddies", { as: ana, body: { handle: ben.handle } })).json();
    expect(await seen(ben)).toEqual([expect.objectContaining({ kind: "buddy_request", buddyId: id, from: { memberId: ana.memberId, displayName: ana.handle }, group: null })]);
  });

  it("keeps to the member's settings per kind", async () => {
    const [ana, ben] = [await member(), await member()];
    const settings = (await send(t.app, "GET", "/api/notifications/settings", { as: ana })).json();
    expect(settings).toEqual({
      settings: [
        { kind: "reply", inApp: true, email: false },
        { kind: "reaction", inApp: true, email: false },
        { kind: "mention", inApp: true, email: false },
        { kind: "buddy_request", inApp: true, email: false },
        { kind: "meeting_soon", inApp: false, email: false },
      ],
      emailAvailable: false,
    });
    const changed = await choose(ana, [{ kind: "reply", inApp: false }]);
    expect(changed.json().settings[0]).toEqual({ kind: "reply", inApp: false, email: false });
    const topic = await steps.topic(groupId, ana);
    await steps.reply(topic.thread.id, ben);
    await send(t.app, "PUT", `/api/board/posts/${topic.opening.id}/reactions/me_too`, { as: ben });
    expect((await seen(ana)).map((n) => n.kind)).toEqual(["reaction"]);
    expect((await choose(ana, [{ kind: "weekly_digest", inApp: true }])).json().errors[0].field).toMatch(/^settings/);
  });

  it("emails only members who gave an address and asked for it, and never what was written", async () => {
    const ana = await member({ email: "ana@example.org" });
    const ben = await member();
    const cam = await member({ email: "cam@example.org" });
    expect((await send(t.app, "GET", "/api/notifications/settings", { as: ana })).json().emailAvailable).toBe(true);
    expect((await send(t.app, "GET", "/api/notifications/settings", { as: ben })).json().emailAvailable).toBe(false);
    for (const who of [ana, ben]) await choose(who, [{ kind: "reply", email: true }]);

    const before = mail.mails.length;
    for (const author of [cam, ben, ana]) {
      later();
      const topic = await steps.topic(groupId, author, { title: "Private words", body: "Something I only tell the group" });
      await steps.reply(topic.thread.id, author === cam ? ana : cam, { body: "A reply only the group should read" });
    }
    await mail.received(before + 1);
    // A moment more, so that a mail that should not have gone would be here too.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mails = mail.mails.slice(before);
    expect(mails.map((m) => m.to)).toEqual([["ana@example.org"]]);
    const [sent] = mails;
    expect(sent!.message).toContain("Subject: Something new for you on Kindred");
    expect(sent!.message).toContain("You have a new reply in Evening Circle.");
    expect(sent!.message).toContain(`${t.config.publicUrl}/notifications`);
    expect(sent!.message).not.toMatch(/Private words|only tell|only the group|member\d/);
    // In the app, ana still sees it: email is as well as, not instead of.
    expect((await seen(ana)).map((n) => n.kind)).toEqual(["reply"]);
  });

  describe("meetings starting soon", () => {
    const MEETING = {
      name: "Tuesday Night Hope",
      schedule: { repeats: { every: "week", days: [2] }, start: "19:00", timeZone: "America/New_York" },
      venue: { name: "Library", address: "1 Main St", latitude: null, longitude: null, approximate: false, notes: null },
    };
    // Tuesday 2030-01-01, 19:00 in New York is 2030-01-02T00:00Z.
    const remind = (at: string) => t.app.services.notifications.remindOfMeetings(new Date(at));

    it("reminds, once, the members who asked, of their groups' meetings starting within the hour", async () => {
      const meetingGroup = await steps.group("Tuesday Group");
      const meeting = (await send(t.app, "POST", `/api/groups/${meetingGroup}/meetings`, { as: admin, body: MEETING })).json();
      const [asked, notAsked, elsewhere] = [await member({ email: "asked@example.org" }), await member(), await member()];
      await steps.join(meetingGroup, asked, notAsked);
      await choose(asked, [{ kind: "meeting_soon", inApp: true, email: true }]);
      await choose(elsewhere, [{ kind: "meeting_soon", inApp: true }]);
      const before = mail.mails.length;

      expect(await remind("2030-01-01T22:30:00Z")).toBe(0);
      expect(await remind("2030-01-01T23:15:00Z")).toBe(1);
      expect(await remind("2030-01-01T23:20:00Z")).toBe(0);
      expect(await seen(asked)).toEqual([
        expect.objectContaining({ kind: "meeting_soon", meetingId: meeting.id, startsAt: "2030-01-02T00:00:00.000Z", group: { groupId: meetingGroup, groupName: "Tuesday Group" } }),
      ]);
      expect(await seen(notAsked)).toEqual([]);
      expect(await seen(elsewhere)).toEqual([]);
      const [sent] = (await mail.received(before + 1)).slice(before);
      expect(sent!.to).toEqual(["asked@example.org"]);
      expect(sent!.message).toContain("A meeting of Tuesday Group starts within the hour.");
      // The next week's meeting is another reminder.
      expect(await remind("2030-01-08T23:15:00Z")).toBe(1);
      expect((await mail.received(before + 2)).length).toBe(before + 2);
    });
  });
});
