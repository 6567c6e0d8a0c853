/**
 * Hostile input in a real browser. Every payload of the corpus (e2e/fixtures/xss-payloads.ts) is
 * posted through the API as a group's name, description and guidelines, a member's display name,
 * a board topic's title and opening post, and a reply. Then the pages that show them (the list
 * of groups, each group's page, the boards and their topics) are opened in Chromium, and on each:
 * no dialog opened, no payload set `window.__xss`, nothing in the page carries an event handler
 * attribute or a javascript: address, no script, frame or object came in, and the words show as
 * the text they are. Last, the Content-Security-Policy is checked as sent, and shown to block an
 * inline script, an inline handler and a javascript: link injected into a page full of payloads.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asShown, fits, XSS_PAYLOADS, type Payload } from "./fixtures/xss-payloads";
import { BROWSER_TEST_TIMEOUT, launchBrowser, openContext, startKindred, type Kindred } from "./harness";
import { Site } from "./pages/site";

const admin = { handle: "harbor_admin", password: "salt wind over the pier 77" };
const PASSWORD = "lanterns along the quay 19";
/** Topics per board: fewer than a page (20), so every title shows without paging. */
const PER_BOARD = 17;

let kindred: Kindred;
let browser: Browser;
let adminContext: BrowserContext;
const dialogs: string[] = [];

/** A payload's group, its topic and the member who carries its name. */
interface Placed {
  payload: Payload;
  groupId: string | null;
  displayName: string | null;
}

interface Board {
  groupId: string;
  threadId: string;
  payloads: Placed[];
}

const placed: Placed[] = [];
const boards: Board[] = [];

async function call(request: APIRequestContext, method: "POST" | "PUT" | "PATCH", path: string, data: unknown, status: number): Promise<Record<string, unknown>> {
  const res = await request.fetch(path, { method, data, headers: { origin: kindred.url } });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(status);
  return (await res.json()) as Record<string, unknown>;
}

/** A member in their own cookie jar (a browser context used only for its API requests). */
async function member(handle: string): Promise<{ id: string; context: BrowserContext }> {
  const context = await browser.newContext({ baseURL: kindred.url });
  const signedUp = await call(context.request, "POST", "/api/account", { handle, password: PASSWORD }, 201);
  return { id: (signedUp.member as { id: string }).id, context };
}

beforeAll(async () => {
  [kindred, browser] = await Promise.all([startKindred(), launchBrowser()]);
  adminContext = await openContext(browser, kindred);
  adminContext.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  const api = adminContext.request;
  await call(api, "POST", "/api/setup", { organizationName: "Harbor Intergroup", ...admin }, 201);

  // A group per payload: its name (where it fits), description and guidelines.
  for (const [i, payload] of XSS_PAYLOADS.entries()) {
    const name = fits(payload, { min: 2, max: 100 }) ? payload.text : `Group ${i}`;
    const group = await call(
      api,
      "POST",
      "/api/groups",
      { name, description: payload.text, whoFor: payload.text.slice(0, 300), focusAreas: ["mental_health"], languages: ["en"], guidelines: payload.text },
      201,
    );
    placed.push({ payload, groupId: name === payload.text ? (group.id as string) : null, displayName: null });
  }

  // Boards of PER_BOARD payloads: a topic per payload (title and opening post), and one topic
  // whose replies are the payloads, each written by a member whose display name is one.
  for (let start = 0; start < placed.length; start += PER_BOARD) {
    const chunk = placed.slice(start, start + PER_BOARD);
    const group = await call(api, "POST", "/api/groups", { name: `Board ${start / PER_BOARD + 1}`, focusAreas: ["mental_health"], languages: ["en"], guidelines: "Be kind." }, 201);
    const groupId = group.id as string;
    let threadId = "";
    for (const { payload } of [...chunk].reverse()) {
      const topic = await call(api, "POST", `/api/groups/${groupId}/board/threads`, { title: payload.text, body: payload.text }, 201);
      threadId = (topic.thread as { id: string }).id;
    }
    for (const [j, entry] of chunk.entries()) {
      const someone = await member(`hostile${start + j}`);
      await call(someone.context.request, "POST", `/api/groups/${groupId}/join`, { acceptedGuidelinesVersion: 1 }, 200);
      if (fits(entry.payload, { max: 50 })) {
        await call(someone.context.request, "PATCH", "/api/account", { displayName: entry.payload.text }, 200);
        entry.displayName = entry.payload.text;
      }
      await call(someone.context.request, "POST", `/api/board/threads/${threadId}/replies`, { body: entry.payload.text }, 201);
      await someone.context.close();
    }
    boards.push({ groupId, threadId, payloads: chunk });
  }
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await kindred?.stop();
});

