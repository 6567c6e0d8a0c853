/**
 * The closed set of problem types every error response uses (RFC 9457).
 * `type` is stable: clients and tests match on it, never on the title.
 */
export const PROBLEM_TYPES = {
  validation: { status: 400, title: "Some of what was sent is not valid" },
  badRequest: { status: 400, title: "The request could not be understood" },
  unauthenticated: { status: 401, title: "Please sign in first" },
  forbidden: { status: 403, title: "You may not do this" },
  csrf: { status: 403, title: "This request came from another site and was refused" },
  notFound: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "This conflicts with the current state" },
  guidelinesNotAccepted: { status: 409, title: "Please read and accept the group's current guidelines" },
  setupDone: { status: 409, title: "Kindred is already set up" },
  setupNeeded: { status: 503, title: "Kindred is not set up yet" },
  payloadTooLarge: { status: 413, title: "What was sent is too large" },
  unsupportedMediaType: { status: 415, title: "Send JSON (application/json)" },
  throttled: { status: 429, title: "Too many tries; please wait a little and try again" },
  slowDown: { status: 429, title: "Please take a short pause before posting again" },
  muted: { status: 403, title: "Your posting in this group is paused for now" },
  notYetTrusted: { status: 403, title: "This opens up as you take part" },
  internal: { status: 500, title: "Something went wrong on our side" },
  unavailable: { status: 503, title: "Kindred is not available right now" },
  scheduleBusy: { status: 503, title: "The schedule is busy" },
} as const;

export type ProblemCode = keyof typeof PROBLEM_TYPES;

export function problemType(code: ProblemCode): string {
  return `urn:kindred:problem:${code}`;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  retryAfterSeconds?: number;
}
