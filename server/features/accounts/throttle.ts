import { normalizeHandle } from "../../../core/accounts";
import { AppError } from "../../errors";
import { keyedHash } from "./credentials";
import type { AccountsRepository, ThrottleState } from "./repository";

/** Tries allowed before delays begin: a handle gets a few; an address (maybe a shared one) more. */
const FREE_TRIES = { handle: 5, address: 20 } as const;
const MAX_LOCK_SECONDS = 15 * 60;
/** A count left alone this long starts again from zero. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
const MAX_COUNT_RETRIES = 10;

type KeyKind = keyof typeof FREE_TRIES;

/** The keys one attempt counts against. */
export interface Attempt {
  handleKey: string;
  addressKey: string;
}

/**
 * Slows down password and recovery-code guessing, per handle and per address.
 *
 * Every attempt is counted before the secret is checked, and a right answer takes its count back:
 * so parallel guesses cannot all slip through before the first failure is written. Past the free
 * tries each attempt locks the key for 2^k seconds (k = tries beyond the free ones), at most 15
 * minutes; while locked, even the right password is refused. Both the handle and the address are
 * stored only as keyed hashes: a mistyped handle (or a password typed into the handle field) and
 * an IP address are never kept as they were sent.
 */
export class SignInThrottle {
  constructor(
    private readonly repo: AccountsRepository,
    private readonly secret: string,
  ) {}

  handleKey(handle: string): string {
    return `handle:${keyedHash(this.secret, normalizeHandle(handle))}`;
  }

  attempt(handle: string, address: string): Attempt {
    return { handleKey: this.handleKey(handle), addressKey: `address:${keyedHash(this.secret, address)}` };
  }

  /** Counts the attempt, or refuses it with 429 throttled and how long to wait. */
  async admit(attempt: Attempt): Promise<void> {
    const keys: [string, KeyKind][] = [
      [attempt.handleKey, "handle"],
      [attempt.addressKey, "address"],
    ];
    const now = new Date();
    for (const state of await Promise.all(keys.map(([key]) => this.repo.throttleState(key)))) {
      throwIfLocked(state, now);
    }
    for (const [key, kind] of keys) await this.count(key, kind);
  }

  /**
   * Adds one attempt to the key. When another attempt counted in between, reads again and retries:
   * concurrent attempts each get their own number, so a burst meets the lock its own tries set.
   */
  private async count(key: string, kind: KeyKind): Promise<void> {
    for (let tries = 0; tries < MAX_COUNT_RETRIES; tries++) {
      const now = new Date();
      const seen = await this.repo.throttleState(key);
      throwIfLocked(seen, now);
      if (await this.repo.advanceThrottle(key, seen, nextState(seen, kind, now))) return;
    }
    throw throttled(1000);
  }

  /** The right secret: the handle starts afresh; the address only gets this attempt back. */
  async succeeded(attempt: Attempt): Promise<void> {
    await this.repo.clearThrottle(attempt.handleKey);
    await this.repo.forgiveThrottleAttempt(attempt.addressKey);
  }
}

function nextState(seen: ThrottleState | undefined, kind: KeyKind, now: Date): ThrottleState {
  const fresh = !seen || now.getTime() - Date.parse(seen.updatedAt) > FORGET_AFTER_MS;
  const failures = (fresh ? 0 : seen.failures) + 1;
  const beyond = failures - FREE_TRIES[kind];
  const lockSeconds = beyond > 0 ? Math.min(2 ** beyond, MAX_LOCK_SECONDS) : 0;
  return {
    failures,
    lockedUntil: lockSeconds ? new Date(now.getTime() + lockSeconds * 1000).toISOString() : null,
    updatedAt: now.toISOString(),
  };
}

function throwIfLocked(state: ThrottleState | undefined, now: Date): void {
  if (state?.lockedUntil && state.lockedUntil > now.toISOString()) throw throttled(Date.parse(state.lockedUntil) - now.getTime());
}

function throttled(waitMs: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError("throttled", `Too many tries. Please wait ${retryAfterSeconds} seconds and try again.`, { retryAfterSeconds });
}