/** What on the page could run script or reach out, as the browser built it (empty when harmless). */
async function dangersOn(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const scheme = (url: string) => /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020]/g, ""))?.[1]?.toLowerCase() ?? null;
    for (const element of Array.from(document.querySelectorAll("*"))) {
      const tag = element.tagName.toLowerCase();
      for (const { name, value } of Array.from(element.attributes)) {
        if (/^on/i.test(name)) found.push(`${tag}[${name}]`);
        if (["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"].includes(name)) {
          const s = name === "srcdoc" ? "srcdoc" : scheme(value);
          if (s !== null && !["http", "https", "mailto"].includes(s)) found.push(`${tag}[${name}=${value}]`);
        }
      }
      if (["iframe", "frame", "object", "embed", "base", "math"].includes(tag)) found.push(`<${tag}>`);
      if (tag === "meta" && element.getAttribute("http-equiv")) found.push("<meta http-equiv>");
      if (tag === "script") {
        const script = element as HTMLScriptElement;
        const own = script.type === "application/json" || (script.src !== "" && new URL(script.src).origin === location.origin);
        if (!own) found.push(`<script ${script.outerHTML.slice(0, 80)}>`);
      }
    }
    if ((window as unknown as { __xss?: unknown }).__xss !== undefined) found.push(`window.__xss = ${String((window as unknown as { __xss?: unknown }).__xss)}`);
    return found;
  });
}

/** Opens a page as the admin, waits until it is alive and its words are in, and checks it. */
async function visit(page: Page, path: string, shows: string[]): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await new Site(page).hydrated();
  const expected = shows.map(asShown).filter((text) => text.length > 0);
  // Pages fetch some of their data after hydration: wait until the last expected words show.
  if (expected.length > 0) {
    await page
      .waitForFunction((texts) => texts.every((text) => document.body.innerText.replace(/[\s\u2028\u2029]+/g, " ").includes(text)), expected, { polling: 200, timeout: 20_000 })
      .catch(() => undefined);
  }
  const text = asShown(await page.evaluate(() => document.body.innerText));
  const missing = expected.filter((words) => !text.includes(words));
  expect(missing, `words not shown as text on ${path}`).toEqual([]);
  expect(await dangersOn(page), `dangers on ${path}`).toEqual([]);
  expect(dialogs, `dialogs on ${path}`).toEqual([]);
}

