import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "./config";
import type { Db } from "./db";
import { registerFeatures } from "./features";
import { installErrorHandling } from "./http/problem";
import { installSecurity } from "./http/security";
import { createServices, type Services } from "./services";

export interface AppDeps {
  config: Config;
  db: Db;
  /** false silences logging (tests); otherwise pino at config.logLevel. */
  logger?: boolean;
  /** What time it is; tests set it (see ServiceDeps). */
  clock?: () => Date;
}

export type App = FastifyInstance & { services: Services };

/** Bodies are small JSON documents; the largest (group guidelines) fits well within this. */
const BODY_LIMIT = 256 * 1024;

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, db } = deps;
  const app = Fastify({
    logger: deps.logger === false ? false : { level: config.logLevel, serializers: logSerializers },
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT,
    trustProxy: config.secureCookies,
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies: a cross-site <form> cannot send them (part of the CSRF defence).
  app.removeContentTypeParser("text/plain");

  installErrorHandling(app);
  await installSecurity(app, config);
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Kindred API", version: "0.1.0", description: "Peer-led self-help groups." },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "kindred_session" } } },
    },
    transform: jsonSchemaTransform,
  });

  const services = createServices({ db, config, clock: deps.clock });
  app.decorate("services", services);
  await registerFeatures(app, { config, db, services });

  await app.ready();
  return app as unknown as App;
}

/** Logs carry no content and no personal data: method, route pattern and status only. */
const logSerializers = {
  req(request: { method: string; url: string; routeOptions?: { url?: string }; id: string }) {
    return { id: request.id, method: request.method, route: request.routeOptions?.url ?? request.url.split("?")[0] };
  },
  res(reply: { statusCode: number }) {
    return { statusCode: reply.statusCode };
  },
};
