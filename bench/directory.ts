/**
 * `npm run bench -- directory [--postgres]`: the meeting directory with 100,000 meetings. Five
 * representative searches through GET /api/meetings (latency one at a time, throughput under
 * load), the size of a first page of results on the wire, the Meeting Guide feed of every
 * meeting (time and peak memory) beside JSON.stringify of the same rows, and the printable
 * schedule of every meeting as a PDF (time and peak memory), all beside a hello-world route
 * measured in the same run.
 *
 * Each search is measured cold (the result cache off: every request searches) and warm (the
 * cache on; with the clock fixed, every request after the first is a hit, so warm is the cost of
 * a hit: in production a search misses once a minute and once per ttl, and after any write).
 *
 * The app's clock is fixed to a Wednesday at 23:30 UTC (evening in the Americas, late night in
 * Europe, morning in Sydney), so every run searches the same busy moment.
 */
import http from "node:http";
import { gzipSync } from "node:zlib";
import type { App } from "../server/app";
import type { Db } from "../server/db";
import { setupOrganization } from "../server/testing/client";
import type { SearchCacheStats } from "../server/features/meetings/cache";
import { seedDirectory, type SeededDirectory } from "./directory-seed";
import { analyzeAfterLoad, secondsSince } from "./lib/bulk";
import { Baseline, collectGarbage, listen, measure, peakMemory, round, type MemoryPeak, type Measured } from "./lib/measure";
import { benchApp, benchDatabase, dialectsFrom, figure, machine, printFigure, type DialectName, type Figure } from "./lib/setup";

const SEARCHES = {
  words: { label: 'words: "serenity"', query: "q=serenity&tz=America/New_York" },
  nearSoon: { label: "within 25 km of Manhattan, starting in 2 h", query: "near=40.7128,-74.0060&radius=25&startingWithinHours=2&tz=America/New_York" },
  inProgressOnlineSpanish: { label: "in progress, online, Spanish", query: "inProgress=true&attendance=online&language=es&tz=America/Mexico_City" },
  womenSaturday: { label: "women's meetings (W) on Saturday", query: "types=W&day=6&tz=America/New_York" },
  today: { label: "everything today", query: "day=today&tz=America/New_York" },
} as const;
type SearchName = keyof typeof SEARCHES;

/** The directory's default view: in progress now, starting soon, later today. */
const DEFAULT_VIEW = "/api/meetings?tz=America/New_York";
/** Measured cold and warm beside the five searches: the view most people see. */
const DEFAULT_VIEW_LABEL = "default view (in progress, soon, later today)";
const FEED = "/api/feeds/meeting-guide.json";
const PDF = "/api/feeds/meetings.pdf";

const GOALS = { p95Ms: 10, ofHelloWorld: 0.25, firstPageBytes: 20_000 };

interface PageFacts {
  results: number;
  more: boolean;
  /** The response as sent: status line, headers and body. */
  bytesOnWire: number;
}

interface ExportFacts extends MemoryPeak {
  ms: number;
  bytes: number;
  /** One per day a meeting meets, as the format lists them. */
  entries: number;
}

/**
 * Each search twice: cold, with the result cache turned off (every request runs the search), and
 * warm, with it on (the first request fills it; the clock is fixed, so later ones all hit).
 */
interface SearchRun {
  measured: Measured;
  warm: Measured;
}

interface DialectRun {
  seedSeconds: number;
  seeded: SeededDirectory;
  searches: Record<SearchName, SearchRun & { page: PageFacts }>;
  defaultViewRun: SearchRun;
  cache: SearchCacheStats;
  defaultView: PageFacts & { gzipBytes: number };
  feed: ExportFacts;
  pdf: MemoryPeak & { ms: number; bytes: number };
  stringify: MemoryPeak & { ms: number; loadMs: number; stringifyMs: number; bytes: number; rows: number };
}

/** The latest Wednesday, 23:30 UTC, before now. */
export function benchMoment(now = new Date()): Date {
  const moment = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 23, 30));
  while (moment.getUTCDay() !== 3 || moment > now) moment.setUTCDate(moment.getUTCDate() - 1);
  return moment;
}

