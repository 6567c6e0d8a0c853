/**
 * The one way the web app talks to the server: JSON in, JSON out, and every failure turned into
 * an ApiError carrying the RFC 9457 problem (type code, field errors) so forms can show them.
 * Types come from core/api.ts with `import type` only, so zod stays out of the browser bundle.
 */
import type { FieldError, Problem, ProblemCode } from "../../core/problems";

const PROBLEM_PREFIX = "urn:kindred:problem:";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    /** The problem code (core/problems.ts), or "network" when the server could not be reached. */
    readonly code: ProblemCode | "network",
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? code);
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }

  /** The message for one field, if the server named it. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", null);
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  throw await toApiError(response);
}

async function toApiError(response: Response): Promise<ApiError> {
  let problem: Problem | null = null;
  if ((response.headers.get("content-type") ?? "").includes("json")) {
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = null;
    }
  }
  return problemError(response.status, problem);
}

/** The ApiError for an answer with this status and problem body (null when there was none). */
export function problemError(status: number, problem: Problem | null): ApiError {
  const code = problem?.type?.startsWith(PROBLEM_PREFIX)
    ? (problem.type.slice(PROBLEM_PREFIX.length) as ProblemCode)
    : status >= 500
      ? "internal"
      : "badRequest";
  return new ApiError(status, code, problem);
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  delete: <T = void>(path: string, body?: unknown) => request<T>("DELETE", path, body),
};
