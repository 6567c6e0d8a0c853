/**
 * The limit on whole-directory exports: the gate on its own (how many slots, what a refusal says,
 * every ending gives the slot back), then the app's exports held open over a real socket, with
 * the next one refused, small feeds still answering, and slots coming back when a download
 * finishes, fails or its client leaves mid-stream.
 */
import { EventEmitter } from "node:events";
import { get, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildApp, type App } from "../../app";
import { AppError } from "../../errors";
import { send, setupOrganization } from "../../testing/client";
import { createTestDatabase, dialects, testConfig, type TestDatabase } from "../../testing/harness";
import { ensureBuilt, stateOf } from "../web/testing";
import { DEFAULT_EXPORTS_AT_ONCE, ExportGate, inPieces, SLICE_MS, whileHeld } from "./export-gate";
import { MeetingsRepository } from "./repository";
import { addMeeting, createGroup, meetingBody } from "./test-helpers";

function refusal(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("not refused");
}

describe("the export gate", () => {
  it("lets two exports run by default and refuses the third with 503 scheduleBusy, Retry-After 30", () => {
    const gate = new ExportGate();
    expect(gate.capacity).toBe(DEFAULT_EXPORTS_AT_ONCE);
    gate.enter();
    gate.enter();
    const error = refusal(() => gate.enter());
    expect(error.code).toBe("scheduleBusy");
    expect(error.detail).toBe("Too many full-schedule downloads are running. Try again in a minute.");
    expect(error.extra.retryAfterSeconds).toBe(30);
    expect(gate.inUse).toBe(2);
  });

  it("gives a slot back once, however many times it is released", () => {
    const gate = new ExportGate(2);
    const first = gate.enter();
    gate.enter();
    first.release();
    first.release();
    expect(first.released).toBe(true);
    expect(gate.inUse).toBe(1);
    gate.enter();
    expect(() => gate.enter()).toThrow(AppError);
  });

  it("refuses a capacity that is not a whole number of at least one", () => {
    for (const capacity of [0, -1, 1.5, Number.NaN]) expect(() => new ExportGate(capacity)).toThrow(RangeError);
  });

  it("holds a slot while work runs, and gives it back when the work finishes or fails", async () => {
    const gate = new ExportGate(1);
    let finish!: (value: string) => void;
    const running = gate.run(() => new Promise<string>((resolve) => (finish = resolve)));
    expect(gate.inUse).toBe(1);
    expect(refusal(() => gate.enter()).code).toBe("scheduleBusy");
    finish("done");
    await expect(running).resolves.toBe("done");
    expect(gate.inUse).toBe(0);

    await expect(gate.run(() => Promise.reject(new Error("database gone")))).rejects.toThrow("database gone");
    expect(gate.inUse).toBe(0);
    // Refused work never starts, and takes no slot.
    const held = gate.enter();
    let started = false;
    await expect(
      gate.run(async () => {
        started = true;
      }),
    ).rejects.toMatchObject({ code: "scheduleBusy" });
    expect(started).toBe(false);
    held.release();
  });

  it("holds a response's slot until the response closes", () => {
    const gate = new ExportGate(1);
    const response = new EventEmitter();
    const slot = gate.enterFor(response);
    expect(gate.inUse).toBe(1);
    response.emit("close");
    expect(slot.released).toBe(true);
    expect(gate.inUse).toBe(0);
    // A later release (the stream's own end) changes nothing.
    slot.release();
    expect(gate.inUse).toBe(0);
  });

  it("stops reading the source once the slot is released, and closes it", async () => {
    const gate = new ExportGate(1);
    const slot = gate.enter();
    const read: number[] = [];
    let closed = false;
    async function* source() {
      try {
        for (let batch = 1; batch <= 5; batch++) {
          read.push(batch);
          yield batch;
        }
      } finally {
        closed = true;
      }
    }
    const seen: number[] = [];
    for await (const batch of whileHeld(slot, source())) {
      seen.push(batch);
      // The client leaves after the second batch.
      if (batch === 2) slot.release();
    }
    expect(seen).toEqual([1, 2]);
    expect(read).toEqual([1, 2]);
    expect(closed).toBe(true);
  });

  it("lets other requests in while a long export runs, not only when it ends", async () => {
    const slot = new ExportGate(1).enter();
    // Each item costs more than a slice of work and arrives at once, as SQLite's reads do.
    async function* source() {
      for (let item = 0; item < 5; item++) {
        const until = performance.now() + SLICE_MS * 1.5;
        while (performance.now() < until);
        yield item;
      }
    }
    let otherRanAfter: number | null = null;
    const seen: number[] = [];
    setImmediate(() => (otherRanAfter = seen.length));
    for await (const item of whileHeld(slot, source())) seen.push(item);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(otherRanAfter).not.toBeNull();
    expect(otherRanAfter!).toBeLessThan(5);
  });

  it("cuts batches into pieces, in order", async () => {
    async function* batches() {
      yield [1, 2, 3, 4, 5];
      yield [];
      yield [6];
    }
    const pieces: number[][] = [];
    for await (const piece of inPieces(batches(), 2)) pieces.push(piece);
    expect(pieces).toEqual([[1, 2], [3, 4], [5], [6]]);
  });

  it("passes everything through while the slot is held, and a failure of the source too", async () => {
    const slot = new ExportGate(1).enter();
    async function* source() {
      yield "a";
      yield "b";
    }
    const all: string[] = [];
    for await (const item of whileHeld(slot, source())) all.push(item);
    expect(all).toEqual(["a", "b"]);

    async function* failing() {
      yield "a";
      throw new Error("database gone");
    }
    await expect(
      (async () => {
        for await (const _item of whileHeld(slot, failing()));
      })(),
    ).rejects.toThrow("database gone");
  });
});

