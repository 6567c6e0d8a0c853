/**
 * `npm run bench -- board [--postgres]`: the group board with 100,000 posts in one group. Listing a
 * page of topics and a page of replies (the first page, and one deep in the list through its
 * cursor), and posting a reply and a topic, through the HTTP API, beside a hello-world route
 * measured in the same run. A member reads; a moderator posts (moderators are exempt from the
 * posting limits for new members, which would otherwise slow the posting down on purpose).
 */
import { encodeCursor } from "../server/features/board/cursor";
import { headersFor, send, setupOrganization, signUp, type Person } from "../server/testing/client";
import { seedBoard, type SeededBoard } from "./board-seed";
import { analyzeAfterLoad, secondsSince } from "./lib/bulk";
import { Baseline, listen, measure, type BenchRequest, type Measured } from "./lib/measure";
import { benchApp, benchDatabase, dialectsFrom, figure, machine, printFigure, type DialectName } from "./lib/setup";
import type { App } from "../server/app";
import type { Db } from "../server/db";

/** How deep the "deep" pages start: after this many topics, and this many replies. */
const DEEP_TOPICS = 5_000;
const DEEP_REPLIES = 10_000;

const MEASURES = {
  threadsFirstPage: "topics, first page (20)",
  threadsDeepPage: `topics, a page after ${DEEP_TOPICS.toLocaleString("en")}`,
  repliesFirstPage: "replies, first page (50)",
  repliesDeepPage: `replies, a page after ${DEEP_REPLIES.toLocaleString("en")}`,
  postReply: "post a reply (moderator)",
  postTopic: "start a topic (moderator)",
} as const;
type MeasureName = keyof typeof MEASURES;

interface DialectRun {
  seedSeconds: number;
  seeded: SeededBoard;
  measured: Record<MeasureName, Measured>;
}

async function ok(res: Promise<{ statusCode: number; body: string }>, status: number): Promise<unknown> {
  const done = await res;
  if (done.statusCode !== status) throw new Error(`expected ${status}, got ${done.statusCode}: ${done.body.slice(0, 300)}`);
  return done.body ? JSON.parse(done.body) : null;
}

/** A group with a reader (member) and a moderator, as the API makes them. */
async function people(app: App): Promise<{ groupId: string; reader: Person; moderator: Person }> {
  const admin = await setupOrganization(app);
  const group = (await ok(
    send(app, "POST", "/api/groups", { as: admin, body: { name: "Evening Circle", focusAreas: ["mental_health"], languages: ["en"], guidelines: "Be kind." } }),
    201,
  )) as { id: string };
  const reader = await signUp(app, "reader");
  const moderator = await signUp(app, "moderator");
  for (const person of [reader, moderator]) {
    await ok(send(app, "POST", `/api/groups/${group.id}/join`, { as: person, body: { acceptedGuidelinesVersion: 1 } }), 200);
  }
  await ok(send(app, "PUT", `/api/groups/${group.id}/members/${moderator.memberId}/positions`, { as: admin, body: { positions: ["moderator"] } }), 200);
  return { groupId: group.id, reader, moderator };
}

/** Cursors that start a page deep in the lists, as a reader paging on would hold. */
async function deepCursors(db: Db, groupId: string, longTopicId: string): Promise<{ topics: string; replies: string }> {
  const topic = await db
    .selectFrom("board_threads")
    .select(["last_activity_at", "id"])
    .where("group_id", "=", groupId)
    .where("pinned", "=", 0)
    .orderBy("last_activity_at", "desc")
    .orderBy("id", "desc")
    .offset(DEEP_TOPICS - 1)
    .limit(1)
    .executeTakeFirstOrThrow();
  const reply = await db
    .selectFrom("board_posts")
    .select(["created_at", "id"])
    .where("thread_id", "=", longTopicId)
    .where("id", "<>", longTopicId)
    .orderBy("created_at")
    .orderBy("id")
    .offset(DEEP_REPLIES - 1)
    .limit(1)
    .executeTakeFirstOrThrow();
  return { topics: encodeCursor({ at: topic.last_activity_at, id: topic.id }), replies: encodeCursor({ at: reply.created_at, id: reply.id }) };
}

