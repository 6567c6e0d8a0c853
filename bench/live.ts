/**
 * `npm run bench -- live [--postgres]`: live meeting rooms (issue 4), beside a raw `ws` broadcast
 * loop (bench/live-raw.ts) over the same number of sockets, measured in the same run.
 *
 * - Latency: a meeting at the SMART-style "Working with tools" step (a speaker, raised hands, chat
 *   open): the speaker's live composer sends its whole text every 250 ms, someone else chats once
 *   a second; each message is timed from its send to the last socket that receives it, at 100
 *   and at 1,000 participants.
 * - Throughput: 100 of the 1,000 participants chat as fast as Kindred lets one connection (one
 *   message per 110 ms, under its 10 a second limit, and never before the last one's ack); the
 *   deliveries counted at every socket per second. The raw loop gets the very same senders.
 * - Memory per idle connection: the server process's RSS and heap (after garbage collection)
 *   before and after 1,000 sockets joined the room (or connected to the raw loop), divided by 1,000.
 * - The cross-instance hop: two Kindred instances on one PostgreSQL database joined by Redis
 *   (REDIS_URL, default redis://127.0.0.1:6379), 100 participants split between them, everyone
 *   who sends on instance A: per message, the last receiver on B against the last on A. This part
 *   always runs on PostgreSQL (TEST_DATABASE_URL or the local default), as several instances do.
 *
 * The clients run in a child process (bench/live-clients.ts): the server's process holds only
 * servers, and its memory is theirs. BENCH_LIVE_SECONDS sets the latency runs' length (30 s).
 */
import { fileURLToPath } from "node:url";
import os from "node:os";
import { performance as nodePerformance } from "node:perf_hooks";
import { Redis } from "ioredis";
import type { RoomEvent } from "../core/live/room-messages";
import { fanOut, visibleTo } from "../core/live/room";
import { buildApp, type App } from "../server/app";
import { createDb } from "../server/db";
import type { LiveService } from "../server/features/live/service";
import { TEST_ORIGIN } from "../server/testing/client";
import { testConfig, type TestDatabase } from "../server/testing/harness";
import { startRawLoop, type RawLoop } from "./live-raw";
import { openMeeting, seedLive, type LiveSeed } from "./live-seed";
import type { ClientOp, CommandAnswer, FleetSpec, LatencyResult, LatencyScenario, ThroughputResult } from "./live-protocol";
import { secondsSince } from "./lib/bulk";
import { ChildWorker } from "./lib/child";
import { collectGarbage, percentile, round } from "./lib/measure";
import { benchApp, benchDatabase, DEFAULT_POSTGRES_URL, dialectsFrom, machine, type DialectName } from "./lib/setup";

const SIZES = [100, 1000] as const;
type Size = (typeof SIZES)[number];
const LARGEST: Size = 1000;
const THROUGHPUT_SENDERS = 100;
/** Kindred lets one connection send 10 messages a second (bursts of 20): senders stay under it. */
const MIN_INTERVAL_MS = 110;
const THROUGHPUT_WARM_UP_SECONDS = 1;
const THROUGHPUT_SECONDS = Math.max(5, Number(process.env.BENCH_SECONDS ?? 5));
const LATENCY_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 30);
const CROSS_PARTICIPANTS = 100;
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const OPEN_CONCURRENCY = 50;

/** The realistic rate: a composer update every 250 ms (its text growing from 300 characters), a chat each second. */
const REALISTIC = { shareEveryMs: 250, shareStartChars: 300, shareGrowthChars: 8, chatEveryMs: 1000 };

const GOALS = { throughputOfRaw: 0.7, p99Ms: { 100: 10, 1000: 30 } as Record<Size, number>, hopP99Ms: 2 };

