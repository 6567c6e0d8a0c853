import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { PROBLEM_TYPES, problemType, type FieldError, type Problem, type ProblemCode } from "../../core/problems";
import { AppError } from "../errors";

export function problem(code: ProblemCode, detail?: string, extra: Partial<Problem> = {}): Problem {
  const { status, title } = PROBLEM_TYPES[code];
  return { type: problemType(code), title, status, ...(detail ? { detail } : {}), ...extra };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  if (p.retryAfterSeconds !== undefined) reply.header("retry-after", String(p.retryAfterSeconds));
  return reply.status(p.status).type("application/problem+json").send(p);
}

function fieldName(instancePath: string, context: string | undefined, missing?: unknown): string {
  const path = instancePath.replace(/^\//, "").replaceAll("/", ".");
  const base = path || (typeof missing === "string" ? missing : "");
  const where = context && context !== "body" ? `${context}.` : "";
  return `${where}${base}` || (context ?? "body");
}

/** Every error leaves as RFC 9457 problem+json; nothing internal (stack, SQL) reaches a client. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(reply, problem(error.code, error.detail, error.extra));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: FieldError[] = error.validation.map((v) => ({
        field: fieldName(v.instancePath, error.validationContext, (v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join(".")),
        message: v.message ?? "is not valid",
      }));
      return sendProblem(reply, problem("validation", errors.map((e) => `${e.field}: ${e.message}`).join("; "), { errors }));
    }
    switch (error.code) {
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        return sendProblem(reply, problem("payloadTooLarge"));
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
        return sendProblem(reply, problem("unsupportedMediaType"));
      case "FST_ERR_CTP_EMPTY_JSON_BODY":
      case "FST_ERR_CTP_INVALID_JSON_BODY":
        return sendProblem(reply, problem("badRequest", "The body is not valid JSON"));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, problem("badRequest", error.message));
    }
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(reply, problem("internal"));
  });

  app.setNotFoundHandler((request, reply) => sendProblem(reply, problem("notFound")));
}
