import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTemplate, type Format } from "../../../core/live/formats";
import { send, setupOrganization, signUp, type Person } from "../../testing/client";
import { createTestApp, dialects, type TestApp } from "../../testing/harness";
import { addMeeting, meetingBody } from "../meetings/test-helpers";

describe.each(dialects)("meeting formats on %s", (dialect) => {
  let t: TestApp;
  let admin: Person;
  let chair: Person;
  let secretary: Person;
  let member: Person;
  let outsider: Person;
  let groupId: string;
  let spanishGroupId: string;
  let unlistedGroupId: string;

  async function ok<T>(res: Promise<{ statusCode: number; body: string; json(): T }>, what: string): Promise<T> {
    const answer = await res;
    if (answer.statusCode >= 300) throw new Error(`${what}: ${answer.statusCode} ${answer.body}`);
    return answer.json();
  }

  async function group(name: string, extra: object = {}): Promise<string> {
    const body = { name, focusAreas: ["grief_loss"], languages: ["en"], guidelines: "Be kind.", ...extra };
    const { id } = await ok<{ id: string }>(send(t.app, "POST", "/api/groups", { as: admin, body }), "group");
    for (const [person, positions] of [
      [chair, ["chair"]],
      [secretary, ["secretary"]],
      [member, []],
    ] as const) {
      if (extra && "visibility" in extra) await ok(send(t.app, "POST", `/api/groups/${id}/invitations`, { as: admin, body: { handle: person.handle } }), "invite");
      await ok(send(t.app, "POST", `/api/groups/${id}/join`, { as: person, body: { acceptedGuidelinesVersion: 1 } }), "join");
      await ok(send(t.app, "PUT", `/api/groups/${id}/members/${person.memberId}/positions`, { as: admin, body: { positions } }), "positions");
    }
    return id;
  }

  const copy = (as: Person | null, group: string, templateId = "grief_circle", language = "en") =>
    send(t.app, "POST", `/api/groups/${group}/formats`, { as, body: { templateId, language } });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app);
    [chair, secretary, member, outsider] = [await signUp(t.app, "chair"), await signUp(t.app, "secretary"), await signUp(t.app, "member"), await signUp(t.app, "outsider")];
    groupId = await group("Evening Circle");
    spanishGroupId = await group("Círculo de la tarde", { languages: ["es"] });
    unlistedGroupId = await group("Quiet Circle", { visibility: "unlisted" });
  });
  afterAll(async () => t.close());

  it("lists the built-in templates to anyone, in English and Spanish", async () => {
    const all = await ok<{ templates: { id: string; language: string }[] }>(send(t.app, "GET", "/api/live/templates"), "templates");
    expect(all.templates).toHaveLength(8);
    const spanish = await ok<{ templates: { id: string; language: string; format: Format }[] }>(send(t.app, "GET", "/api/live/templates?language=es"), "es");
    expect(spanish.templates.map((x) => x.id)).toEqual(["twelve_step_discussion", "smart_style", "grief_circle", "peer_support_open_share"]);
    expect(spanish.templates.every((x) => x.language === "es" && x.format.language === "es")).toBe(true);
  });

  it("lets a member holding the chair position copy a template into the group", async () => {
    const res = await copy(chair, groupId);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ groupId, version: 1, templateId: "grief_circle", canEdit: true, format: findTemplate("grief_circle", "en").format });
    const listed = await ok<{ formats: { id: string; canEdit: boolean }[]; canEdit: boolean }>(send(t.app, "GET", `/api/groups/${groupId}/formats`, { as: member }), "list");
    expect(listed.canEdit).toBe(false);
    expect(listed.formats).toMatchObject([{ id: res.json().id, canEdit: false }]);
  });

  it("keeps copying and editing to chair-holders and admins", async () => {
    expect((await copy(member, groupId)).statusCode).toBe(403);
    expect((await copy(secretary, groupId)).statusCode).toBe(403);
    expect((await copy(outsider, groupId)).statusCode).toBe(403);
    expect((await copy(null, groupId)).statusCode).toBe(401);
    expect((await copy(admin, groupId, "smart_style", "es")).statusCode).toBe(201);
    const unknown = await copy(chair, groupId, "knitting_circle");
    expect(unknown.statusCode).toBe(400);
  });

  it("hides an unlisted group's formats from those who may not see the group", async () => {
    const { id } = await ok<{ id: string }>(copy(chair, unlistedGroupId), "copy");
    expect((await send(t.app, "GET", `/api/groups/${unlistedGroupId}/formats`, { as: outsider })).statusCode).toBe(404);
    expect((await send(t.app, "GET", `/api/formats/${id}`, { as: outsider })).statusCode).toBe(404);
    expect((await send(t.app, "GET", `/api/formats/${id}`)).statusCode).toBe(404);
    expect((await send(t.app, "GET", `/api/formats/${id}`, { as: member })).statusCode).toBe(200);
  });

  it("keeps every edit as a new version, the old ones readable", async () => {
    const created = await ok<{ id: string; format: Format }>(copy(chair, groupId, "peer_support_open_share"), "copy");
    const edited: Format = {
      ...created.format,
      name: "Thursday open share",
      steps: created.format.steps.map((s) => (s.kind === "open_sharing" ? { ...s, shareLimitSeconds: 240 } : s)),
    };
    const put = await send(t.app, "PUT", `/api/formats/${created.id}`, { as: chair, body: { format: edited, baseVersion: 1 } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ version: 2, format: { name: "Thursday open share" } });
    // saving the same again is not a new version
    expect((await ok<{ version: number }>(send(t.app, "PUT", `/api/formats/${created.id}`, { as: chair, body: { format: edited } }), "same")).version).toBe(2);

    const versions = await ok<{ versions: { version: number; name: string }[] }>(send(t.app, "GET", `/api/formats/${created.id}/versions`, { as: member }), "versions");
    expect(versions.versions).toMatchObject([
      { version: 2, name: "Thursday open share" },
      { version: 1, name: "Peer support open share" },
    ]);
    const first = await ok<{ format: Format }>(send(t.app, "GET", `/api/formats/${created.id}/versions/1`, { as: member }), "v1");
    expect(first.format).toEqual(created.format);
    expect((await send(t.app, "GET", `/api/formats/${created.id}/versions/9`, { as: member })).statusCode).toBe(404);
    expect((await ok<{ version: number }>(send(t.app, "GET", `/api/formats/${created.id}`, { as: outsider }), "current")).version).toBe(2);
  });

  it("refuses an edit made on an older version, and bad formats with the field named", async () => {
    const created = await ok<{ id: string; format: Format }>(copy(chair, groupId, "smart_style"), "copy");
    const renamed = (name: string) => ({ ...created.format, name });
    await ok(send(t.app, "PUT", `/api/formats/${created.id}`, { as: admin, body: { format: renamed("Saturday SMART"), baseVersion: 1 } }), "edit");
    const stale = await send(t.app, "PUT", `/api/formats/${created.id}`, { as: chair, body: { format: renamed("Mine"), baseVersion: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toBe("urn:kindred:problem:conflict");

    const empty = await send(t.app, "PUT", `/api/formats/${created.id}`, { as: chair, body: { format: { ...created.format, steps: [] } } });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json().errors)).toContain("steps");
    const twins = { ...created.format, steps: [created.format.steps[0], created.format.steps[0]] };
    expect((await send(t.app, "PUT", `/api/formats/${created.id}`, { as: chair, body: { format: twins } })).statusCode).toBe(400);
    expect((await send(t.app, "PUT", `/api/formats/${created.id}`, { as: member, body: { format: renamed("Nope") } })).statusCode).toBe(403);
    expect((await send(t.app, "PUT", `/api/formats/${created.id}`, { as: secretary, body: { format: renamed("Nope") } })).statusCode).toBe(403);
  });

  it("gives a meeting its group's default format until it names one, and describes it in plain words", async () => {
    const meeting = await addMeeting(t.app, admin, spanishGroupId, meetingBody({ name: "Martes de esperanza", languages: ["es"] }));
    // no format of the group's own yet: the first built-in template, in the meeting's language
    const fallback = await ok<{ formatId: string | null; chosen: boolean; templateId: string; format: Format; description: string[] }>(
      send(t.app, "GET", `/api/meetings/${meeting.slug}/format`),
      "fallback",
    );
    expect(fallback).toMatchObject({ formatId: null, chosen: false, templateId: "twelve_step_discussion", format: { language: "es" } });
    expect(fallback.description[0]).toBe("1. Apertura: habla quien coordina; el chat está cerrado.");

    const first = await ok<{ id: string }>(copy(chair, spanishGroupId, "grief_circle", "es"), "first");
    const second = await ok<{ id: string }>(copy(chair, spanishGroupId, "peer_support_open_share", "es"), "second");
    expect(await t.app.services.formats.formatForMeeting(meeting.id)).toMatchObject({ formatId: first.id, version: 1, chosen: false });

    const set = await send(t.app, "PUT", `/api/meetings/${meeting.id}/format`, { as: secretary, body: { formatId: second.id } });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ formatId: second.id, chosen: true, format: { name: "Apoyo entre pares: compartir libre" } });
    expect((await t.app.services.formats.formatForMeeting(meeting.id))?.formatId).toBe(second.id);

    // edits reach the meeting
    const edited = { ...findTemplate("peer_support_open_share", "es").format, name: "Compartir de los martes" };
    await ok(send(t.app, "PUT", `/api/formats/${second.id}`, { as: chair, body: { format: edited } }), "edit");
    expect(await t.app.services.formats.formatForMeeting(meeting.id)).toMatchObject({ version: 2, format: { name: "Compartir de los martes" } });

    const back = await ok<{ formatId: string; chosen: boolean }>(send(t.app, "PUT", `/api/meetings/${meeting.id}/format`, { as: chair, body: { formatId: null } }), "reset");
    expect(back).toMatchObject({ formatId: first.id, chosen: false });
    expect(await t.app.services.formats.formatForMeeting("00000000-0000-7000-8000-000000000000")).toBeNull();
  });

  it("lets only those who keep the meeting name its format, and only one of the group's", async () => {
    const meeting = await addMeeting(t.app, admin, groupId, meetingBody({ name: "Wednesday Light" }));
    const { formats } = await ok<{ formats: { id: string }[] }>(send(t.app, "GET", `/api/groups/${groupId}/formats`), "list");
    const ours = formats[0]!.id;
    const theirs = (await ok<{ formats: { id: string }[] }>(send(t.app, "GET", `/api/groups/${spanishGroupId}/formats`), "theirs")).formats[0]!.id;
    expect((await send(t.app, "PUT", `/api/meetings/${meeting.id}/format`, { as: member, body: { formatId: ours } })).statusCode).toBe(403);
    expect((await send(t.app, "PUT", `/api/meetings/${meeting.id}/format`, { body: { formatId: ours } })).statusCode).toBe(401);
    const foreign = await send(t.app, "PUT", `/api/meetings/${meeting.id}/format`, { as: chair, body: { formatId: theirs } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([{ field: "formatId", message: "not one of this group's formats" }]);
    expect((await send(t.app, "PUT", `/api/meetings/${meeting.id}/format`, { as: chair, body: { formatId: ours } })).statusCode).toBe(200);
    const unlisted = await addMeeting(t.app, admin, unlistedGroupId, meetingBody({ name: "Quiet Hour" }));
    expect((await send(t.app, "GET", `/api/meetings/${unlisted.id}/format`, { as: outsider })).statusCode).toBe(404);
  });

  it("follows rotation: once someone's chair position ends, they no longer edit formats", async () => {
    const rotating = await group("Rotating Circle");
    const { id, format } = await ok<{ id: string; format: Format }>(copy(chair, rotating), "copy");
    await ok(send(t.app, "PUT", `/api/groups/${rotating}/members/${chair.memberId}/positions`, { as: admin, body: { positions: [] } }), "rotate");
    expect((await send(t.app, "PUT", `/api/formats/${id}`, { as: chair, body: { format: { ...format, name: "Mine now" } } })).statusCode).toBe(403);
    await ok(send(t.app, "PUT", `/api/groups/${rotating}/members/${member.memberId}/positions`, { as: admin, body: { positions: ["chair"] } }), "new chair");
    expect((await send(t.app, "PUT", `/api/formats/${id}`, { as: member, body: { format: { ...format, name: "Our circle" } } })).statusCode).toBe(200);
  });
});