export interface Distribution {
  messages: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

interface LatencyFigure extends Distribution {
  receivers: number;
  incomplete: number;
  errors: Record<string, number>;
  /** The server process's CPU per message sent (all its threads), and its event loop's busy share, over the run. */
  serverCpuMsPerMessage: number;
  serverLoopBusy: number;
  /**
   * Per message, wall and CPU time (ms): Kindred's commit and fan-out (see probe()); the raw
   * loop's broadcast, parse to last send (its "fan-out"; it has no commit).
   */
  commitMsMean?: number;
  commitCpuMsMean?: number;
  fanOutMsMean?: number;
  fanOutCpuMsMean?: number;
}

interface ThroughputFigure extends ThroughputResult {
  /** The server process's event loop, busy share, and its CPU in cores, over the whole run. */
  serverLoopBusy: number;
  serverCpu: number;
  /** Deliveries per second of the server's CPU: what a core of its own would deliver. */
  deliveriesPerCpuSecond: number;
  /** Server CPU per message sent (ms). */
  cpuMsPerCommand: number;
}

interface MemoryFigure {
  sockets: number;
  rssKbPerSocket: number;
  heapKbPerSocket: number;
}

/** Where Kindred's time went while the throughput ran (from wrapping the engine's commit and fan-out). */
interface Breakdown {
  commits: number;
  commitMsMean: number;
  commitCpuMsMean: number;
  fanOuts: number;
  fanOutMsMean: number;
  fanOutCpuMsMean: number;
  /** Per listener, measured apart on the room's own state: visibleTo, and JSON.stringify of the message. */
  visibleToUs: number;
  stringifyUs: number;
  /** The same with the engine's way since group commit: fanOut (visibility once per kind of viewer) and one JSON.stringify per distinct event. */
  fanOutUs?: number;
  sharedStringifyUs?: number;
}

interface SizeRun {
  raw: LatencyFigure;
  kindred: LatencyFigure;
  /** How long the participants took to connect and join, one after another 50 at a time, and the server's CPU for it. */
  join: { seconds: number; serverCpuSeconds: number; commitSeconds?: number; fanOutSeconds?: number };
}

interface DialectRun {
  seedSeconds: number;
  sizes: Record<Size, SizeRun>;
  /** Kindred's deliveries as a share of the raw loop's: per second, and per second of server CPU. */
  throughput: { raw: ThroughputFigure; kindred: ThroughputFigure; ofRaw: number; ofRawPerCpu: number; breakdown: Breakdown | null };
  memory: { raw: MemoryFigure; kindred: MemoryFigure };
}

interface CrossRun {
  participants: number;
  onA: Distribution;
  onB: Distribution;
  hop: Distribution;
  /** p99 on B minus p99 on A. */
  addedP99Ms: number;
  incomplete: number;
  errors: Record<string, number>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    messages: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? NaN),
  };
}

interface ServerUse {
  cpuMs: number;
  loopBusy: number;
  ms: number;
}

/** The server process's CPU (every thread) and its event loop's busy share while `work` runs. */
async function serverUse<T>(work: () => Promise<T>): Promise<{ result: T; use: ServerUse }> {
  const loop = nodePerformance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const began = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { result, use: { cpuMs: (used.user + used.system) / 1000, loopBusy: nodePerformance.eventLoopUtilization(loop).utilization, ms: performance.now() - began } };
}

function latencyFigure(result: LatencyResult, use: ServerUse, timed?: ProbeTotals | null): LatencyFigure {
  return {
    ...distribution(result.toLast),
    receivers: result.receivers,
    incomplete: result.incomplete,
    errors: result.errors,
    serverCpuMsPerMessage: round(use.cpuMs / Math.max(1, result.messages), 3),
    serverLoopBusy: round(use.loopBusy),
    ...(timed
      ? {
          ...(timed.commits > 0
            ? { commitMsMean: round(timed.commitMs / timed.commits, 3), commitCpuMsMean: round(timed.commitCpuMs / timed.commits, 3) }
            : {}),
          fanOutMsMean: round(timed.fanOutMs / Math.max(1, timed.fanOuts), 3),
          fanOutCpuMsMean: round(timed.fanOutCpuMs / Math.max(1, timed.fanOuts), 3),
        }
      : {}),
  };
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
}

// ---------- the client process ----------

