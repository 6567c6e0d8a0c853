import helmet from "helmet";
import type { FastifyInstance } from "fastify";
import type { Config } from "../config";
import { problem, sendProblem } from "./problem";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Security headers (a CSP with no inline script) and CSRF defence.
 *
 * CSRF: a state-changing request is refused when the browser says it came from another site
 * (Origin not ours, or Sec-Fetch-Site: cross-site). Bodies must be JSON, which a cross-site form
 * cannot send without a CORS preflight we never grant, and the session cookie is SameSite=Lax.
 */
export async function installSecurity(app: FastifyInstance, config: Config): Promise<void> {
  // helmet's middleware is made once: @fastify/helmet made it again on every request, parsing the
  // policy each time (about a tenth of a cached search's CPU).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  app.addHook("onRequest", (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined)));

  const ownOrigins = new Set([new URL(config.publicUrl).origin]);
  app.addHook("onRequest", async (request, reply) => {
    if (!STATE_CHANGING.has(request.method)) return;
    const origin = request.headers.origin;
    const fetchSite = request.headers["sec-fetch-site"];
    const hostOrigin = `${request.protocol}://${request.headers.host ?? ""}`;
    const foreignOrigin = origin !== undefined && origin !== "null" ? !ownOrigins.has(origin) && origin !== hostOrigin : origin === "null";
    if (foreignOrigin || fetchSite === "cross-site") {
      return sendProblem(reply, problem("csrf"));
    }
  });
}