// ---------- the app's exports ----------

/** A database read made to wait until the test lets it go, so an export stays open as long as a test needs. */
interface Hold {
  /** Settles when an export has reached the held read. */
  reached: Promise<void>;
  open(): void;
}

function newHold(): Hold & { reach(): void; opened: Promise<void> } {
  let open!: () => void;
  let reach!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return { opened, reached, open, reach };
}

/** Reads the printable schedule waits on, from this day of the week on (0: every day); the organization's feed pages. */
const held: { printKeys: (ReturnType<typeof newHold> & { fromDay: number }) | null; feedPages: ReturnType<typeof newHold> | null } = { printKeys: null, feedPages: null };
/** The next read that fails, as a database gone away would. */
const failing = { printKeys: false, feedPages: false };

const { printKeys, meetingsPage } = MeetingsRepository.prototype;
vi.spyOn(MeetingsRepository.prototype, "printKeys").mockImplementation(async function (this: MeetingsRepository, ...args: Parameters<MeetingsRepository["printKeys"]>) {
  const [, part] = args;
  const hold = held.printKeys;
  const day = "weekMinutes" in part ? Math.floor(part.weekMinutes[0] / 1440) : 0;
  if (hold && day >= hold.fromDay) {
    hold.reach();
    await hold.opened;
  }
  if (failing.printKeys) {
    failing.printKeys = false;
    throw new Error("database gone");
  }
  return printKeys.apply(this, args);
});
vi.spyOn(MeetingsRepository.prototype, "meetingsPage").mockImplementation(async function (this: MeetingsRepository, ...args: Parameters<MeetingsRepository["meetingsPage"]>) {
  // Only the whole organization's feed: one group's feed reads the same way and must never wait.
  if ("organizationId" in args[0]) {
    if (failing.feedPages) {
      failing.feedPages = false;
      throw new Error("database gone");
    }
    if (held.feedPages) {
      held.feedPages.reach();
      await held.feedPages.opened;
    }
  }
  return meetingsPage.apply(this, args);
});

function holdPrintSchedule(fromDay = 0): Hold {
  held.printKeys = { ...newHold(), fromDay };
  return held.printKeys;
}

function holdFeed(): Hold {
  held.feedPages = newHold();
  return held.feedPages;
}

/** A download over a real socket, as a browser or a script makes it. */
interface Download {
  response: Promise<IncomingMessage>;
  /** The first bytes of the body. */
  firstChunk: Promise<string>;
  /** The whole body; rejects when the connection breaks. */
  body: Promise<string>;
  /** The client leaves (closes the connection). */
  leave(): void;
}