class Clients {
  readonly worker = new ChildWorker<ClientOp>(fileURLToPath(new URL("./live-clients.ts", import.meta.url)));

  open(fleet: FleetSpec): Promise<{ ms: number }> {
    return this.worker.ask({ op: "open", fleet });
  }

  async command(fleet: string, socket: number, cmd: Record<string, unknown>): Promise<void> {
    const answer = await this.worker.ask<CommandAnswer>({ op: "command", fleet, socket, cmd });
    if (answer.t !== "ack") throw new Error(`${String(cmd.type)} from socket ${socket}: ${JSON.stringify(answer)}`);
  }

  latency(fleet: string, participants: number, speaker = 1, chatters = chattersOf(participants)): Promise<LatencyResult> {
    const scenario: LatencyScenario = { fleet, seconds: LATENCY_SECONDS, speaker, chatters, ...REALISTIC };
    return this.worker.ask({ op: "latency", scenario });
  }

  /** Latency at the realistic rate, with the server's CPU per message and (for Kindred) the engine's times. */
  async latencyFigure(fleet: string, participants: number, server: { live: LiveService } | { raw: RawLoop }): Promise<LatencyFigure> {
    const probed = "live" in server ? probe(server.live) : null;
    const rawBefore = "raw" in server ? { ...server.raw.work } : null;
    try {
      const { result, use } = await serverUse(() => this.latency(fleet, participants));
      let timed = probed?.read() ?? null;
      if ("raw" in server && rawBefore) {
        const w = server.raw.work;
        timed = { commits: 0, commitMs: 0, commitCpuMs: 0, fanOuts: w.broadcasts - rawBefore.broadcasts, fanOutMs: w.wallMs - rawBefore.wallMs, fanOutCpuMs: w.cpuMs - rawBefore.cpuMs };
      }
      return latencyFigure(result, use, timed);
    } finally {
      probed?.restore();
    }
  }

  async throughput(fleet: string): Promise<ThroughputFigure> {
    const senders = Array.from({ length: THROUGHPUT_SENDERS }, (_, i) => 2 + i);
    const { result, use } = await serverUse(() =>
      this.worker.ask<ThroughputResult>({
        op: "throughput",
        scenario: { fleet, senders, minIntervalMs: MIN_INTERVAL_MS, warmUpSeconds: THROUGHPUT_WARM_UP_SECONDS, seconds: THROUGHPUT_SECONDS },
      }),
    );
    const serverCpu = use.cpuMs / use.ms;
    return {
      ...result,
      serverLoopBusy: round(use.loopBusy),
      serverCpu: round(serverCpu),
      deliveriesPerCpuSecond: Math.round(result.deliveriesPerSecond / Math.max(0.001, serverCpu)),
      cpuMsPerCommand: round((serverCpu * 1000) / Math.max(1, result.commandsPerSecond), 3),
    };
  }

  close(fleet: string): Promise<void> {
    return this.worker.ask({ op: "close", fleet });
  }

  stop(): Promise<void> {
    return this.worker.stop({ op: "exit" });
  }
}

/** Up to 50 participants who chat in turn (never the chair, 0, or the speaker, 1). */
function chattersOf(participants: number): number[] {
  const count = Math.min(50, participants - 2);
  const stride = Math.max(1, Math.floor((participants - 2) / count));
  return Array.from({ length: count }, (_, i) => 2 + i * stride);
}

/** Socket 0 is the chair; the others are seeded members. */
function socketsFor(seed: LiveSeed, participants: number, urlOf: (i: number) => string, groupOf: (i: number) => number = () => 0): FleetSpec["sockets"] {
  return Array.from({ length: participants }, (_, i) => ({
    url: urlOf(i),
    group: groupOf(i),
    headers: { origin: TEST_ORIGIN, cookie: i === 0 ? seed.chair.cookie : seed.memberCookies[i - 1]! },
  }));
}

function socketUrl(origin: string): string {
  return `${origin.replace(/^http/, "ws")}/api/live/socket`;
}

// ---------- memory ----------

