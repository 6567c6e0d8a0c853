/**
 * Secrets a member holds (password, session token, recovery codes) and how Kindred keeps only
 * their hashes. Pure functions: no database, no HTTP.
 */
import { createHash, createHmac, randomBytes, randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** Argon2id (algorithm 2) with the OWASP baseline: 19 MiB, 2 passes, 1 lane. */
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoyHash: Promise<string> | undefined;
/**
 * Checks a password against a throwaway hash, so that signing in as a handle that does not exist
 * takes as long as a wrong password: the timing does not tell which handles exist.
 */
export async function spendPasswordCheck(password: string): Promise<false> {
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(await decoyHash, password);
  return false;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A keyed hash: lets us recognise a value again (an address, a handle) without storing it. */
export function keyedHash(secret: string, text: string): string {
  return createHmac("sha256", secret).update(text).digest("base64url");
}

/** A session token: 32 random bytes. Only its SHA-256 is stored, so a database leak signs no one in. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Lower-case letters and digits without look-alikes (no i, l, o, 0, 1): 31 symbols. */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_LENGTH = 16;

/** A recovery code such as `abcd-efgh-jkmn-pqrs`: 16 symbols of 31, about 79 bits of randomness. */
export function newRecoveryCode(): string {
  const symbols = Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return symbols.join("").match(/.{4}/g)!.join("-");
}

/**
 * Recovery codes are long random strings, not chosen by people, so a fast hash is enough:
 * guessing ~79 bits is out of reach even with the hash in hand, and a slow hash would only make
 * a sign-in with a code slower.
 */
export function hashRecoveryCode(code: string): string {
  return sha256(code.trim().toLowerCase().replaceAll("-", ""));
}
