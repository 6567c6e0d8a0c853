/**
 * How the benchmarks measure. The machine is shared and noisy, so no figure stands alone: each is
 * set beside a baseline measured in the same run (a Fastify hello-world route for requests).
 *
 * - Latency: one request at a time through app.inject (no network), so the times are the server's
 *   own work; p50/p95/p99 from every recorded request.
 * - Throughput: autocannon against a real HTTP server on 127.0.0.1, from a worker thread, so the
 *   load and the server each get one of the machine's two cores.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import autocannon from "autocannon";
import Fastify, { type FastifyInstance, type InjectOptions } from "fastify";

export interface BenchRequest {
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** The status every response must have (200 unless told). */
  status?: number;
}

export interface Latency {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export interface Throughput {
  /** Requests answered per second, over the whole run. */
  perSecond: number;
  connections: number;
  seconds: number;
  /** Requests not answered within TIMEOUT_SECONDS: the server was overwhelmed. */
  timeouts: number;
}

/** Seconds per measurement; BENCH_SECONDS overrides (keep runs bounded on a shared machine). */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 10;
/** A request still unanswered after this long counts as a timeout (reported, not fatal). */
const TIMEOUT_SECONDS = 30;
/** Warm-up: this many requests, or one second, whichever ends first. */
const WARM_UP_REQUESTS = 30;
/** Slow requests still get this many timed samples (the run then takes longer than `seconds`). */
const MIN_SAMPLES = 10;

const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

/** The value below which `p` percent of the sorted values fall (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function injectOptions(request: BenchRequest): InjectOptions {
  const headers = { ...request.headers, ...(request.body !== undefined ? { "content-type": "application/json" } : {}) };
  return { method: request.method, url: request.url, headers, ...(request.body !== undefined ? { payload: JSON.stringify(request.body) } : {}) };
}

function checkStatus(request: BenchRequest, status: number, body: string): void {
  const wanted = request.status ?? 200;
  if (status !== wanted) throw new Error(`${request.method} ${request.url}: expected ${wanted}, got ${status}: ${body.slice(0, 300)}`);
}

/** Requests one at a time for `seconds` (after a short warm-up); every response is checked. */
export async function latency(app: FastifyInstance, request: BenchRequest, seconds = SECONDS): Promise<Latency> {
  const options = injectOptions(request);
  const warmUntil = performance.now() + 1000;
  for (let i = 0; i < WARM_UP_REQUESTS && performance.now() < warmUntil; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    const res = await app.inject(options);
    checkStatus(request, res.statusCode, res.body);
  }
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until || times.length < MIN_SAMPLES) {
    // A turn of the event loop between requests, untimed, as a server gets while it waits for the
    // next one. Without it a request that never waits on I/O (a cache hit, a search on SQLite)
    // never lets the loop turn: every response inject finishes with setImmediate would pile up
    // unfinished, and the heap with them, so garbage collection would take ever longer.
    await new Promise((resolve) => setImmediate(resolve));
    const start = performance.now();
    const res = await app.inject(options);
    times.push(performance.now() - start);
    checkStatus(request, res.statusCode, res.body);
  }
  const sorted = times.sort((a, b) => a - b);
  const mean = sorted.reduce((sum, t) => sum + t, 0) / sorted.length;
  return { requests: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), mean: round(mean) };
}

/** As many requests as `CONNECTIONS` connections get through in `seconds`; any failure stops the run. */
export async function throughput(origin: string, request: BenchRequest, seconds = SECONDS): Promise<Throughput> {
  const options = injectOptions(request);
  const result = await autocannon({
    url: origin + request.url,
    method: request.method,
    headers: options.headers as Record<string, string>,
    ...(options.payload !== undefined ? { body: options.payload as string } : {}),
    connections: CONNECTIONS,
    duration: seconds,
    timeout: TIMEOUT_SECONDS,
    workers: 1,
  });
  const wanted = request.status ?? 200;
  const wrong = wanted >= 200 && wanted < 300 ? result.non2xx : result["2xx"];
  // autocannon counts a timeout as an error too.
  if (result.errors > result.timeouts || wrong > 0) {
    throw new Error(`${request.method} ${request.url}: ${result.errors} errors, ${wrong} unexpected statuses under load`);
  }
  return { perSecond: round(result.requests.total / result.duration, 1), connections: CONNECTIONS, seconds, timeouts: result.timeouts };
}