function memoryNow(): { rss: number; heap: number } {
  collectGarbage();
  collectGarbage();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed + usage.arrayBuffers };
}

async function memoryOver(sockets: number, connect: () => Promise<unknown>): Promise<MemoryFigure> {
  const before = memoryNow();
  await connect();
  await sleep(500);
  const after = memoryNow();
  return { sockets, rssKbPerSocket: round((after.rss - before.rss) / 1024 / sockets, 1), heapKbPerSocket: round((after.heap - before.heap) / 1024 / sockets, 1) };
}

// ---------- the room ----------

/** From the first step to the first where someone shares by raised hand while chat is open; the speaker raises a hand and is called. */
async function toSharingWithChat(app: App, clients: Clients, fleet: string, roomId: string): Promise<void> {
  const { state } = await app.services.live.engine.stateOf(roomId);
  const target = state.config.format.steps.findIndex((step) => step.speaking === "queue" && step.chatOpen);
  if (target < 0) throw new Error(`the format "${state.config.format.name}" has no step with raised hands and open chat`);
  for (let i = state.stepIndex; i < target; i++) await clients.command(fleet, 0, { type: "next_step" });
  await clients.command(fleet, 1, { type: "raise_hand" });
  await clients.command(fleet, 0, { type: "call_next" });
}

/** The chair ends the meeting (everyone is told and let go at once, with no grace periods left running), then the sockets close. */
async function endMeeting(clients: Clients, fleet: string): Promise<void> {
  await clients.command(fleet, 0, { type: "end_meeting" });
  await clients.close(fleet);
}

interface ProbeTotals {
  commits: number;
  commitMs: number;
  commitCpuMs: number;
  fanOuts: number;
  fanOutMs: number;
  fanOutCpuMs: number;
}

interface Probe {
  read(): ProbeTotals;
  restore(): void;
}

/**
 * Times the engine's commit (the database transaction, decide included) and its fan-out (evolve,
 * then visibleTo and a send for every listener), by wrapping them on this instance. They are the
 * engine's private parts: when they change, the breakdown is left out and the rest still runs.
 */
function probe(live: LiveService): Probe | null {
  type Fn = (...args: unknown[]) => unknown;
  const engine = live.engine as unknown as { deps?: { repository?: Record<string, unknown> }; apply?: Fn } & Record<string, unknown>;
  const repository = engine.deps?.repository;
  const commit = repository?.commitToRoom as Fn | undefined;
  const apply = engine.apply;
  if (!repository || typeof commit !== "function" || typeof apply !== "function") return null;
  const totals: ProbeTotals = { commits: 0, commitMs: 0, commitCpuMs: 0, fanOuts: 0, fanOutMs: 0, fanOutCpuMs: 0 };
  const cpuSince = (start: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  // CPU is the process's (getrusage): during a commit's awaits other work may run and count too.
  repository.commitToRoom = async function (this: unknown, ...args: unknown[]) {
    const began = performance.now();
    const cpu = process.cpuUsage();
    try {
      return await commit.apply(this, args);
    } finally {
      totals.commits++;
      totals.commitMs += performance.now() - began;
      totals.commitCpuMs += cpuSince(cpu);
    }
  };
  engine.apply = function (this: unknown, ...args: unknown[]) {
    const began = performance.now();
    const cpu = process.cpuUsage();
    try {
      return apply.apply(this, args);
    } finally {
      totals.fanOuts++;
      totals.fanOutMs += performance.now() - began;
      totals.fanOutCpuMs += cpuSince(cpu);
    }
  };
  return {
    read: () => ({ ...totals }),
    restore() {
      delete repository.commitToRoom;
      delete engine.apply;
    },
  };
}

/** Per listener, on the room's real state: visibleTo of a chat message, and JSON.stringify of what is sent. */
async function perListener(app: App, roomId: string): Promise<{ visibleToUs: number; stringifyUs: number; fanOutUs: number; sharedStringifyUs: number }> {
  const { state, seq } = await app.services.live.engine.stateOf(roomId);
  const listeners = Object.keys(state.participants);
  const at = new Date().toISOString();
  const event = { type: "chat_message", message: { id: "m1", from: listeners[2]!, text: "bench#1# Thank you for sharing that. It really resonates with me this week.", at }, at } as RoomEvent;
  const times = { visibleTo: [] as number[], stringify: [] as number[], fanOut: [] as number[], shared: [] as number[] };
  let sink = 0;
  for (let round = 0; round < 30; round++) {
    let began = performance.now();
    const seen: RoomEvent[] = [];
    for (const id of listeners) seen.push(visibleTo(event, id, state) ?? event);
    times.visibleTo.push((performance.now() - began) / listeners.length);
    began = performance.now();
    for (const one of seen) sink += JSON.stringify({ t: "event", seq, event: one }).length;
    times.stringify.push((performance.now() - began) / listeners.length);
    began = performance.now();
    const seenBy = fanOut(event, state);
    const shared: RoomEvent[] = [];
    for (const id of listeners) shared.push(seenBy(id) ?? event);
    times.fanOut.push((performance.now() - began) / listeners.length);
    began = performance.now();
    const frames = new Map<RoomEvent, Buffer>();
    for (const one of shared) {
      let frame = frames.get(one);
      if (!frame) frames.set(one, (frame = Buffer.from(JSON.stringify({ t: "event", seq, event: one }))));
      sink += frame.length;
    }
    times.shared.push((performance.now() - began) / listeners.length);
  }
  if (sink === 0) throw new Error("nothing was serialized");
  const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50) * 1000;
  return {
    visibleToUs: round(median(times.visibleTo), 2),
    stringifyUs: round(median(times.stringify), 2),
    fanOutUs: round(median(times.fanOut), 2),
    sharedStringifyUs: round(median(times.shared), 2),
  };
}