async function runOn(dialect: DialectName): Promise<DialectRun> {
  const database = await benchDatabase(dialect);
  const app = await benchApp(database);
  try {
    const { groupId, reader, moderator } = await people(app);
    console.log(`[${dialect}] seeding ${"100,000"} posts in one group...`);
    const began = performance.now();
    const seeded = await seedBoard(database.db, groupId, reader.memberId, new Date());
    await analyzeAfterLoad(database.db, dialect);
    const seedSeconds = secondsSince(began);
    console.log(`[${dialect}] seeded ${seeded.posts} posts in ${seeded.topics} topics in ${seedSeconds} s`);

    const cursors = await deepCursors(database.db, groupId, seeded.longTopicId);
    const asReader = headersFor(reader);
    const asModerator = headersFor(moderator);
    const topics = `/api/groups/${groupId}/board/threads`;
    const replies = `/api/board/threads/${seeded.longTopicId}/replies`;
    const requests: Record<MeasureName, BenchRequest> = {
      threadsFirstPage: { method: "GET", url: topics, headers: asReader },
      threadsDeepPage: { method: "GET", url: `${topics}?cursor=${cursors.topics}`, headers: asReader },
      repliesFirstPage: { method: "GET", url: replies, headers: asReader },
      repliesDeepPage: { method: "GET", url: `${replies}?cursor=${cursors.replies}`, headers: asReader },
      postReply: { method: "POST", url: replies, headers: asModerator, body: { body: "Thinking of you this week. **You are not alone.**" }, status: 201 },
      postTopic: { method: "POST", url: topics, headers: asModerator, body: { title: "Checking in", body: "How is everyone doing tonight?" }, status: 201 },
    };

    const origin = await listen(app);
    const measured = {} as Record<MeasureName, Measured>;
    for (const name of Object.keys(MEASURES) as MeasureName[]) {
      console.log(`[${dialect}] measuring ${MEASURES[name]}...`);
      measured[name] = await measure(app, origin, requests[name]);
    }
    return { seedSeconds, seeded, measured };
  } finally {
    await app.close();
    await database.destroy();
  }
}

export async function run(args: string[]): Promise<void> {
  const dialects = dialectsFrom(args);
  const date = new Date().toISOString();
  console.log(`Board benchmark, ${date}, on ${dialects.join(" and ")}`);
  const baseline = new Baseline();
  console.log("measuring hello-world (start)...");
  await baseline.measure();
  const runs: Partial<Record<DialectName, DialectRun>> = {};
  for (const dialect of dialects) runs[dialect] = await runOn(dialect);
  console.log("measuring hello-world (end)...");
  await baseline.measure();

  console.log("");
  console.log(`hello-world: ${baseline.runs.map((r) => `${r.throughput.perSecond} req/s, p50 ${r.latency.p50} ms`).join(" (start); ")} (end)`);
  for (const dialect of dialects) {
    const found = runs[dialect]!;
    console.log(`${dialect}: ${found.seeded.posts} posts, ${found.seeded.topics} topics, seeded in ${found.seedSeconds} s`);
    for (const name of Object.keys(MEASURES) as MeasureName[]) printFigure(MEASURES[name], found.measured[name], baseline);
  }

  const figures = Object.fromEntries(
    dialects.map((dialect) => {
      const found = runs[dialect]!;
      const measures = Object.fromEntries((Object.keys(MEASURES) as MeasureName[]).map((name) => [name, figure(found.measured[name], baseline)]));
      return [dialect, { seedSeconds: found.seedSeconds, posts: found.seeded.posts, topics: found.seeded.topics, ...measures }];
    }),
  );
  console.log(
    JSON.stringify({ bench: "board", date, machine: machine(), helloWorld: { perSecond: baseline.perSecond, p50Ms: baseline.p50, runs: baseline.runs.length }, ...figures }),
  );
}