describe("hostile input renders as harmless text", { timeout: BROWSER_TEST_TIMEOUT * 3 }, () => {
  it("has a corpus of at least 50 payloads, every one posted", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    expect(boards.flatMap((b) => b.payloads)).toHaveLength(XSS_PAYLOADS.length);
    expect(placed.filter((p) => p.groupId !== null).length).toBeGreaterThanOrEqual(50);
    expect(placed.filter((p) => p.displayName !== null).length).toBeGreaterThanOrEqual(50);
  });

  it("the list of groups shows every hostile name as text", async () => {
    const page = await adminContext.newPage();
    await visit(page, "/groups", placed.flatMap((p) => (p.groupId ? [p.payload.text] : [])));
    await page.close();
  });

  it("each group's page shows its hostile name and guidelines harmlessly", async () => {
    const page = await adminContext.newPage();
    for (const entry of placed) {
      if (entry.groupId) await visit(page, `/groups/${entry.groupId}`, [entry.payload.text]);
    }
    await page.close();
  });

  it("a group's page lists members with hostile display names as text", async () => {
    const page = await adminContext.newPage();
    for (const board of boards) await visit(page, `/groups/${board.groupId}`, board.payloads.flatMap((p) => (p.displayName ? [p.displayName] : [])));
    await page.close();
  });

  it("the board shows hostile topic titles as text", async () => {
    const page = await adminContext.newPage();
    for (const board of boards) await visit(page, `/groups/${board.groupId}/board`, board.payloads.map((p) => p.payload.text));
    await page.close();
  });

  it("a topic shows hostile posts, replies and their authors' names harmlessly", async () => {
    const page = await adminContext.newPage();
    for (const board of boards) {
      await visit(page, `/groups/${board.groupId}/board/${board.threadId}`, [board.payloads[0]!.payload.text, ...board.payloads.flatMap((p) => (p.displayName ? [p.displayName] : []))]);
      // Every reply arrived: one post body per payload, plus the opening.
      expect(await page.locator(".post-body").count()).toBe(board.payloads.length + 1);
    }
    await page.close();
  });

  it("the server's HTML carries the page state as inert JSON: no payload leaves it", async () => {
    const help = await (await adminContext.request.get("/help")).text();
    for (const path of ["/groups", ...placed.slice(0, 70).flatMap((p) => (p.groupId ? [`/groups/${p.groupId}`] : []))]) {
      const html = await (await adminContext.request.get(path)).text();
      expect(html.match(/<script\b/gi)?.length, path).toBe(help.match(/<script\b/gi)?.length);
      expect(html, path).not.toMatch(/<(img|svg|iframe|object|embed|details|input|body|video|source|marquee|math|base|meta|style|link|form|a|div)\b[^>]*(\son\w+\s*=|javascript:)/i);
      expect(html, path).not.toContain("<script>window.__xss");
    }
  });

  it("sends a Content-Security-Policy that blocks inline script, inline handlers and javascript: links", async () => {
    const page = await adminContext.newPage();
    const board = boards[0]!;
    const response = await page.goto(`/groups/${board.groupId}/board/${board.threadId}`);
    await new Site(page).hydrated();
    const csp = response!.headers()["content-security-policy"] ?? "";
    const directives = new Map(
      csp
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|\*/);

    // Script slipped into a page full of payloads, as if a renderer had let it through: the browser refuses each.
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener("securitypolicyviolation", (event) => violations.push(event.effectiveDirective));
      const script = document.createElement("script");
      script.textContent = "window.__xss = 'inline script'";
      document.body.append(script);
      const holder = document.createElement("div");
      holder.innerHTML = `<img src="/missing.png" onerror="window.__xss = 'inline handler'">`;
      document.body.append(holder);
      const link = document.createElement("a");
      link.href = "javascript:window.__xss = 'javascript link'";
      link.textContent = "x";
      document.body.append(link);
      link.click();
      for (let waited = 0; violations.length < 3 && waited < 5000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      return { violations, xss: (window as unknown as { __xss?: unknown }).__xss ?? null };
    });
    expect(outcome.xss).toBeNull();
    expect(outcome.violations.length).toBeGreaterThanOrEqual(3);
    expect(outcome.violations.every((d) => d.startsWith("script-src"))).toBe(true);
    // The same scan that found nothing on the pages above finds each of these (the check itself works).
    const caught = await dangersOn(page);
    expect(caught).toContain("img[onerror]");
    expect(caught.some((d) => d.startsWith("a[href=javascript:"))).toBe(true);
    expect(caught.some((d) => d.startsWith("<script"))).toBe(true);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