// ---------- one database ----------

async function runOn(dialect: DialectName, clients: Clients): Promise<DialectRun> {
  const database = await benchDatabase(dialect);
  const app = await benchApp(database);
  const raw = await startRawLoop();
  // The server's clock for shares, as server.ts runs it.
  const ticking = setInterval(() => void app.services.live.tick().catch(() => {}), 1000);
  try {
    const origin = await app.listen({ port: 0, host: "127.0.0.1" });
    const kindredUrl = socketUrl(origin);
    console.log(`[${dialect}] seeding ${LARGEST.toLocaleString("en")} members with sessions...`);
    const began = performance.now();
    const seed = await seedLive(app, database.db, LARGEST - 1);
    const seedSeconds = secondsSince(began);

    const sizes = {} as Record<Size, SizeRun>;
    let throughput: DialectRun["throughput"] | null = null;
    let memory: DialectRun["memory"] | null = null;
    for (const participants of SIZES) {
      const largest = participants === LARGEST;
      // The raw loop.
      const rawSpec: FleetSpec = { name: "raw", sockets: socketsFor(seed, participants, () => raw.url), roomId: null, concurrency: OPEN_CONCURRENCY };
      const rawMemory = await memoryOver(participants, () => clients.open(rawSpec));
      console.log(`[${dialect}] raw loop, ${participants} sockets: latency at the realistic rate (${LATENCY_SECONDS} s)...`);
      const rawLatency = await clients.latencyFigure("raw", participants, { raw });
      let rawThroughput: ThroughputFigure | null = null;
      if (largest) {
        console.log(`[${dialect}] raw loop, ${participants} sockets: throughput...`);
        rawThroughput = await clients.throughput("raw");
      }
      await clients.close("raw");

      // A Kindred room.
      const roomId = await openMeeting(app, seed, `Tools for ${participants}`);
      const fleet = `room-${participants}`;
      console.log(`[${dialect}] ${participants} participants joining a room...`);
      const joinProbe = probe(app.services.live);
      let joined: { result: MemoryFigure; use: ServerUse };
      let joinTimes: ProbeTotals | null = null;
      try {
        joined = await serverUse(() =>
          memoryOver(participants, () => clients.open({ name: fleet, sockets: socketsFor(seed, participants, () => kindredUrl), roomId, concurrency: OPEN_CONCURRENCY })),
        );
        joinTimes = joinProbe?.read() ?? null;
      } finally {
        joinProbe?.restore();
      }
      const kindredMemory = joined.result;
      const join = {
        seconds: round(joined.use.ms / 1000, 1),
        serverCpuSeconds: round(joined.use.cpuMs / 1000, 1),
        ...(joinTimes ? { commitSeconds: round(joinTimes.commitMs / 1000, 1), fanOutSeconds: round(joinTimes.fanOutMs / 1000, 1) } : {}),
      };
      await toSharingWithChat(app, clients, fleet, roomId);
      console.log(`[${dialect}] room of ${participants}: latency at the realistic rate (${LATENCY_SECONDS} s)...`);
      const kindredLatency = await clients.latencyFigure(fleet, participants, { live: app.services.live });
      if (largest) {
        console.log(`[${dialect}] room of ${participants}: throughput...`);
        const probed = probe(app.services.live);
        let kindredThroughput: ThroughputFigure;
        let timed: ReturnType<Probe["read"]> | null = null;
        try {
          kindredThroughput = await clients.throughput(fleet);
          timed = probed?.read() ?? null;
        } finally {
          probed?.restore();
        }
        const listener = await perListener(app, roomId);
        const breakdown: Breakdown | null = timed && {
          commits: timed.commits,
          commitMsMean: round(timed.commitMs / Math.max(1, timed.commits), 3),
          commitCpuMsMean: round(timed.commitCpuMs / Math.max(1, timed.commits), 3),
          fanOuts: timed.fanOuts,
          fanOutMsMean: round(timed.fanOutMs / Math.max(1, timed.fanOuts), 3),
          fanOutCpuMsMean: round(timed.fanOutCpuMs / Math.max(1, timed.fanOuts), 3),
          ...listener,
        };
        throughput = {
          raw: rawThroughput!,
          kindred: kindredThroughput,
          ofRaw: round(kindredThroughput.deliveriesPerSecond / rawThroughput!.deliveriesPerSecond, 3),
          ofRawPerCpu: round(kindredThroughput.deliveriesPerCpuSecond / rawThroughput!.deliveriesPerCpuSecond, 3),
          breakdown,
        };
        memory = { raw: rawMemory, kindred: kindredMemory };
      }
      await endMeeting(clients, fleet);
      sizes[participants] = { raw: rawLatency, kindred: kindredLatency, join };
    }
    return { seedSeconds, sizes, throughput: throughput!, memory: memory! };
  } finally {
    clearInterval(ticking);
    await raw.close();
    await app.close();
    await database.destroy();
  }
}

