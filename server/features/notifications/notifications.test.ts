import { describe, expect, it } from "vitest";
import { send, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { supportFixture } from "../../testing/support-fixtures";

interface Seen {
  kind: string;
  from: { memberId: string } | null;
  group: { groupName: string } | null;
  postId: string | null;
  read: boolean;
}

describe.each(dialects)("notifications on %s", (dialect) => {
  /** Members of the group are trusted, so the pause between posts is short. */
  const f = supportFixture(dialect, { group: "Evening Circle", handle: "member", level: 2, mail: true });
  const { member } = f;
  const seen = async (as: Person): Promise<Seen[]> => (await send(f.t.app, "GET", "/api/notifications", { as })).json().notifications;
  const unread = async (as: Person): Promise<number> => (await send(f.t.app, "GET", "/api/notifications/unread", { as })).json().unread;
  const choose = (as: Person, settings: object[]) => send(f.t.app, "PUT", "/api/notifications/settings", { as, body: { settings } });
  /** Posting again needs a moment (the pause between posts). */
  const later = () => f.t.clock.advance(60);

  it("tells a topic's author of replies and reactions, and the people a post mentions", async () => {
    const [ana, ben, cam] = [await member(), await member(), await member()];
    const topic = await f.steps.topic(f.groupId, ana, { body: `Hello @${cam.handle}.` });
    const reply = await f.steps.reply(topic.thread.id, ben);
    f.t.clock.advance(1);
    await send(f.t.app, "PUT", `/api/board/posts/${topic.opening.id}/reactions/me_too`, { as: ben });
    await send(f.t.app, "PUT", `/api/board/posts/${topic.opening.id}/reactions/thank_you`, { as: ben });

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
    const topic = await f.steps.topic(f.groupId, ana);
    await f.steps.reply(topic.thread.id, ben);
    later();
    await f.steps.reply(topic.thread.id, ben);
    expect(await unread(ana)).toBe(2);
    const [latest] = await seen(ana);
    const id = (latest as unknown as { id: string }).id;
    expect((await send(f.t.app, "PUT", `/api/notifications/${id}/read`, { as: ben })).statusCode).toBe(404);
    expect((await send(f.t.app, "PUT", `/api/notifications/${id}/read`, { as: ana })).statusCode).toBe(204);
    expect(await unread(ana)).toBe(1);
    expect((await send(f.t.app, "POST", "/api/notifications/read-all", { as: ana })).statusCode).toBe(204);
    expect(await unread(ana)).toBe(0);
    expect((await seen(ana)).every((n) => n.read)).toBe(true);
  });

  it("tells nothing from someone either of the two blocked: replies, mentions, reactions, buddy requests", async () => {
    const [ana, ben] = [await member(), await member()];
    await send(f.t.app, "PUT", `/api/blocks/${ben.memberId}`, { as: ana });
    const topic = await f.steps.topic(f.groupId, ana);
    await f.steps.reply(topic.thread.id, ben, { body: `Hi @${ana.handle}` });
    await send(f.t.app, "PUT", `/api/board/posts/${topic.opening.id}/reactions/me_too`, { as: ben });
    expect((await send(f.t.app, "POST", "/api/buddies", { as: ben, body: { handle: ana.handle } })).statusCode).toBe(400);
    later();
    // Nor the other way round.
    const bens = await f.steps.topic(f.groupId, ben);
    await f.steps.reply(bens.thread.id, ana, { body: `Hi @${ben.handle}` });
    expect(await seen(ana)).toEqual([]);
    expect(await seen(ben)).toEqual([]);
  });

  it("tells of a buddy request", async () => {
    const [ana, ben] = [await member(), await member()];
    const { id } = (await send(f.t.app, "POST", "/api/buddies", { as: ana, body: { handle: ben.handle } })).json();
    expect(await seen(ben)).toEqual([expect.objectContaining({ kind: "buddy_request", buddyId: id, from: { memberId: ana.memberId, displayName: ana.handle }, group: null })]);
  });

  it("tells a group's moderators of a report in a live meeting, once, and never the people involved", async () => {
    const [mod, reporter, reported, bystander] = [await member(), await member(), await member(), await member()];
    for (const who of [mod, reported]) {
      const set = await send(f.t.app, "PUT", `/api/groups/${f.groupId}/members/${who.memberId}/positions`, { as: f.admin, body: { positions: ["moderator"] } });
      expect(set.statusCode, set.body).toBe(200);
    }
    const report = { groupId: f.groupId, meetingId: null, roomId: "room-1", participantId: "p-reported", reporterId: reporter.memberId, reportedId: reported.memberId };
    const notifications = f.t.app.services.notifications;
    expect(await notifications.liveReported(report)).toBe(1);
    // Reported again (by anyone): the moderators already know of this person in this room.
    expect(await notifications.liveReported({ ...report, reporterId: bystander.memberId })).toBe(0);
    expect(await seen(mod)).toEqual([expect.objectContaining({ kind: "live_report", from: null, group: expect.objectContaining({ groupName: "Evening Circle" }) })]);
    for (const who of [reporter, reported, bystander]) expect(await seen(who)).toEqual([]);
    // Moderators choose, as for every kind.
    await choose(mod, [{ kind: "live_report", inApp: false }]);
    expect(await notifications.liveReported({ ...report, participantId: "p-other" })).toBe(0);
  });

  it("tells the organization's administrators of a live report when the group has no moderator", async () => {
    const [reporter, reported] = [await member(), await member()];
    const groupId = await f.steps.group("Quiet Circle");
    const report = { groupId, meetingId: null, roomId: "room-2", participantId: "p", reporterId: reporter.memberId, reportedId: reported.memberId };
    expect(await f.t.app.services.notifications.liveReported(report)).toBe(1);
    expect((await seen(f.admin)).map((n) => n.kind)).toContain("live_report");
  });

  it("keeps to the member's settings per kind", async () => {
    const [ana, ben] = [await member(), await member()];
    const settings = (await send(f.t.app, "GET", "/api/notifications/settings", { as: ana })).json();
    expect(settings).toEqual({
      settings: [
        { kind: "reply", inApp: true, email: false },
        { kind: "reaction", inApp: true, email: false },
        { kind: "mention", inApp: true, email: false },
        { kind: "buddy_request", inApp: true, email: false },
        { kind: "meeting_soon", inApp: false, email: false },
        { kind: "message", inApp: true, email: false },
        { kind: "live_report", inApp: true, email: false },
      ],
      emailAvailable: false,
    });
    const changed = await choose(ana, [{ kind: "reply", inApp: false }]);
    expect(changed.json().settings[0]).toEqual({ kind: "reply", inApp: false, email: false });
    const topic = await f.steps.topic(f.groupId, ana);
    await f.steps.reply(topic.thread.id, ben);
    await send(f.t.app, "PUT", `/api/board/posts/${topic.opening.id}/reactions/me_too`, { as: ben });
    expect((await seen(ana)).map((n) => n.kind)).toEqual(["reaction"]);
    expect((await choose(ana, [{ kind: "weekly_digest", inApp: true }])).json().errors[0].field).toMatch(/^settings/);
  });

  it("emails only members who gave an address and asked for it, and never what was written", async () => {
    const ana = await member(2, { email: "ana@example.org" });
    const ben = await member();
    const cam = await member(2, { email: "cam@example.org" });
    expect((await send(f.t.app, "GET", "/api/notifications/settings", { as: ana })).json().emailAvailable).toBe(true);
    expect((await send(f.t.app, "GET", "/api/notifications/settings", { as: ben })).json().emailAvailable).toBe(false);
    for (const who of [ana, ben]) await choose(who, [{ kind: "reply", email: true }]);

    const before = f.mail.mails.length;
    for (const author of [cam, ben, ana]) {
      later();
      const topic = await f.steps.topic(f.groupId, author, { title: "Private words", body: "Something I only tell the group" });
      await f.steps.reply(topic.thread.id, author === cam ? ana : cam, { body: "A reply only the group should read" });
    }
    await f.mail.received(before + 1);
    // A moment more, so that a mail that should not have gone would be here too.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mails = f.mail.mails.slice(before);
    expect(mails.map((m) => m.to)).toEqual([["ana@example.org"]]);
    const [sent] = mails;
    expect(sent!.message).toContain("Subject: Something new for you on Kindred");
    expect(sent!.message).toContain("You have a new reply in Evening Circle.");
    expect(sent!.message).toContain(`${f.t.config.publicUrl}/notifications`);
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
    const remind = (at: string) => f.t.app.services.notifications.remindOfMeetings(new Date(at));

    it("reminds, once, the members who asked, of their groups' meetings starting within the hour", async () => {
      const meetingGroup = await f.steps.group("Tuesday Group");
      const meeting = (await send(f.t.app, "POST", `/api/groups/${meetingGroup}/meetings`, { as: f.admin, body: MEETING })).json();
      const [asked, notAsked, elsewhere] = [await member(2, { email: "asked@example.org" }), await member(), await member()];
      await f.steps.join(meetingGroup, asked, notAsked);
      await choose(asked, [{ kind: "meeting_soon", inApp: true, email: true }]);
      await choose(elsewhere, [{ kind: "meeting_soon", inApp: true }]);
      const before = f.mail.mails.length;

      expect(await remind("2030-01-01T22:30:00Z")).toBe(0);
      expect(await remind("2030-01-01T23:15:00Z")).toBe(1);
      expect(await remind("2030-01-01T23:20:00Z")).toBe(0);
      expect(await seen(asked)).toEqual([
        expect.objectContaining({ kind: "meeting_soon", meetingId: meeting.id, startsAt: "2030-01-02T00:00:00.000Z", group: { groupId: meetingGroup, groupName: "Tuesday Group" } }),
      ]);
      expect(await seen(notAsked)).toEqual([]);
      expect(await seen(elsewhere)).toEqual([]);
      const [sent] = (await f.mail.received(before + 1)).slice(before);
      expect(sent!.to).toEqual(["asked@example.org"]);
      expect(sent!.message).toContain("A meeting of Tuesday Group starts within the hour.");
      // The next week's meeting is another reminder.
      expect(await remind("2030-01-08T23:15:00Z")).toBe(1);
      expect((await f.mail.received(before + 2)).length).toBe(before + 2);
    });
  });
});
