/**
 * Browser-test harness: the real server (server/main.ts in its own process, on a fresh SQLite
 * database, serving the built dist/) and Debian's chromium driven by playwright-core.
 * One browser per test file, reused across its tests; each person gets their own context.
 */
import AxeBuilder from "@axe-core/playwright";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { expect } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
/** The WCAG 2.2 AA rule set axe-core checks on every page a test visits. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/** Generous per test: a slow, busy CI machine runs a server, a browser and other suites at once. */
export const BROWSER_TEST_TIMEOUT = 180_000;

/** A fresh browser profile on Kindred; a step fails after 20 s, naming what it waited for. */
export async function openContext(browser: Browser, kindred: Kindred, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: kindred.url, locale: "en-US", ...options });
  context.setDefaultTimeout(20_000);
  // What went wrong inside the page, shown beside a failing step (a step alone only says it timed out).
  context.on("weberror", (error) => console.error(`page error: ${error.error().message}`));
  context.on("response", (response) => {
    if (response.status() >= 500 || (response.status() === 404 && response.url().includes("/assets/"))) {
      console.error(`${response.status()} for ${response.request().method()} ${response.url()}`);
    }
  });
  return context;
}

/**
 * A profile whose pages never run their own scripts, so they stay as the server rendered them,
 * as a visitor without JavaScript gets them. axe-core cannot run in a context with JavaScript
 * turned off (its timers never fire), so pages meant to work without it are checked here.
 */
export async function openScriptlessContext(browser: Browser, kindred: Kindred, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await openContext(browser, kindred, options);
  await context.route("**/*", (route) => (route.request().resourceType() === "script" ? route.abort() : route.continue()));
  return context;
}

export interface Kindred {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

async function waitUntilHealthy(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`Kindred exited with ${server.exitCode}:\n${output()}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Kindred did not answer /healthz within 60 s:\n${output()}`);
}

/** Starts `server/main.ts` as `npm start` does, on an empty database in a temporary directory. */
export async function startKindred(): Promise<Kindred> {
  if (!existsSync(join(ROOT, "dist", "client"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does it before the tests).");
  }
  const dir = mkdtempSync(join(tmpdir(), "kindred-e2e-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = "";
  const server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      DATABASE_URL: `sqlite:${join(dir, "kindred.db")}`,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Warnings and errors only (LOG_LEVEL=warn): quiet when all is well, beside the failing test when not.
  const keep = (chunk: Buffer) => {
    log += chunk;
    process.stderr.write(chunk);
  };
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);
  const output = () => log;
  try {
    await waitUntilHealthy(url, server, output);
  } catch (error) {
    server.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once("exit", r));
        server.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (server.exitCode === null) server.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fails on any WCAG 2.2 AA violation axe-core finds on the page as it is now. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.map((n) => n.target.join(" ")).join("\n      ")}`,
  );
  expect(found, `axe violations on ${where} (${page.url()})`).toEqual([]);
}