function download(app: App, path: string): Download {
  const { port } = app.server.address() as AddressInfo;
  let leave!: () => void;
  let firstChunk!: Promise<string>;
  let body!: Promise<string>;
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    const request = get({ host: "127.0.0.1", port, path }, (res) => {
      const chunks: Buffer[] = [];
      firstChunk = new Promise((first) => res.once("data", (chunk: Buffer) => first(chunk.toString("utf8"))));
      body = new Promise((done, broken) => {
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => (res.complete ? done(Buffer.concat(chunks).toString("utf8")) : broken(new Error("cut short"))));
        res.on("error", broken);
        res.on("aborted", () => broken(new Error("cut short")));
      });
      // Nobody may wait on it: a broken body is only a failed expectation when a test awaits it.
      body.catch(() => {});
      resolve(res);
    });
    request.on("error", reject);
    leave = () => request.destroy();
  });
  response.catch(() => {});
  return {
    response,
    get firstChunk() {
      return response.then(() => firstChunk);
    },
    get body() {
      return response.then(() => body);
    },
    leave: () => leave(),
  };
}

const BUSY = {
  type: "urn:kindred:problem:scheduleBusy",
  title: "The schedule is busy",
  status: 503,
  detail: "Too many full-schedule downloads are running. Try again in a minute.",
};

/** Every whole-directory export the API offers. */
const EXPORTS = ["/api/feeds/meeting-guide.json", "/api/feeds/meetings.pdf", "/api/feeds/print-schedule.json", "/api/feeds/organization.ics", "/api/feeds/search.ics?tz=UTC"];

