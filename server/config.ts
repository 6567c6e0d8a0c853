/**
 * The only reader of process.env: one zod parse into a frozen object.
 * Bad configuration stops start-up with a message naming the variable.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .default("sqlite:./data/kindred.db")
    .refine((v) => /^sqlite:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), "must be sqlite:<path> or postgres://..."),
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\/.+/.test(v), "must be redis://...")
    .optional(),
  PUBLIC_URL: z.url("must be a URL such as https://kindred.example.org").optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/.+/.test(v), "must be smtp://user:password@host:port or smtps://...")
    .optional(),
  SCHEDULE_EXPORTS_AT_ONCE: z.coerce.number().int().min(1).max(64).default(2),
});

export type DatabaseConfig = { dialect: "sqlite"; path: string } | { dialect: "postgres"; url: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  redisUrl: string | null;
  publicUrl: string;
  /** True when the public URL is https: cookies are then marked Secure. */
  secureCookies: boolean;
  sessionSecret: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Where notification emails are sent through; null: Kindred sends no email. */
  smtpUrl: string | null;
  /** Whole-directory exports (the full feed, the printable schedule) running at once; more answer 503. */
  scheduleExportsAtOnce: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseConfig {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length);
    return { dialect: "sqlite", path: path === ":memory:" || isAbsolute(path) ? path : resolve(cwd, path) };
  }
  return { dialect: "postgres", url };
}

/**
 * SESSION_SECRET, when unset, is generated once and kept beside the SQLite database
 * (or in ./data for PostgreSQL) so sessions survive restarts.
 */
function keptSecret(database: DatabaseConfig, cwd: string): string {
  const dir = database.dialect === "sqlite" && database.path !== ":memory:" ? dirname(database.path) : resolve(cwd, "data");
  const file = resolve(dir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Readonly<Config> {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Kindred cannot start: bad configuration\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const database = parseDatabaseUrl(e.DATABASE_URL, cwd);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    database,
    redisUrl: e.REDIS_URL ?? null,
    publicUrl,
    secureCookies: publicUrl.startsWith("https:"),
    sessionSecret: e.SESSION_SECRET ?? keptSecret(database, cwd),
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL ?? null,
    scheduleExportsAtOnce: e.SCHEDULE_EXPORTS_AT_ONCE,
  });
}
