import { brotliDecompressSync, gunzipSync } from "node:zlib";
import cookie from "@fastify/cookie";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../../services";
import { send, setupOrganization, signUp } from "../../testing/client";
import { createTestApp, createTestDatabase, dialects, testConfig, type TestApp } from "../../testing/harness";
import { PageRenderer } from "./renderer";
import { webRoutes } from "./routes";
import { ensureBuilt, stateOf } from "./testing";

const langOf = (html: string) => /<html lang="([^"]+)">/.exec(html)?.[1];

describe.each(dialects)("web pages on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    ensureBuilt();
    t = await createTestApp(dialect);
  }, 120_000);
  afterAll(async () => t.close());

  describe("before setup", () => {
    it("sends every page to /setup", async () => {
      for (const url of ["/", "/groups", "/signin", "/settings", "/no-such-page"]) {
        const res = await send(t.app, "GET", url);
        expect(res.statusCode, url).toBe(302);
        expect(res.headers.location, url).toBe("/setup");
      }
    });

    it("shows the setup form, and crisis help stays reachable", async () => {
      const setup = await send(t.app, "GET", "/setup");
      expect(setup.statusCode).toBe(200);
      expect(setup.body).toContain("Organization name");
      expect(stateOf(setup.body)).toMatchObject({ setupNeeded: true, member: null, organizationName: null });

      const help = await send(t.app, "GET", "/help?country=US");
      expect(help.statusCode).toBe(200);
      expect(help.body).toContain('href="tel:988"');
    });
  });

  describe("after setup", () => {
    beforeAll(async () => {
      await setupOrganization(t.app, { organizationName: "Harbor </script><script>alert(1)</script> & Co" });
    });

    it("no longer offers setup", async () => {
      const res = await send(t.app, "GET", "/setup");
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe("/");
    });

    it("renders the home page with the organization's name, safely escaped", async () => {
      const res = await send(t.app, "GET", "/");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("text/html");
      expect(res.headers["cache-control"]).toBe("private, no-store");
      expect(res.body).not.toContain("<script>alert(1)");
      expect(res.body).toContain("<title>Peer support groups · Harbor &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</title>");
      const stateScript = /id="kindred-state">([^]*?)<\/script>/.exec(res.body)![1]!;
      expect(stateScript).not.toMatch(/[<>&]/);
      expect(stateOf(res.body)).toMatchObject({
        organizationName: "Harbor </script><script>alert(1)</script> & Co",
        setupNeeded: false,
        member: null,
        language: "en",
      });
    });

    it("has no inline script: only our own files and the JSON state", async () => {
      const res = await send(t.app, "GET", "/");
      const scripts = res.body.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(1);
      for (const tag of scripts) expect(tag).toMatch(/ src="\/assets\/[^"]+\.js"| type="application\/json"/);
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
      expect(res.headers["content-security-policy"]).not.toContain("unsafe-inline");
      expect(res.body).not.toMatch(/ style="/);
    });

    it("sends pages compressed to browsers that accept it, the same page", async () => {
      const plain = await send(t.app, "GET", "/groups");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.headers.vary).toBe("Cookie, Accept-Language, Accept-Encoding");
      for (const [acceptEncoding, encoding, decode] of [
        ["gzip, deflate, br, zstd", "br", brotliDecompressSync],
        ["gzip", "gzip", gunzipSync],
      ] as const) {
        const res = await t.app.inject({ method: "GET", url: "/groups", headers: { "accept-encoding": acceptEncoding } });
        expect(res.statusCode).toBe(200);
        expect(res.headers["content-encoding"]).toBe(encoding);
        expect(res.headers.vary).toBe("Cookie, Accept-Language, Accept-Encoding");
        expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
        expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
        expect(decode(res.rawPayload).toString("utf8")).toBe(plain.body);
      }
      const identity = await t.app.inject({ method: "GET", url: "/groups", headers: { "accept-encoding": "gzip;q=0, br;q=0" } });
      expect(identity.headers["content-encoding"]).toBeUndefined();
      expect(identity.body).toBe(plain.body);
    });

    it("serves hashed assets to be cached for good, and nothing else from the build", async () => {
      const page = await send(t.app, "GET", "/");
      const script = / src="(\/assets\/[^"]+\.js)"/.exec(page.body)![1]!;
      const res = await send(t.app, "GET", script);
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toContain("immutable");
      expect((await send(t.app, "GET", "/index.html")).statusCode).toBe(404);
      // Compressed at build time, sent to browsers that accept it: the same script, a third of the bytes or less.
      const plain = res.rawPayload;
      for (const [acceptEncoding, encoding, decode] of [
        ["gzip, deflate, br, zstd", "br", brotliDecompressSync],
        ["gzip, deflate", "gzip", gunzipSync],
      ] as const) {
        const compressed = await t.app.inject({ method: "GET", url: script, headers: { "accept-encoding": acceptEncoding } });
        expect(compressed.statusCode).toBe(200);
        expect(compressed.headers["content-encoding"]).toBe(encoding);
        expect(compressed.headers["content-type"]).toBe(res.headers["content-type"]);
        expect(compressed.headers.vary).toMatch(/accept-encoding/i);
        expect(compressed.headers["cache-control"]).toContain("immutable");
        expect(compressed.rawPayload.length).toBeLessThan(plain.length / 2);
        expect(decode(compressed.rawPayload).equals(plain)).toBe(true);
      }
      expect(res.headers["content-encoding"]).toBeUndefined();
      const missing = await send(t.app, "GET", "/assets/gone-1234.js");
      expect(missing.statusCode).toBe(404);
      expect(missing.headers["content-type"]).toContain("application/problem+json");
    });

    it("answers unknown pages with a 404 page, and unknown API paths with problem+json", async () => {
      const page = await send(t.app, "GET", "/no-such-page");
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain("Page not found");
      const api = await send(t.app, "GET", "/api/no-such-thing");
      expect(api.statusCode).toBe(404);
      expect(api.json()).toMatchObject({ type: "urn:kindred:problem:notFound" });
    });

    it("sends visitors to sign in before settings, and back afterwards", async () => {
      const res = await send(t.app, "GET", "/settings");
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe("/signin?next=%2Fsettings");
    });

    it("puts the signed-in member in the page state", async () => {
      const ana = await signUp(t.app, "ana_w", { country: "GB" });
      const res = await send(t.app, "GET", "/settings", { as: ana });
      expect(res.statusCode).toBe(200);
      expect(stateOf(res.body)).toMatchObject({
        member: { handle: "ana_w", isOrganizationAdmin: false, country: "GB" },
        crisisCountry: "GB",
      });
      expect(res.body).toContain("Sign out");
    });

    describe("language", () => {
      it("follows the browser's language for visitors", async () => {
        const res = await send(t.app, "GET", "/", { headers: { "accept-language": "es-MX,es;q=0.9,en;q=0.5" } });
        expect(langOf(res.body)).toBe("es");
        expect(res.body).toContain("Pide ayuda ahora");
        // The browser gets the words of the page's language with the page, not in its bundle.
        expect(stateOf(res.body)).toMatchObject({ translations: { common: { layout: { getHelpNow: "Pide ayuda ahora" } } } });
        expect(langOf((await send(t.app, "GET", "/", { headers: { "accept-language": "fr-FR" } })).body)).toBe("en");
      });

      it("follows the visitor's choice in the kindred_lang cookie over the browser's", async () => {
        const res = await send(t.app, "GET", "/", { headers: { "accept-language": "en-US", cookie: "kindred_lang=es" } });
        expect(langOf(res.body)).toBe("es");
      });

      it("follows a signed-in member's saved language", async () => {
        const bo = await signUp(t.app, "bo_es", { language: "es" });
        const res = await send(t.app, "GET", "/", { as: bo, headers: { "accept-language": "en-US" } });
        expect(langOf(res.body)).toBe("es");
        expect(res.body).toContain("Mis grupos");
      });

      it("switches without JavaScript through /language, only to our own pages", async () => {
        const res = await send(t.app, "GET", "/language?to=es&next=%2Fhelp%3Fcountry%3DGB");
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe("/help?country=GB");
        expect(res.cookies.find((c) => c.name === "kindred_lang")).toMatchObject({ value: "es", path: "/" });
        const away = await send(t.app, "GET", "/language?to=es&next=%2F%2Fevil.example");
        expect(away.headers.location).toBe("/");
      });
    });

    describe("crisis help without JavaScript", () => {
      it("shows the United Kingdom's lines and 999 for ?country=GB", async () => {
        const res = await send(t.app, "GET", "/help?country=GB");
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain("Crisis lines in United Kingdom");
        expect(res.body).toContain("Samaritans");
        expect(res.body).toContain('href="tel:116123"');
        expect(res.body).toContain('href="sms:85258?&amp;body=SHOUT"');
        expect(res.body).toContain('href="tel:999"');
        expect(res.body).toContain("Kindred is not a crisis service");
      });

      it("uses the browser's region: es-MX gets Spanish, the directory and Mexico's emergency number", async () => {
        const res = await send(t.app, "GET", "/help", { headers: { "accept-language": "es-MX" } });
        expect(langOf(res.body)).toBe("es");
        expect(res.body).toContain("Todavía no tenemos líneas de crisis para México");
        expect(res.body).toContain('href="https://findahelpline.com"');
        expect(res.body).toContain('href="tel:911"');
        expect(res.body).toMatch(/<option value="MX" selected="">/);
      });

      it("makes up no number for a country whose emergency number it does not know", async () => {
        const res = await send(t.app, "GET", "/help?country=BR", { headers: { "accept-language": "es" } });
        expect(res.body).toContain('href="https://findahelpline.com"');
        expect(res.body).not.toContain('href="tel:');
        expect(res.body).toContain("llama al número de emergencias de tu país");
      });

      it("falls back to 112 in Europe where no lines are listed", async () => {
        const res = await send(t.app, "GET", "/help", { headers: { "accept-language": "de-DE" } });
        expect(res.body).toContain('href="tel:112"');
        expect(res.body).toContain("findahelpline.com");
      });

      it("offers a plain GET form to choose the country when it is unknown", async () => {
        const res = await send(t.app, "GET", "/help");
        expect(res.body).toContain("Choose your country below");
        expect(res.body).toMatch(/<form[^>]*action="\/help"[^>]*method="get"|<form[^>]*method="get"[^>]*action="\/help"/);
        expect(res.body).toContain('<select id="help-country-select" name="country">');
      });

      it("ignores a country parameter that is not a country code", async () => {
        const res = await send(t.app, "GET", "/help?country=%3Cscript%3E", { headers: { "accept-language": "en-GB" } });
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain("Samaritans");
      });
    });
  });
});

describe("web pages without a build", () => {
  it("answers pages with 503 saying how to build", async () => {
    const database = await createTestDatabase("sqlite");
    const config = testConfig(database.config);
    const app = Fastify();
    await app.register(cookie);
    app.decorateRequest("actor", null);
    await app.register(webRoutes, { config, db: database.db, services: createServices({ db: database.db, config }), renderer: new PageRenderer("/nonexistent/dist") });
    try {
      const res = await app.inject({ method: "GET", url: "/help" });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain("npm run build");
    } finally {
      await app.close();
      await database.destroy();
    }
  });
});