/** Listens on a free port of 127.0.0.1; the origin to send requests to. */
export async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: "127.0.0.1" });
}

/** The baseline: a Fastify hello-world route, on the same kind of server. */
export async function helloWorld(): Promise<{ app: FastifyInstance; origin: string; request: BenchRequest }> {
  const app = Fastify({ logger: false });
  app.get("/hello", async () => ({ hello: "world" }));
  const origin = await listen(app);
  return { app, origin, request: { method: "GET", url: "/hello" } };
}

export interface Measured {
  latency: Latency;
  throughput: Throughput;
}

/** Throughput runs long enough for each connection to finish a few slow requests, within reason. */
const MAX_THROUGHPUT_SECONDS = 30;

/** Latency, then throughput, of one request. */
export async function measure(app: FastifyInstance, origin: string, request: BenchRequest): Promise<Measured> {
  const measured = await latency(app, request);
  const seconds = Math.min(MAX_THROUGHPUT_SECONDS, Math.max(SECONDS, Math.ceil((measured.p50 * CONNECTIONS * 3) / 1000)));
  return { latency: measured, throughput: await throughput(origin, request, seconds) };
}

/** The hello-world baseline, measured at the start and again at the end of a run. */
export class Baseline {
  readonly runs: Measured[] = [];

  async measure(): Promise<Measured> {
    const hello = await helloWorld();
    try {
      const measured = await measure(hello.app, hello.origin, hello.request);
      this.runs.push(measured);
      return measured;
    } finally {
      await hello.app.close();
    }
  }

  /** Mean requests per second of the baseline runs so far. */
  get perSecond(): number {
    return round(this.runs.reduce((sum, run) => sum + run.throughput.perSecond, 0) / this.runs.length, 0);
  }

  get p50(): number {
    return round(this.runs.reduce((sum, run) => sum + run.latency.p50, 0) / this.runs.length, 3);
  }
}

/** A figure beside the baseline: its throughput as a share of hello-world's (small shares keep two significant digits). */
export function ratio(value: number, baseline: number): number {
  const share = value / baseline;
  return share === 0 ? 0 : round(share, Math.max(3, 1 - Math.floor(Math.log10(share))));
}

// ---------- memory ----------

/** Collects garbage now, so a memory measurement starts from what is really kept. */
export const collectGarbage: () => void = (() => {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();

export interface MemoryPeak {
  /** Highest resident set size seen, and its rise from the start, in MB. */
  rssPeakMb: number;
  rssRiseMb: number;
  /** Highest V8 heap used plus buffers outside it, and its rise from the start, in MB. */
  heapPeakMb: number;
  heapRiseMb: number;
}

const MB = 1024 * 1024;

/**
 * Samples memory every few milliseconds while `work` runs, and whenever `work` calls `sample`
 * (after long synchronous steps, which no timer interrupts).
 */
export async function peakMemory<T>(work: (sample: () => void) => Promise<T>): Promise<{ result: T; memory: MemoryPeak; ms: number }> {
  collectGarbage();
  const heapOf = (usage: NodeJS.MemoryUsage) => usage.heapUsed + usage.arrayBuffers;
  const start = process.memoryUsage();
  let rssPeak = start.rss;
  let heapPeak = heapOf(start);
  const sample = () => {
    const usage = process.memoryUsage();
    rssPeak = Math.max(rssPeak, usage.rss);
    heapPeak = Math.max(heapPeak, heapOf(usage));
  };
  const timer = setInterval(sample, 5);
  const began = performance.now();
  try {
    const result = await work(sample);
    sample();
    const ms = round(performance.now() - began, 0);
    return {
      result,
      ms,
      memory: {
        rssPeakMb: round(rssPeak / MB, 1),
        rssRiseMb: round((rssPeak - start.rss) / MB, 1),
        heapPeakMb: round(heapPeak / MB, 1),
        heapRiseMb: round((heapPeak - heapOf(start)) / MB, 1),
      },
    };
  } finally {
    clearInterval(timer);
  }
}

export { round };
