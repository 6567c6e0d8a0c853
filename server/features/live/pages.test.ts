/**
 * What a member and a checker of a slip see around attendance: the slip's address is the human
 * page /verify/:code, which the server renders complete (no JavaScript needed), and the
 * attendance list names the room and meeting it was for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { ensureBuilt, stateOf } from "../web/testing";
import { addMeeting, endedAttendanceOf, liveWorld, roomOf, type LiveWorld } from "./test-helpers";

/** What the page shows, without markup: what a reader without JavaScript sees. */
const textOf = (html: string) =>
  /<main[^>]*>([^]*)<\/main>/
    .exec(html)![1]!
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

/** A page React could not render on the server says so in a template; this page must never need that. */
function expectRendered(html: string): void {
  expect(html).not.toContain("Switched to client rendering");
  expect(textOf(html)).not.toContain("Loading…");
}

describe.each(dialects)("attendance slips and their verification page on %s", (dialect) => {
  let w: LiveWorld;
  let code: string;

  beforeAll(async () => {
    ensureBuilt();
    w = await liveWorld(dialect);
    const attendanceId = await endedAttendanceOf(w.a.db, w.member.memberId);
    const slip = await send(w.a.app, "GET", `/api/live/attendance/${attendanceId}/slip`, { as: w.member });
    expect(slip.statusCode).toBe(200);
    code = slip.json().code as string;
  }, 120_000);
  afterAll(async () => w?.close());

  it("gives the slip the address of the page where people check it, not the API's", async () => {
    const attendance = (await send(w.a.app, "GET", "/api/live/attendance", { as: w.member })).json().attendance;
    const slip = (await send(w.a.app, "GET", `/api/live/attendance/${attendance[0].id}/slip`, { as: w.member })).json();
    expect(slip.verifyUrl).toBe(`http://localhost:3000/verify/${code}`);
    // The data export carries the same address.
    const exported = (await send(w.a.app, "GET", "/api/account/export", { as: w.member })).json();
    expect(JSON.stringify(exported)).toContain(`"verifyUrl":"http://localhost:3000/verify/${code}"`);
    // Machines still ask the API, which answers as before.
    expect((await send(w.a.app, "GET", `/api/live/slips/verify/${code}`)).json()).toMatchObject({ genuine: true });
  });

  it("renders a genuine slip's verification on the server, with what the slip says", async () => {
    const res = await send(w.a.app, "GET", `/verify/${code}`);
    expect(res.statusCode).toBe(200);
    expectRendered(res.body);
    const text = textOf(res.body);
    expect(text).toContain("This slip is genuine.");
    expect(text).toContain("Compare these details with the paper or file you were given.");
    for (const fact of ["Tuesday Circle", "2026-03-03", "60 minutes", "chairperson"]) expect(text).toContain(fact);
    // The start on a clock the server can name (the browser's own zone takes over once the page runs).
    expect(res.body).toContain('dateTime="2026-03-03T19:00:00.000Z"');
    expect(text).toMatch(/Tue, Mar 3, 7:00\sPM UTC/);
    expect(text).not.toContain("needs JavaScript");
    expect(stateOf(res.body).pageData).toEqual({
      name: "slipVerification",
      data: { genuine: true, slip: { meetingName: "Tuesday Circle", date: "2026-03-03", start: "2026-03-03T19:00:00.000Z", durationMinutes: 60, chair: "chairperson" } },
    });
  });

  it("says plainly that a changed, made-up or overlong code could not be verified, and shows nothing of any slip", async () => {
    const changed = `${code.slice(0, 20)}${code[20] === "A" ? "B" : "A"}${code.slice(21)}`;
    for (const wrong of [changed, "nonsense", "x".repeat(300)]) {
      const res = await send(w.a.app, "GET", `/verify/${wrong}`);
      expect(res.statusCode, wrong).toBe(200);
      expectRendered(res.body);
      const text = textOf(res.body);
      expect(text).toContain("This slip could not be verified.");
      expect(text).not.toContain("Tuesday Circle");
      expect(text).not.toContain("This slip is genuine.");
      expect(stateOf(res.body).pageData).toEqual({ name: "slipVerification", data: { genuine: false } });
    }
  });

  it("speaks Spanish to a Spanish browser", async () => {
    const res = await send(w.a.app, "GET", `/verify/${code}`, { headers: { "accept-language": "es-MX,es;q=0.9" } });
    const text = textOf(res.body);
    expect(text).toContain("Esta constancia es auténtica.");
    expect(text).toContain("Tuesday Circle");
  });

  it("names the room and the meeting of each attendance (null once the meeting is gone)", async () => {
    const meetingId = await addMeeting(w, { name: "Wednesday Circle" });
    const roomId = await roomOf(w, meetingId);
    await endedAttendanceOf(w.a.db, w.member.memberId, { id: roomId });
    const attendance = (await send(w.a.app, "GET", "/api/live/attendance", { as: w.member })).json().attendance as Array<Record<string, unknown>>;
    const inRoom = attendance.find((a) => a.roomId === roomId);
    expect(inRoom).toMatchObject({ roomId, meetingId, meetingName: "Wednesday Circle" });
    // The room written without a meeting (as after the meeting was deleted).
    expect(attendance.find((a) => a.roomId !== roomId)).toMatchObject({ meetingId: null, meetingName: "Tuesday Circle" });
  });
});