// ---------- two instances ----------

async function redisAnswers(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis does not answer at ${url} (set REDIS_URL): ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }
}

async function crossInstance(clients: Clients): Promise<CrossRun> {
  await redisAnswers(REDIS_URL);
  process.env.TEST_DATABASE_URL ||= DEFAULT_POSTGRES_URL;
  const database: TestDatabase = await benchDatabase("postgres");
  const config = testConfig(database.config, { redisUrl: REDIS_URL });
  const a = await buildApp({ config, db: database.db, logger: false });
  const bDb = createDb(database.config);
  const b = await buildApp({ config, db: bDb, logger: false });
  const ticking = setInterval(() => {
    void a.services.live.tick().catch(() => {});
    void b.services.live.tick().catch(() => {});
  }, 1000);
  try {
    const urlA = socketUrl(await a.listen({ port: 0, host: "127.0.0.1" }));
    const urlB = socketUrl(await b.listen({ port: 0, host: "127.0.0.1" }));
    const seed = await seedLive(a, database.db, CROSS_PARTICIPANTS - 1);
    const roomId = await openMeeting(a, seed, "Tools across instances");
    // The chair (0) and the speaker (1) on A; the others alternate between A and B.
    const groupOf = (i: number) => (i < 2 ? 0 : i % 2);
    const fleet = "cross";
    console.log(`[postgres + redis] ${CROSS_PARTICIPANTS} participants on two instances...`);
    await clients.open({ name: fleet, sockets: socketsFor(seed, CROSS_PARTICIPANTS, (i) => (groupOf(i) === 0 ? urlA : urlB), groupOf), roomId, concurrency: OPEN_CONCURRENCY });
    await toSharingWithChat(a, clients, fleet, roomId);
    console.log(`[postgres + redis] latency at the realistic rate, everyone sending on A (${LATENCY_SECONDS} s)...`);
    // Only participants on A chat, so B is always across the hop.
    const chatters = chattersOf(CROSS_PARTICIPANTS).filter((i) => groupOf(i) === 0);
    const result = await clients.latency(fleet, CROSS_PARTICIPANTS, 1, chatters);
    await endMeeting(clients, fleet);
    const onA = distribution(result.toLastByGroup[0] ?? []);
    const onB = distribution(result.toLastByGroup[1] ?? []);
    return {
      participants: CROSS_PARTICIPANTS,
      onA,
      onB,
      hop: distribution(result.hops),
      addedP99Ms: round(onB.p99Ms - onA.p99Ms),
      incomplete: result.incomplete,
      errors: result.errors,
    };
  } finally {
    clearInterval(ticking);
    await b.close();
    await a.close();
    await bDb.destroy();
    await database.destroy();
  }
}