describe.each(dialects)("whole-directory exports, one at a time, on %s", (dialect) => {
  let database: TestDatabase;
  let app: App;
  let group: { id: string };
  let hope: { slug: string };

  beforeAll(async () => {
    ensureBuilt();
    database = await createTestDatabase(dialect);
    app = await buildApp({ config: testConfig(database.config, { scheduleExportsAtOnce: 1 }), db: database.db, logger: false });
    const admin = await setupOrganization(app, { organizationName: "Harbor Intergroup" });
    group = await createGroup(app, admin, { name: "Harbor Lights" });
    // Tuesday, then Saturday: the printable schedule reaches Saturday well after its first bytes.
    hope = await addMeeting(app, admin, group.id, meetingBody({ name: "Tuesday Night Hope" }));
    await addMeeting(app, admin, group.id, meetingBody({ name: "Saturday Serenity" }, { repeats: { every: "week", days: [6] } }));
    await app.listen({ port: 0, host: "127.0.0.1" });
  });

  afterEach(() => {
    // Nothing may stay waiting: closing the app waits for every open download.
    held.printKeys?.open();
    held.feedPages?.open();
    held.printKeys = held.feedPages = null;
    failing.printKeys = failing.feedPages = false;
  });

  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  const gate = () => app.services.meetings.exportGate;

  /** Once every slot is free again (the server notices a closed response a moment after the client). */
  const slotsFree = () => vi.waitFor(() => expect(gate().inUse).toBe(0), { timeout: 5000, interval: 10 });

  async function expectExportAnswers(): Promise<void> {
    const res = await send(app, "GET", "/api/feeds/print-schedule.json");
    expect(res.statusCode).toBe(200);
    expect((res.json() as { name: string }[]).map((entry) => entry.name)).toEqual(["Tuesday Night Hope", "Saturday Serenity"]);
  }

  it("refuses another whole-directory export while one streams, while one group's feed, the search and a meeting's calendar still answer", async () => {
    const hold = holdPrintSchedule();
    const pdf = download(app, "/api/feeds/meetings.pdf");
    await hold.reached;
    // The download has begun: its first bytes are out while the rest waits on the database.
    expect((await pdf.response).statusCode).toBe(200);
    expect(await pdf.firstChunk).toMatch(/^%PDF-/);

    for (const url of EXPORTS) {
      const res = await send(app, "GET", url);
      expect(res.statusCode, url).toBe(503);
      expect(res.headers["content-type"], url).toMatch(/^application\/problem\+json/);
      expect(res.headers["retry-after"], url).toBe("30");
      expect(res.json(), url).toEqual({ ...BUSY, retryAfterSeconds: 30 });
    }
    // The print page shows the same problem as its page error.
    const page = await send(app, "GET", "/meetings/print");
    expect(page.statusCode).toBe(503);
    expect(stateOf(page.body).pageData).toMatchObject({ name: "printSchedule", problem: { status: 503, type: BUSY.type } });

    const groupFeed = await send(app, "GET", `/api/feeds/meeting-guide.json?group=${group.id}`);
    expect(groupFeed.statusCode).toBe(200);
    expect((groupFeed.json() as { name: string }[]).map((entry) => entry.name).sort()).toEqual(["Saturday Serenity", "Tuesday Night Hope"]);
    const search = await send(app, "GET", "/api/meetings");
    expect(search.statusCode).toBe(200);
    expect(search.json().meetings).toHaveLength(2);
    const calendar = await send(app, "GET", `/api/feeds/meetings/${hope.slug}.ics`);
    expect(calendar.statusCode).toBe(200);
    expect(calendar.body).toContain("SUMMARY:Tuesday Night Hope");

    // Let it finish: the whole file arrives, and the next export is served.
    hold.open();
    const body = await pdf.body;
    expect(body.trimEnd().endsWith("%%EOF")).toBe(true);
    await slotsFree();
    await expectExportAnswers();
    expect((await send(app, "GET", "/meetings/print")).statusCode).toBe(200);
    const searched = await send(app, "GET", "/api/feeds/search.ics?tz=UTC");
    expect(searched.statusCode).toBe(200);
    expect(searched.body).toContain("SUMMARY:Tuesday Night Hope");
  });

  it("serves the next export once a held feed finishes", async () => {
    const hold = holdFeed();
    const feed = download(app, "/api/feeds/meeting-guide.json");
    await hold.reached;
    expect((await send(app, "GET", "/api/feeds/meetings.pdf")).statusCode).toBe(503);
    hold.open();
    expect((await feed.response).statusCode).toBe(200);
    expect((JSON.parse(await feed.body) as { name: string }[]).map((entry) => entry.name).sort()).toEqual(["Saturday Serenity", "Tuesday Night Hope"]);
    await slotsFree();
    await expectExportAnswers();
  });

  it.each([
    ["the printable schedule's JSON, after its first meetings", "/api/feeds/print-schedule.json", "Tuesday Night Hope"],
    ["the PDF, after its first bytes", "/api/feeds/meetings.pdf", "%PDF-"],
    ["the Meeting Guide feed, before its first byte", "/api/feeds/meeting-guide.json", null],
  ])("gives the slot back when the client leaves %s", async (_what, url, firstWords) => {
    // Saturday's part waits: Tuesday's is already out.
    const hold = url === "/api/feeds/meeting-guide.json" ? holdFeed() : holdPrintSchedule(3);
    const leaving = download(app, url);
    await hold.reached;
    if (firstWords !== null) {
      expect((await leaving.response).statusCode).toBe(200);
      expect(await leaving.firstChunk).toContain(firstWords);
    }
    expect((await send(app, "GET", "/api/feeds/organization.ics")).statusCode).toBe(503);

    leaving.leave();
    // Free while the export's read is still held: the slot follows the response, not the database.
    await slotsFree();
    hold.open();
    await expectExportAnswers();
  });

  it("gives the slot back when an export fails, before or after its first bytes", async () => {
    // Before: the feed's first read fails, and the client is told so.
    failing.feedPages = true;
    const feed = await send(app, "GET", "/api/feeds/meeting-guide.json");
    expect(feed.statusCode).toBe(500);
    expect(feed.json()).toMatchObject({ type: "urn:kindred:problem:internal" });
    await slotsFree();
    await expectExportAnswers();

    // After: the PDF's first bytes are out when a read fails, so the connection is cut short.
    const hold = holdPrintSchedule(3);
    const pdf = download(app, "/api/feeds/meetings.pdf");
    await hold.reached;
    expect((await pdf.response).statusCode).toBe(200);
    expect(await pdf.firstChunk).toMatch(/^%PDF-/);
    failing.printKeys = true;
    hold.open();
    await expect(pdf.body).rejects.toThrow("cut short");
    await slotsFree();
    await expectExportAnswers();

    // The print page, collected in memory, fails as a page; the next one renders.
    failing.printKeys = true;
    expect((await send(app, "GET", "/meetings/print")).statusCode).toBe(500);
    expect(gate().inUse).toBe(0);
    expect((await send(app, "GET", "/meetings/print")).statusCode).toBe(200);
  });
});
