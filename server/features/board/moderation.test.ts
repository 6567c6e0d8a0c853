import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, setupOrganization, signUp, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { boardSteps, createBoardTestApp, type BoardTestApp, type Topic } from "./testing";

interface Notice {
  id: string;
  kind: string;
  postId: string | null;
  reason: string | null;
  note: string | null;
  outcome: string | null;
  until: string | null;
  resources: { emergency: string | null; lines: { service: string }[]; helpPath: string } | null;
  appeal: { id: string; status: string } | null;
  canAppeal: boolean;
}

describe.each(dialects)("peer moderation on %s", (dialect) => {
  let t: BoardTestApp;
  let admin: Person;
  let author: Person;
  let newcomer: Person;
  let moderator: Person;
  let secondModerator: Person;
  let flaggers: Person[];
  let basics: Person[];
  let groupId: string;
  let steps: ReturnType<typeof boardSteps>;

  beforeAll(async () => {
    t = await createBoardTestApp(dialect);
    admin = await setupOrganization(t.app);
    steps = boardSteps(t, admin);
    author = await signUp(t.app, "willow", { country: "GB" });
    newcomer = await signUp(t.app, "newcomer");
    moderator = await signUp(t.app, "marta");
    secondModerator = await signUp(t.app, "sol");
    flaggers = [await signUp(t.app, "fern"), await signUp(t.app, "gus"), await signUp(t.app, "hal")];
    basics = [await signUp(t.app, "ivy"), await signUp(t.app, "joy"), await signUp(t.app, "kit"), await signUp(t.app, "lux"), await signUp(t.app, "max")];
    groupId = await steps.group("Safe Harbour");
    await steps.join(groupId, author, newcomer, moderator, secondModerator, ...flaggers, ...basics);
    await steps.moderator(groupId, moderator);
    await steps.moderator(groupId, secondModerator);
    for (const person of [author, ...flaggers]) await steps.trust(person, 2);
    for (const person of basics) await steps.trust(person, 1);
  }, 60_000);
  afterAll(async () => t.close());

  const flag = (postId: string, as: Person, reason = "harassment", note: string | null = null) =>
    send(t.app, "POST", `/api/board/posts/${postId}/flags`, { as, body: { reason, note } });
  const moderate = (postId: string, as: Person, body: object) => send(t.app, "POST", `/api/board/posts/${postId}/moderation`, { as, body });
  const moderateMember = (memberId: string, as: Person, body: object) =>
    send(t.app, "POST", `/api/groups/${groupId}/board/members/${memberId}/moderation`, { as, body });
  const noticesOf = async (who: Person) => ((await steps.ok(send(t.app, "GET", "/api/board/notices", { as: who }), 200)) as { notices: Notice[] }).notices;
  const queue = async (as: Person = moderator) =>
    steps.ok(send(t.app, "GET", `/api/groups/${groupId}/board/queue`, { as }), 200) as Promise<{
      items: { post: { id: string; body: string | null }; crisis: boolean; score: number; flags: { reason: string; note: string | null }[] }[];
      appeals: { id: string; canDecide: boolean; status: string }[];
    }>;
  const audit = async (as: Person = moderator) =>
    ((await steps.ok(send(t.app, "GET", `/api/groups/${groupId}/board/audit`, { as }), 200)) as { entries: { action: string; postId: string | null; note: string | null; actor: { displayName: string } | null }[] }).entries;
  const opening = async (topic: Topic, as: Person) => (await send(t.app, "GET", `/api/board/threads/${topic.thread.id}`, { as })).json().opening;
  const newTopic = async (body: object = {}) => {
    t.clock.advance(10);
    return steps.topic(groupId, author, body);
  };

  it("does not let brand-new members flag yet, and says so kindly", async () => {
    const topic = await newTopic();
    const res = await flag(topic.opening.id, newcomer);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/once you have spent a little time reading here/);
    expect((await flag(topic.opening.id, author)).statusCode).toBe(403);
  });

  it("hides a post once its flag score reaches the threshold: four basic flags are not enough, five are", async () => {
    const topic = await newTopic({ title: "A sharp post" });
    for (const person of basics.slice(0, 4)) expect((await flag(topic.opening.id, person)).statusCode).toBe(201);
    expect((await opening(topic, newcomer)).state).toBe("visible");
    expect((await flag(topic.opening.id, basics[0]!)).statusCode).toBe(409);
    await flag(topic.opening.id, basics[4]!);
    expect(await opening(topic, newcomer)).toMatchObject({ state: "hidden", body: null, title: null, author: null, hidden: null });
  });

  it("hides after three flags from established members, shows the author why, and tells them privately with help", async () => {
    const topic = await newTopic({ title: "Rough night", body: "Something that worried people" });
    for (const person of flaggers) expect((await flag(topic.opening.id, person, "crisis", "I am worried about them")).statusCode).toBe(201);

    const others = await opening(topic, newcomer);
    expect(others).toMatchObject({ state: "hidden", body: null });
    const theirs = await opening(topic, author);
    expect(theirs).toMatchObject({ state: "hidden", body: "Something that worried people", hidden: { byFlags: true, reason: "crisis", note: null } });
    const listed = (await send(t.app, "GET", `/api/groups/${groupId}/board/threads`, { as: newcomer })).json().threads;
    expect(listed.find((th: { id: string }) => th.id === topic.thread.id)).toMatchObject({ state: "hidden", title: null });

    const [notice] = await noticesOf(author);
    expect(notice).toMatchObject({ kind: "post_hidden", postId: topic.opening.id, reason: "crisis", canAppeal: true });
    expect(notice!.resources).toMatchObject({ emergency: "999", helpPath: "/help" });
    expect(notice!.resources!.lines.map((l) => l.service)).toContain("Samaritans");
    expect((await audit()).find((e) => e.postId === topic.opening.id)).toMatchObject({ action: "post_hidden_by_flags", actor: null });
  });

  it("puts crisis flags at the top of the queue", async () => {
    const spam = await newTopic({ title: "Buy now" });
    await flag(spam.opening.id, flaggers[0]!, "spam", "selling something");
    const crisis = await newTopic({ title: "Cannot go on" });
    await flag(crisis.opening.id, basics[0]!, "crisis");
    const { items } = await queue();
    const crisisAt = items.findIndex((i) => i.post.id === crisis.opening.id);
    expect(items[crisisAt]).toMatchObject({ crisis: true, score: 2 });
    expect(crisisAt).toBeLessThan(items.findIndex((i) => i.post.id === spam.opening.id));
    expect(items.map((i) => i.crisis)).toEqual([...items.map((i) => i.crisis)].sort((a, b) => Number(b) - Number(a)));
    expect(items.find((i) => i.post.id === spam.opening.id)!.flags).toEqual([{ reason: "spam", note: "selling something", createdAt: expect.any(String) }]);
    expect((await send(t.app, "GET", `/api/groups/${groupId}/board/queue`, { as: flaggers[0] })).statusCode).toBe(403);
  });

  it("lets a moderator restore a post with a note: the author sees it, the flaggers learn the outcome", async () => {
    const topic = await newTopic({ body: "A misunderstood post" });
    for (const person of flaggers) await flag(topic.opening.id, person, "harmful");
    expect((await opening(topic, newcomer)).state).toBe("hidden");

    t.clock.advance(60);
    const restored = await moderate(topic.opening.id, moderator, { action: "restore", note: "Read it again: this is someone asking for support." });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ state: "visible", hidden: null });
    expect(await opening(topic, newcomer)).toMatchObject({ state: "visible", body: "A misunderstood post" });

    const [told] = await noticesOf(author);
    expect(told).toMatchObject({ kind: "post_restored", note: "Read it again: this is someone asking for support.", canAppeal: false });
    const [learned] = await noticesOf(flaggers[0]!);
    expect(learned).toMatchObject({ kind: "flag_outcome", outcome: "kept", postId: topic.opening.id, note: null });
    expect((await queue()).items.some((i) => i.post.id === topic.opening.id)).toBe(false);
    expect((await audit())[0]).toMatchObject({ action: "post_restored", actor: { displayName: "marta" }, note: expect.stringContaining("asking for support") });

    // Re-flagging waits a day after the moderators decided.
    const again = await flag(topic.opening.id, flaggers[0]!);
    expect(again.statusCode).toBe(429);
    expect(again.headers["retry-after"]).toBeDefined();
    t.clock.advance(24 * 3600);
    expect((await flag(topic.opening.id, flaggers[0]!)).statusCode).toBe(201);
  });

  it("lets a moderator edit out harmful detail; the original stays for moderators and the author is told why", async () => {
    const topic = await newTopic({ body: "What I took, and how much" });
    await flag(topic.opening.id, flaggers[1]!, "harmful");
    const edited = await moderate(topic.opening.id, moderator, { action: "edit", body: "[detail removed by a moderator]", note: "We removed the details to keep others safe." });
    expect(edited.json()).toMatchObject({ body: "[detail removed by a moderator]", state: "visible" });
    const versions = (await send(t.app, "GET", `/api/board/posts/${topic.opening.id}/versions`, { as: secondModerator })).json().versions;
    expect(versions[0]).toMatchObject({ body: "What I took, and how much", replacedBy: "moderator" });
    expect((await noticesOf(author))[0]).toMatchObject({ kind: "post_edited", note: "We removed the details to keep others safe.", canAppeal: true });
    expect((await noticesOf(flaggers[1]!))[0]).toMatchObject({ kind: "flag_outcome", outcome: "edited" });
    expect((await moderate(topic.opening.id, moderator, { action: "edit", note: "nothing" })).json().errors[0].field).toBe("body");
  });

  it("lets a moderator hide a post; members may not moderate", async () => {
    const topic = await newTopic();
    expect((await moderate(topic.opening.id, flaggers[0]!, { action: "hide", note: "no" })).statusCode).toBe(403);
    const hidden = await moderate(topic.opening.id, moderator, { action: "hide", note: "This breaks guideline 2." });
    expect(hidden.json()).toMatchObject({ state: "hidden", hidden: { byFlags: false, note: "This breaks guideline 2." } });
    expect((await opening(topic, author)).hidden.note).toBe("This breaks guideline 2.");
    expect((await moderate(topic.opening.id, moderator, { action: "hide", note: "again" })).statusCode).toBe(409);
    expect((await moderate(topic.opening.id, moderator, { action: "restore", note: "back", body: "new words" })).json().errors[0].field).toBe("body");
  });

  it("lets the author edit a post flags hid after ten minutes, which shows it again", async () => {
    const topic = await newTopic({ body: "Misread" });
    for (const person of flaggers) await flag(topic.opening.id, person, "off_topic");
    const soon = await send(t.app, "PATCH", `/api/board/posts/${topic.opening.id}`, { as: author, body: { body: "Clearer now" } });
    expect(soon.statusCode).toBe(429);
    expect(soon.json()).toMatchObject({ type: "urn:kindred:problem:slowDown", retryAfterSeconds: 600 });
    t.clock.advance(600);
    const edited = await send(t.app, "PATCH", `/api/board/posts/${topic.opening.id}`, { as: author, body: { body: "Clearer now" } });
    expect(edited.json()).toMatchObject({ state: "visible", body: "Clearer now" });
    expect((await opening(topic, newcomer)).body).toBe("Clearer now");
    // The flags still wait for a moderator.
    expect((await queue()).items.some((i) => i.post.id === topic.opening.id)).toBe(true);
  });

  it("lets moderators warn and mute a member for a time; a muted member hears when they can post again", async () => {
    const warned = await moderateMember(newcomer.memberId, moderator, { action: "warn", note: "Please keep to the guidelines." });
    expect(warned.statusCode).toBe(201);
    expect(warned.json()).toMatchObject({ action: "member_warned", subject: { memberId: newcomer.memberId }, note: "Please keep to the guidelines." });
    expect((await moderateMember(newcomer.memberId, moderator, { action: "mute", note: "A pause" })).json().errors[0].field).toBe("minutes");
    expect((await moderateMember(newcomer.memberId, flaggers[0]!, { action: "warn", note: "x" })).statusCode).toBe(403);

    t.clock.advance(1);
    await steps.ok(moderateMember(newcomer.memberId, moderator, { action: "mute", note: "Let's pause for an hour.", minutes: 60 }), 201);
    const refused = await steps.startTopic(groupId, newcomer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ type: "urn:kindred:problem:muted", retryAfterSeconds: 3600 });
    expect(refused.json().detail).toMatch(/in about 60 minutes/);
    const [muted, warning] = await noticesOf(newcomer);
    expect(muted).toMatchObject({ kind: "muted", until: new Date(t.clock.now.getTime() + 3600_000).toISOString(), canAppeal: true });
    expect(warning).toMatchObject({ kind: "warned", note: "Please keep to the guidelines." });
    t.clock.advance(3601);
    expect((await steps.startTopic(groupId, newcomer)).statusCode).toBe(201);
  });

  it("sends an appeal to another moderator or the organization, who may undo the action", async () => {
    const target = flaggers[2]!;
    await steps.ok(moderateMember(target.memberId, moderator, { action: "mute", note: "Cooling off.", minutes: 600 }), 201);
    const notice = (await noticesOf(target))[0]!;
    const appealed = await send(t.app, "POST", `/api/board/notices/${notice.id}/appeal`, { as: target, body: { message: "I was quoting someone." } });
    expect(appealed.statusCode).toBe(201);
    const appealId = appealed.json().id;
    expect((await send(t.app, "POST", `/api/board/notices/${notice.id}/appeal`, { as: target, body: { message: "again" } })).statusCode).toBe(409);
    expect((await send(t.app, "POST", `/api/board/notices/${notice.id}/appeal`, { as: author, body: { message: "mine?" } })).statusCode).toBe(404);

    expect((await queue(moderator)).appeals.find((a) => a.id === appealId)).toMatchObject({ canDecide: false, status: "open" });
    expect((await queue(secondModerator)).appeals.find((a) => a.id === appealId)).toMatchObject({ canDecide: true });
    const decide = (as: Person) => send(t.app, "POST", `/api/board/appeals/${appealId}/decision`, { as, body: { outcome: "overturn", note: "Quoting is fine here." } });
    expect((await decide(moderator)).statusCode).toBe(403);
    expect((await decide(target)).statusCode).toBe(403);
    expect((await decide(author)).statusCode).toBe(404);
    t.clock.advance(60);
    const decided = await decide(secondModerator);
    expect(decided.json()).toMatchObject({ status: "overturned", decisionNote: "Quoting is fine here." });
    expect((await decide(admin)).statusCode).toBe(409);

    expect((await steps.startTopic(groupId, target)).statusCode).toBe(201);
    const [outcome, original] = await noticesOf(target);
    expect(outcome).toMatchObject({ kind: "appeal_decided", outcome: "overturned", note: "Quoting is fine here." });
    expect(original).toMatchObject({ kind: "muted", canAppeal: false, appeal: { status: "overturned" } });
  });

  it("removes a member from the group through the groups feature", async () => {
    const leaving = await signUp(t.app, "leaving");
    await steps.join(groupId, leaving);
    await steps.ok(moderateMember(leaving.memberId, secondModerator, { action: "remove", note: "Repeated harassment." }), 201);
    const members = (await send(t.app, "GET", `/api/groups/${groupId}/members`, { as: moderator })).json().members;
    expect(members.some((m: { memberId: string }) => m.memberId === leaving.memberId)).toBe(false);
    expect((await noticesOf(leaving))[0]).toMatchObject({ kind: "removed", note: "Repeated harassment.", canAppeal: true });
    expect((await moderateMember(leaving.memberId, secondModerator, { action: "warn", note: "x" })).statusCode).toBe(404);
  });

  it("keeps an audit log the moderators and the organization's admins can read, and members cannot", async () => {
    const entries = await audit(admin);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["post_hidden_by_flags", "post_restored", "post_edited", "post_hidden", "member_muted", "member_removed", "appeal_overturned"]));
    expect((await send(t.app, "GET", `/api/groups/${groupId}/board/audit`, { as: author })).statusCode).toBe(403);
    expect((await send(t.app, "GET", `/api/groups/${groupId}/board/audit`)).statusCode).toBe(401);
  });
});