// ---------- the run ----------

const ms = (value: number) => `${value.toFixed(2)} ms`;
const line = (d: Distribution) => `p50 ${ms(d.p50Ms)}  p95 ${ms(d.p95Ms)}  p99 ${ms(d.p99Ms)}  max ${ms(d.maxMs)}  [${d.messages} messages]`;
const verdict = (met: boolean) => (met ? "met" : "MISSED");

function printDialect(dialect: DialectName, found: DialectRun): void {
  console.log(`${dialect}: ${LARGEST} members seeded in ${found.seedSeconds} s`);
  const cpu = (f: LatencyFigure) =>
    `; server CPU ${f.serverCpuMsPerMessage} ms/message, loop ${Math.round(f.serverLoopBusy * 100)}% busy` +
    (f.commitMsMean !== undefined ? `; commit ${f.commitMsMean} ms wall / ${f.commitCpuMsMean} ms CPU` : "") +
    (f.fanOutMsMean !== undefined ? `; fan-out ${f.fanOutMsMean} ms wall / ${f.fanOutCpuMsMean} ms CPU (means)` : "");
  const problems = (f: LatencyFigure) =>
    f.incomplete > 0 || Object.keys(f.errors).length > 0 ? `  (${f.incomplete} not received by all, errors ${JSON.stringify(f.errors)})` : "";
  for (const participants of SIZES) {
    const { raw, kindred, join } = found.sizes[participants];
    const joinParts = join.commitSeconds !== undefined ? `; commits ${join.commitSeconds} s, fan-out ${join.fanOutSeconds} s, wall` : "";
    console.log(`  ${participants} participants (joined in ${join.seconds} s, ${join.serverCpuSeconds} s of server CPU${joinParts}), send to last receiver:`);
    console.log(`    raw loop  ${line(raw)}${cpu(raw)}${problems(raw)}`);
    console.log(`    Kindred   ${line(kindred)}${cpu(kindred)}${problems(kindred)}`);
    console.log(`    goal: Kindred p99 <= ${GOALS.p99Ms[participants]} ms: ${verdict(kindred.p99Ms <= GOALS.p99Ms[participants])}`);
  }
  const { raw, kindred, ofRaw, ofRawPerCpu, breakdown } = found.throughput;
  const tp = (f: ThroughputFigure) =>
    `${f.deliveriesPerSecond.toLocaleString("en")} deliveries/s, ${f.deliveriesPerCpuSecond.toLocaleString("en")} per server CPU-second (${f.commandsPerSecond}/s sent of ${f.offeredPerSecond}/s offered, ${f.cpuMsPerCommand} ms CPU each; server loop ${Math.round(f.serverLoopBusy * 100)}% busy, server CPU ${f.serverCpu} cores, client CPU ${f.clientCpu} cores${Object.keys(f.errors).length ? `, errors ${JSON.stringify(f.errors)}` : ""})`;
  console.log(`  throughput, ${LARGEST} sockets, ${THROUGHPUT_SENDERS} senders:`);
  console.log(`    raw loop  ${tp(raw)}`);
  console.log(`    Kindred   ${tp(kindred)}`);
  console.log(`    Kindred / raw: ${ofRaw} per second, ${ofRawPerCpu} per CPU-second; goal >= ${GOALS.throughputOfRaw}: ${verdict(ofRawPerCpu >= GOALS.throughputOfRaw)} (per CPU-second)`);
  if (breakdown) {
    console.log(
      `    Kindred per transaction: commit ${breakdown.commitMsMean} ms wall / ${breakdown.commitCpuMsMean} ms CPU (${breakdown.commits} transactions: group commit), fan-out to ${LARGEST} ${breakdown.fanOutMsMean} ms wall / ${breakdown.fanOutCpuMsMean} ms CPU (${breakdown.fanOuts}); per listener, apart: visibleTo ${breakdown.visibleToUs} µs, JSON.stringify ${breakdown.stringifyUs} µs${breakdown.fanOutUs !== undefined ? `; as the engine does it now: fanOut ${breakdown.fanOutUs} µs, shared frames ${breakdown.sharedStringifyUs} µs` : ""}`,
    );
  }
  const mem = (f: MemoryFigure) => `${f.heapKbPerSocket} KB heap, ${f.rssKbPerSocket} KB RSS per socket`;
  console.log(`  memory over ${found.memory.kindred.sockets} idle sockets: raw loop ${mem(found.memory.raw)}; Kindred (joined) ${mem(found.memory.kindred)}`);
}

