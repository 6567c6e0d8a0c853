import type { RouteOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, dialects, type TestApp } from "./testing/harness";

/** Every route any app registers, seen through an onRoute hook added as soon as Fastify is made. */
const registered: RouteOptions[] = [];
vi.mock("fastify", async (importOriginal) => {
  const fastify = await importOriginal<typeof import("fastify")>();
  const withRouteLog = ((options?: object) => {
    const app = fastify.default(options);
    app.addHook("onRoute", (route) => {
      registered.push(route);
    });
    return app;
  }) as unknown as typeof fastify.default;
  return { ...fastify, default: withRouteLog };
});

const METHODS_DOCUMENTED = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Routes the API document must describe: all but web pages and static files (which live outside /api). */
function apiRoutes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  return registered
    .flatMap((route) => [route.method].flat().map((method) => ({ method, path: route.url })))
    .filter(({ method, path }) => METHODS_DOCUMENTED.includes(method) && (path.startsWith("/api/") || path === "/healthz"))
    .filter(({ method, path }) => !seen.has(`${method} ${path}`) && seen.add(`${method} ${path}`));
}

const openApiPath = (fastifyPath: string) => fastifyPath.replace(/:([A-Za-z0-9_]+)/g, "{$1}");

interface Operation {
  summary?: string;
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

describe.each(dialects)("the OpenAPI document on %s", (dialect) => {
  let t: TestApp;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    registered.length = 0;
    t = await createTestApp(dialect);
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(async () => t.close());

  it("is OpenAPI 3.1", () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
  });

  it("describes every API route the app registers, each with a summary", () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(1);
    const missing = routes.filter(({ method, path }) => !doc.paths[openApiPath(path)]?.[method.toLowerCase()]);
    expect(missing, "routes missing from /api/openapi.json").toEqual([]);
    const unsummarized = routes.filter(({ method, path }) => !doc.paths[openApiPath(path)]?.[method.toLowerCase()]?.summary);
    expect(unsummarized, "routes without a summary").toEqual([]);
  });

  it("describes only routes that exist", () => {
    const routes = new Set(apiRoutes().map(({ method, path }) => `${method.toLowerCase()} ${openApiPath(path)}`));
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));
    expect(documented.filter((op) => !routes.has(op))).toEqual([]);
  });

  it("describes request bodies from the shared schemas", () => {
    const signIn = doc.paths["/api/session"]?.post?.requestBody as { content: Record<string, { schema: { properties: object } }> };
    expect(Object.keys(signIn.content["application/json"]!.schema.properties)).toEqual(expect.arrayContaining(["handle", "password"]));
  });
});