/** GET over a connection of its own: bytes received on the socket and in the body, and newlines. */
function download(origin: string, path: string): Promise<{ wire: number; body: number; lines: number; text: string | null }> {
  return new Promise((resolve, reject) => {
    const request = http.get(origin + path, { agent: false }, (response) => {
      let body = 0;
      let lines = 0;
      const kept: Buffer[] = [];
      const keep = Number(response.headers["content-length"] ?? Infinity) < 1_000_000;
      response.on("data", (chunk: Buffer) => {
        body += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        if (keep) kept.push(chunk);
      });
      response.on("end", () => {
        if (response.statusCode !== 200) reject(new Error(`GET ${path}: ${response.statusCode}`));
        else resolve({ wire: request.socket?.bytesRead ?? body, body, lines, text: keep ? Buffer.concat(kept).toString("utf8") : null });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

async function pageFacts(origin: string, path: string): Promise<PageFacts & { text: string }> {
  const { wire, text } = await download(origin, path);
  const page = JSON.parse(text!) as { meetings: unknown[]; nextCursor: string | null };
  return { results: page.meetings.length, more: page.nextCursor !== null, bytesOnWire: wire, text: text! };
}

/** The same rows the feed lists, read at once and turned into JSON with JSON.stringify. */
async function stringifyBaseline(db: Db, organizationId: string): Promise<DialectRun["stringify"]> {
  let loadMs = 0;
  let stringifyMs = 0;
  let bytes = 0;
  let rows = 0;
  const { ms, memory } = await peakMemory(async (sample) => {
    const began = performance.now();
    const found = await db
      .selectFrom("meetings as m")
      .innerJoin("groups as g", "g.id", "m.group_id")
      .selectAll("m")
      .select(["g.name as group_name", "g.description as group_description"])
      .where("m.organization_id", "=", organizationId)
      .where("g.visibility", "=", "listed")
      .orderBy("m.slug")
      .execute();
    loadMs = performance.now() - began;
    sample();
    const text = JSON.stringify(found);
    stringifyMs = performance.now() - began - loadMs;
    sample();
    bytes = Buffer.byteLength(text);
    rows = found.length;
  });
  return { ms, loadMs: round(loadMs, 0), stringifyMs: round(stringifyMs, 0), bytes, rows, ...memory };
}

async function runOn(dialect: DialectName): Promise<DialectRun> {
  const database = await benchDatabase(dialect);
  const moment = benchMoment();
  const app: App = await benchApp(database, () => moment);
  try {
    await setupOrganization(app);
    const organization = await database.db.selectFrom("organizations").select("id").executeTakeFirstOrThrow();
    console.log(`[${dialect}] seeding 100,000 meetings...`);
    const began = performance.now();
    // PostgreSQL writes several chunks at once (one backend each); SQLite has one writer.
    const seeded = await seedDirectory(database.db, organization.id, moment, dialect === "postgres" ? 3 : 1);
    await analyzeAfterLoad(database.db, dialect, { vacuum: true });
    const seedSeconds = secondsSince(began);
    console.log(`[${dialect}] seeded ${seeded.meetings} meetings in ${seeded.groups} groups in ${seedSeconds} s (${JSON.stringify(seeded.indexRows)})`);

    const origin = await listen(app);
    const cache = app.services.meetings.searchCache;
    const coldAndWarm = async (url: string): Promise<SearchRun> => {
      cache.enabled = false;
      const measured = await measure(app, origin, { method: "GET", url });
      cache.enabled = true;
      cache.invalidate();
      return { measured, warm: await measure(app, origin, { method: "GET", url }) };
    };
    const searches = {} as DialectRun["searches"];
    for (const name of Object.keys(SEARCHES) as SearchName[]) {
      const url = `/api/meetings?${SEARCHES[name].query}`;
      const { text: _, ...page } = await pageFacts(origin, url);
      console.log(`[${dialect}] measuring ${SEARCHES[name].label} (${page.results} results on the first page${page.more ? ", more after" : ""}), cold then warm...`);
      searches[name] = { page, ...(await coldAndWarm(url)) };
    }
    console.log(`[${dialect}] measuring the ${DEFAULT_VIEW_LABEL}, cold then warm...`);
    const defaultViewRun = await coldAndWarm(DEFAULT_VIEW);
    const cacheStats = cache.stats();
    const { text, ...defaultPage } = await pageFacts(origin, DEFAULT_VIEW);
    const defaultView = { ...defaultPage, gzipBytes: gzipSync(text).length };

    console.log(`[${dialect}] exporting the Meeting Guide feed...`);
    collectGarbage();
    const exported = await peakMemory(() => download(origin, FEED));
    const feed: ExportFacts = { ms: exported.ms, bytes: exported.result.body, entries: Math.max(0, exported.result.lines - 2), ...exported.memory };
    console.log(`[${dialect}] the printable schedule as a PDF...`);
    collectGarbage();
    const printed = await peakMemory(() => download(origin, PDF));
    const pdf = { ms: printed.ms, bytes: printed.result.body, ...printed.memory };
    console.log(`[${dialect}] JSON.stringify of the same rows...`);
    const stringify = await stringifyBaseline(database.db, organization.id);
    return { seedSeconds, seeded, searches, defaultViewRun, cache: cacheStats, defaultView, feed, pdf, stringify };
  } finally {
    await app.close();
    await database.destroy();
  }
}

interface Verdicts {
  p95: boolean;
  throughput: boolean;
  /** The same goals with the result cache warm. */
  p95Warm: boolean;
  throughputWarm: boolean;
  firstPage: boolean;
}

function verdicts(figures: Record<SearchName, Figure>, warmFigures: Record<SearchName, Figure>, found: DialectRun): Verdicts {
  const all = Object.values(figures);
  const warm = Object.values(warmFigures);
  return {
    p95: all.every((f) => f.p95Ms <= GOALS.p95Ms),
    throughput: all.every((f) => f.ofHelloWorld >= GOALS.ofHelloWorld),
    p95Warm: warm.every((f) => f.p95Ms <= GOALS.p95Ms),
    throughputWarm: warm.every((f) => f.ofHelloWorld >= GOALS.ofHelloWorld),
    firstPage: found.defaultView.bytesOnWire <= GOALS.firstPageBytes && Object.values(found.searches).every((s) => s.page.bytesOnWire <= GOALS.firstPageBytes),
  };
}

const yesNo = (met: boolean) => (met ? "met" : "MISSED");

function printRun(dialect: DialectName, found: DialectRun, baseline: Baseline, verdict: Verdicts): void {
  console.log(`${dialect}: ${found.seeded.meetings} meetings (${found.seeded.listed} listed) in ${found.seeded.groups} groups, seeded in ${found.seedSeconds} s`);
  for (const name of Object.keys(SEARCHES) as SearchName[]) {
    const { measured, warm, page } = found.searches[name];
    printFigure(`${SEARCHES[name].label}, cold`, measured, baseline);
    printFigure(`${SEARCHES[name].label}, warm`, warm, baseline);
    console.log(`  ${"".padEnd(44)} first page: ${page.results} results, ${page.bytesOnWire} bytes on the wire`);
  }
  printFigure(`${DEFAULT_VIEW_LABEL}, cold`, found.defaultViewRun.measured, baseline);
  printFigure(`${DEFAULT_VIEW_LABEL}, warm`, found.defaultViewRun.warm, baseline);
  console.log(`  result cache at the end: ${found.cache.entries} entries, ${found.cache.bytes} bytes counted, ${found.cache.hits} hits, ${found.cache.misses} misses`);
  const { defaultView, feed, pdf, stringify } = found;
  console.log(`  default view, first page: ${defaultView.results} results, ${defaultView.bytesOnWire} bytes on the wire (${defaultView.gzipBytes} gzipped)`);
  console.log(
    `  Meeting Guide feed: ${feed.entries} entries (one per meeting day), ${round(feed.bytes / 1024 ** 2, 1)} MB in ${feed.ms} ms; peak RSS ${feed.rssPeakMb} MB (+${feed.rssRiseMb}), peak heap ${feed.heapPeakMb} MB (+${feed.heapRiseMb})`,
  );
  console.log(
    `  printable schedule as a PDF: ${round(pdf.bytes / 1024 ** 2, 1)} MB in ${pdf.ms} ms; peak RSS ${pdf.rssPeakMb} MB (+${pdf.rssRiseMb}), peak heap ${pdf.heapPeakMb} MB (+${pdf.heapRiseMb})`,
  );
  console.log(
    `  JSON.stringify of the same ${stringify.rows} rows: ${round(stringify.bytes / 1024 ** 2, 1)} MB in ${stringify.ms} ms (load ${stringify.loadMs}, stringify ${stringify.stringifyMs}); peak RSS ${stringify.rssPeakMb} MB (+${stringify.rssRiseMb}), peak heap ${stringify.heapPeakMb} MB (+${stringify.heapRiseMb})`,
  );
  if (dialect === "sqlite") {
    console.log(
      `  goals on SQLite: p95 <= ${GOALS.p95Ms} ms ${yesNo(verdict.p95)} cold, ${yesNo(verdict.p95Warm)} warm; throughput >= ${GOALS.ofHelloWorld} of hello-world ${yesNo(verdict.throughput)} cold, ${yesNo(verdict.throughputWarm)} warm; first page <= ${GOALS.firstPageBytes} bytes ${yesNo(verdict.firstPage)}`,
    );
  }
}

export async function run(args: string[]): Promise<void> {
  const dialects = dialectsFrom(args);
  const date = new Date().toISOString();
  console.log(`Directory benchmark, ${date}, on ${dialects.join(" and ")}; searches at ${benchMoment().toISOString()}`);
  const baseline = new Baseline();
  console.log("measuring hello-world (start)...");
  await baseline.measure();
  const runs: Partial<Record<DialectName, DialectRun>> = {};
  for (const [i, dialect] of dialects.entries()) {
    // Warm searches come close to hello-world, so the baseline is measured between dialects too.
    if (i > 0) {
      console.log("measuring hello-world (between)...");
      await baseline.measure();
    }
    runs[dialect] = await runOn(dialect);
  }
  console.log("measuring hello-world (end)...");
  await baseline.measure();

  console.log("");
  console.log(`hello-world: ${baseline.runs.map((r) => `${r.throughput.perSecond} req/s, p50 ${r.latency.p50} ms`).join("; ")} (start${dialects.length > 1 ? ", between" : ""}, end)`);
  const results: Record<string, unknown> = {};
  for (const dialect of dialects) {
    const found = runs[dialect]!;
    const figures = Object.fromEntries((Object.keys(SEARCHES) as SearchName[]).map((name) => [name, figure(found.searches[name].measured, baseline)])) as Record<
      SearchName,
      Figure
    >;
    const warmFigures = Object.fromEntries((Object.keys(SEARCHES) as SearchName[]).map((name) => [name, figure(found.searches[name].warm, baseline)])) as Record<
      SearchName,
      Figure
    >;
    const verdict = verdicts(figures, warmFigures, found);
    printRun(dialect, found, baseline, verdict);
    results[dialect] = {
      seedSeconds: found.seedSeconds,
      meetings: found.seeded.meetings,
      listed: found.seeded.listed,
      searches: Object.fromEntries(
        (Object.keys(SEARCHES) as SearchName[]).map((name) => [
          name,
          { ...figures[name], warm: warmFigures[name], firstPageResults: found.searches[name].page.results, firstPageBytes: found.searches[name].page.bytesOnWire },
        ]),
      ),
      defaultView: { ...figure(found.defaultViewRun.measured, baseline), warm: figure(found.defaultViewRun.warm, baseline) },
      searchCache: found.cache,
      defaultViewFirstPageBytes: found.defaultView.bytesOnWire,
      defaultViewFirstPageGzipBytes: found.defaultView.gzipBytes,
      feed: found.feed,
      pdf: found.pdf,
      stringify: found.stringify,
      ...(dialect === "sqlite" ? { goalsMet: verdict } : {}),
    };
  }
  console.log(
    JSON.stringify({
      bench: "directory",
      date,
      moment: benchMoment().toISOString(),
      machine: machine(),
      goals: GOALS,
      helloWorld: { perSecond: baseline.perSecond, p50Ms: baseline.p50, runs: baseline.runs.length },
      ...results,
    }),
  );
}
