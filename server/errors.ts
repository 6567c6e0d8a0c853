import type { FieldError, ProblemCode } from "../core/problems";

/**
 * An expected failure with a closed set of codes. Services throw it; the HTTP layer turns it into
 * problem+json. It carries no HTTP details of its own beyond the code.
 */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(detail ?? code);
  }
}

export function fieldError(field: string, message: string): AppError {
  return new AppError("validation", `${field}: ${message}`, { errors: [{ field, message }] });
}