export async function run(args: string[]): Promise<void> {
  const dialects = dialectsFrom(args);
  const date = new Date().toISOString();
  const loadAtStart = loadAverage();
  console.log(`Live meetings benchmark, ${date}, on ${dialects.join(" and ")}, then two instances on PostgreSQL + Redis; load average ${loadAtStart}`);
  const clients = new Clients();
  const runs: Partial<Record<DialectName, DialectRun>> = {};
  let cross: CrossRun;
  try {
    for (const dialect of dialects) runs[dialect] = await runOn(dialect, clients);
    cross = await crossInstance(clients);
  } finally {
    await clients.stop();
  }
  const loadAtEnd = loadAverage();

  console.log("");
  for (const dialect of dialects) printDialect(dialect, runs[dialect]!);
  console.log(`two instances (PostgreSQL + Redis), ${cross.participants} participants split, everyone sending on A, send to last receiver:`);
  console.log(`    on A      ${line(cross.onA)}`);
  console.log(`    on B      ${line(cross.onB)}`);
  console.log(`    B minus A, per message: ${line(cross.hop)}`);
  console.log(`    added p99 (B's p99 - A's): ${ms(cross.addedP99Ms)}  goal <= ${GOALS.hopP99Ms} ms: ${verdict(cross.addedP99Ms <= GOALS.hopP99Ms)}`);
  if (cross.incomplete > 0 || Object.keys(cross.errors).length > 0) console.log(`    ${cross.incomplete} not received by all, errors ${JSON.stringify(cross.errors)}`);
  console.log(`load average: ${loadAtStart} (start), ${loadAtEnd} (end)`);

  console.log(
    JSON.stringify({
      bench: "live",
      date,
      machine: machine(),
      loadAverage: { start: loadAtStart, end: loadAtEnd },
      settings: { latencySeconds: LATENCY_SECONDS, throughputSeconds: THROUGHPUT_SECONDS, throughputSenders: THROUGHPUT_SENDERS, minIntervalMs: MIN_INTERVAL_MS, ...REALISTIC },
      goals: GOALS,
      ...runs,
      crossInstance: cross,
    }),
  );
}
