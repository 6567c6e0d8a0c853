/**
 * What both benchmarks share: which databases to run on, a fresh migrated database of their own
 * (dropped afterwards), the Kindred app on it, and how figures are printed.
 */
import os from "node:os";
import { buildApp, type App } from "../../server/app";
import { createTestDatabase, testConfig, type DialectName, type TestDatabase } from "../../server/testing/harness";
import { ratio, type Baseline, type Measured } from "./measure";

export type { DialectName };

export const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

/** SQLite always; PostgreSQL too with --postgres (TEST_DATABASE_URL, or the local default). */
export function dialectsFrom(args: string[]): DialectName[] {
  const unknown = args.filter((arg) => arg !== "--postgres");
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(" ")} (only --postgres)`);
  if (!args.includes("--postgres")) return ["sqlite"];
  process.env.TEST_DATABASE_URL ||= DEFAULT_POSTGRES_URL;
  return ["sqlite", "postgres"];
}

/** A new database (SQLite in a temporary directory; PostgreSQL as a database of its own), migrated. */
export function benchDatabase(dialect: DialectName): Promise<TestDatabase> {
  return createTestDatabase(dialect);
}

/** Kindred on the database, silent, with the clock given (the meetings and the board read it). */
export function benchApp(database: TestDatabase, clock?: () => Date): Promise<App> {
  return buildApp({ config: testConfig(database.config), db: database.db, logger: false, ...(clock ? { clock } : {}) });
}

/** The machine, for the record beside the figures. */
export function machine(): { node: string; cpus: number; cpu: string; memoryGb: number; platform: string } {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpus: cpus.length,
    cpu: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.release()}`,
  };
}

export interface Figure {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  perSecond: number;
  /** Requests per second as a share of hello-world's in the same run. */
  ofHelloWorld: number;
  /** Requests that waited past the load generator's timeout. */
  timeouts: number;
}

export function figure(measured: Measured, baseline: Baseline): Figure {
  const { latency, throughput } = measured;
  return {
    p50Ms: latency.p50,
    p95Ms: latency.p95,
    p99Ms: latency.p99,
    perSecond: throughput.perSecond,
    ofHelloWorld: ratio(throughput.perSecond, baseline.perSecond),
    timeouts: throughput.timeouts,
  };
}

/** One plain line per figure: what, latencies, throughput and its share of hello-world. */
export function printFigure(label: string, measured: Measured, baseline?: Baseline): void {
  const { latency, throughput } = measured;
  const share = baseline ? ` (${ratio(throughput.perSecond, baseline.perSecond)} of hello-world)` : "";
  const timeouts = throughput.timeouts > 0 ? `, ${throughput.timeouts} timed out` : "";
  console.log(
    `  ${label.padEnd(44)} p50 ${ms(latency.p50)}  p95 ${ms(latency.p95)}  p99 ${ms(latency.p99)}  ${String(throughput.perSecond).padStart(6)} req/s${share}  [${latency.requests} timed${timeouts}]`,
  );
}

const ms = (value: number) => `${value.toFixed(2).padStart(7)} ms`;
