/** The `kindred` command (npm run kindred -- <command>). */
import { readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { Command } from "commander";
import { SetupRequest } from "../core/api";
import { MeetingGuideImportQuery, type ImportReport } from "../core/meetings/api";
import { ConfigError, loadConfig, type DatabaseConfig } from "./config";
import { createDb, migrateToLatest, type Db } from "./db";
import { DemoService, type DemoSummary } from "./features/demo/service";
import { startServer } from "./server";
import { createServices } from "./services";

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = createDb(config.database);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

const program = new Command("kindred").description("Kindred administration");

program
  .command("migrate")
  .description("apply database migrations")
  .action(async () => {
    const applied = await withDb(migrateToLatest);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
  });

/** Starts Kindred on its own SQLite database, recreated with the demo data on every run. */
async function startDemo(): Promise<void> {
  const database: DatabaseConfig = { dialect: "sqlite", path: resolve("data/demo.db") };
  for (const suffix of ["", "-wal", "-shm"]) rmSync(database.path + suffix, { force: true });
  const config = { ...loadConfig(), database };
  const db = createDb(database);
  await migrateToLatest(db);
  const demo = await new DemoService(createServices({ db, config })).seed();
  await startServer(config, db);
  console.log(demoWelcome(config.publicUrl, demo));
}

function demoWelcome(url: string, demo: DemoSummary): string {
  const width = Math.max(...demo.signIns.map((s) => s.handle.length));
  return [
    "",
    `Kindred demo: ${demo.organization} (${demo.groups} groups) at ${url}`,
    `Sign in with any of these handles and the password ${demo.password}`,
    ...demo.signIns.map((s) => `  ${s.handle.padEnd(width)}  ${s.role}`),
    "The demo database (data/demo.db) starts afresh on every run. Press Ctrl+C to stop.",
    "",
  ].join("\n");
}

program
  .command("demo")
  .description("start Kindred with demo data, on its own database (data/demo.db, recreated each run)")
  .action(startDemo);

/** Where each setup field comes from on the command line, for error messages. */
const SETUP_SOURCES: Record<string, string> = {
  organizationName: "--organization",
  handle: "--admin",
  password: "KINDRED_ADMIN_PASSWORD",
  language: "--language",
};

/** First-run setup without a browser, through the same service as the setup page. */
async function setUpFromCommandLine(options: { organization: string; admin: string; language: string }): Promise<void> {
  // A one-off secret for this command only, kept out of argv (and so out of `ps` and shell history).
  const password = process.env.KINDRED_ADMIN_PASSWORD;
  if (!password) throw new Error("KINDRED_ADMIN_PASSWORD is not set: put the first administrator's password in it (at least 10 characters).");
  const input = SetupRequest.safeParse({ organizationName: options.organization, handle: options.admin, password, language: options.language });
  if (!input.success) {
    const lines = input.error.issues.map((i) => `  ${SETUP_SOURCES[String(i.path[0])] ?? i.path.join(".")}: ${i.message}`);
    throw new Error(`Kindred cannot be set up:\n${lines.join("\n")}`);
  }
  const config = loadConfig();
  await withDb(async (db) => {
    await migrateToLatest(db);
    const { view, recoveryCodes } = await createServices({ db, config }).setup.setUp(input.data, { signIn: false });
    console.log(`Kindred is set up for ${input.data.organizationName}. ${view.member.handle} is its administrator and can sign in at ${config.publicUrl}.`);
    console.log(`\nRecovery codes for ${view.member.handle} (shown only now; each resets a forgotten password once):`);
    for (const code of recoveryCodes) console.log(`  ${code}`);
  });
}

program
  .command("setup")
  .description("first-run setup: name the organization and create its first administrator (password from KINDRED_ADMIN_PASSWORD)")
  .requiredOption("--organization <name>", "the organization's name")
  .requiredOption("--admin <handle>", "the first administrator's handle (a pseudonym)")
  .option("--language <en|es>", "the administrator's language", "en")
  .action(setUpFromCommandLine);

/** A progress bar on stderr, redrawn in place; only on a terminal, so logs and pipes stay clean. */
function progressBar(total: number) {
  const width = 30;
  const stream = process.stderr;
  let shown = -1;
  return {
    update(read: number) {
      const percent = total === 0 ? 100 : Math.floor((read * 100) / total);
      if (!stream.isTTY || percent === shown) return;
      shown = percent;
      const filled = Math.round((width * percent) / 100);
      stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${percent}% (${read} of ${total} entries)`);
    },
    done() {
      if (stream.isTTY && shown >= 0) stream.write("\n");
    },
  };
}

function readFeedFile(path: string): unknown[] {
  const feed: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (!Array.isArray(feed)) throw new Error(`${path} is not a Meeting Guide feed (a JSON array of meetings).`);
  return feed;
}

function printImportReport(report: ImportReport): void {
  const { created, updated, unchanged, skipped } = report.counts;
  console.log(`Meetings: ${created} created, ${updated} updated, ${unchanged} unchanged, ${skipped} skipped.`);
  const named = (m: ImportReport["meetings"][number]) => `${m.slug ?? "(no slug)"}${m.name ? ` (${m.name})` : ""}`;
  const skippedLines = report.meetings.filter((m) => m.outcome === "skipped").map((m) => `  ${named(m)}: ${m.reasons.join("; ")}`);
  if (skippedLines.length) console.log(["Skipped:", ...skippedLines].join("\n"));
  const warningLines = report.meetings.flatMap((m) => m.warnings.map((warning) => `  ${named(m)}: ${warning}`));
  if (warningLines.length) console.log(["Left out:", ...warningLines].join("\n"));
}

/** Imports a Meeting Guide feed from a file or a URL, as the organization's administrators would. */
async function importMeetingGuide(source: string, options: { timezone?: string; focus: string }): Promise<void> {
  const input = MeetingGuideImportQuery.safeParse({ timezone: options.timezone, focus: options.focus });
  if (!input.success) throw new Error(input.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("\n"));
  const config = loadConfig();
  await withDb(async (db) => {
    await migrateToLatest(db);
    const { meetings } = createServices({ db, config });
    const entries = /^https?:\/\//i.test(source) ? await meetings.importer.fetchFeed(source) : readFeedFile(source);
    const creator = await meetings.operatorCreator();
    const progress = progressBar(entries.length);
    const report = await meetings.importer.run(creator, entries, { defaultTimeZone: input.data.timezone ?? null, focus: input.data.focus }, progress.update);
    progress.done();
    printImportReport(report);
  });
}

program
  .command("import")
  .description("import data from other systems")
  .command("meeting-guide <file-or-url>")
  .description("import a Meeting Guide feed (JSON); meetings are matched by slug, so running it again changes only what changed")
  .option("--timezone <zone>", "the IANA time zone of meetings that name none (without it they are skipped)")
  .option("--focus <area>", "the focus area of groups the import creates", "addiction_recovery")
  .action(importMeetingGuide);

program.parseAsync().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
