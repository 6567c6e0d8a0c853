import { sep } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import type { FeatureDeps } from "..";
import { sendCompressed } from "../../http/compression";
import { problem, sendProblem } from "../../http/problem";
import { presentDocument, presentPageData } from "./presenter";
import { PageRenderer } from "./renderer";
import { isUiLanguage, safeLocalPath } from "./service";

export const LANGUAGE_COOKIE = "kindred_lang";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Paths that are never pages: unknown ones answer problem+json 404, as the API does. */
const NOT_PAGES = /^\/(api|assets)(\/|$)|^\/healthz$/;

export interface WebRoutesOptions extends FeatureDeps {
  renderer?: PageRenderer;
}

/** Serves the built web app: its assets, and every other GET as a server-rendered page. */
export const webRoutes: FastifyPluginAsync<WebRoutesOptions> = async (app, { services, config, renderer = new PageRenderer() }) => {
  if (renderer.isBuilt()) {
    await app.register(fastifyStatic, {
      root: renderer.clientDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      // The build writes name.br and name.gz beside each file worth compressing (vite.config.ts): sent to browsers that accept them.
      preCompressed: true,
      allowedPath: (path) => path !== "/index.html",
      setHeaders(res, path) {
        // Hashed file names change with their content, so they may be kept for good.
        const immutable = path.includes(`${sep}assets${sep}`);
        res.setHeader("cache-control", immutable ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : "public, max-age=3600");
        // Which file is sent depends on Accept-Encoding (preCompressed): caches must keep them apart.
        res.setHeader("vary", "accept-encoding");
      },
    });
  }

  // Load the rendering module as the server starts listening, so the first visitor does not wait.
  app.addHook("onListen", async () => {
    await renderer.load().catch((error: unknown) => app.log.error({ err: error }, "could not load the web pages"));
  });

  // The language switch as a plain link, so it works without JavaScript.
  app.get<{ Querystring: { to?: string; next?: string } }>("/language", { schema: { hide: true } }, async (request, reply) => {
    const { to, next } = request.query;
    if (isUiLanguage(to)) {
      reply.setCookie(LANGUAGE_COOKIE, to, { path: "/", maxAge: ONE_YEAR_SECONDS, sameSite: "lax", secure: config.secureCookies });
    }
    return reply.redirect(safeLocalPath(next), 303);
  });

  app.get("/*", { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    if (NOT_PAGES.test(path)) return sendProblem(reply, problem("notFound"));

    const state = await services.web.pageState({
      actor: request.actor ?? null,
      languageCookie: request.cookies[LANGUAGE_COOKIE],
      acceptLanguage: request.headers["accept-language"],
    });
    const redirect = services.web.redirectFor(path, state);
    if (redirect) return noStore(reply).redirect(redirect, 302);

    const build = await renderer.load();
    if (!build) {
      return reply
        .status(503)
        .type("text/plain; charset=utf-8")
        .send("Kindred's web pages are not built yet. Run `npm run build`, then start Kindred again.\n");
    }
    // Public pages come with their data, so they are complete without JavaScript.
    const wanted = build.pageDataFor(request.url);
    const loaded = wanted && (await services.web.pageData(wanted.name, { memberId: request.actor?.memberId ?? null, params: wanted.params, query: request.query as Record<string, string | string[]> }));
    const pageState = loaded ? { ...state, pageData: presentPageData(loaded) } : state;
    const page = await build.render(request.url, pageState);
    if (page.redirect) return noStore(reply).redirect(safeLocalPath(page.redirect), 302);
    noStore(reply)
      .status(page.status ?? 200)
      .header("vary", "Cookie, Accept-Language")
      .type("text/html; charset=utf-8");
    return sendCompressed(request, reply, presentDocument(build.template, page, pageState));
  });
};

/** Pages carry who is signed in: never keep them in a shared or back-button cache. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header("cache-control", "private, no-store");
}
