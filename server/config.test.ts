import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

const SECRET = "a-session-secret-of-at-least-32-characters";
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "kindred-config-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig({ SESSION_SECRET: SECRET, ...env }, tempDir());
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("the configuration was accepted");
}

describe("configuration", () => {
  it("runs on port 3000 and SQLite at ./data/kindred.db with nothing set", () => {
    const cwd = tempDir();
    const config = loadConfig({ SESSION_SECRET: SECRET }, cwd);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ dialect: "sqlite", path: join(cwd, "data", "kindred.db") });
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.redisUrl).toBeNull();
    expect(config.secureCookies).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ REDIS_URL: "localhost:6379" }, "REDIS_URL"],
    [{ PUBLIC_URL: "kindred.example.org" }, "PUBLIC_URL"],
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
  ])("refuses %o with a message naming %s", (env, variable) => {
    expect(configError(env)).toMatch(new RegExp(`^\\s+${variable}: `, "m"));
  });

  it("names every bad variable at once", () => {
    const message = configError({ PORT: "abc", DATABASE_URL: "mysql://x" });
    expect(message).toContain("PORT");
    expect(message).toContain("DATABASE_URL");
  });

  it("reads a relative SQLite path from the working directory and keeps an absolute one", () => {
    const cwd = tempDir();
    expect(loadConfig({ SESSION_SECRET: SECRET, DATABASE_URL: "sqlite:db/k.db" }, cwd).database).toEqual({
      dialect: "sqlite",
      path: join(cwd, "db", "k.db"),
    });
    expect(loadConfig({ SESSION_SECRET: SECRET, DATABASE_URL: "sqlite:/var/lib/kindred/k.db" }, cwd).database).toEqual({
      dialect: "sqlite",
      path: "/var/lib/kindred/k.db",
    });
  });

  it("takes a PostgreSQL URL as it is", () => {
    const url = "postgres://kindred:pw@db.internal:5432/kindred";
    expect(loadConfig({ SESSION_SECRET: SECRET, DATABASE_URL: url }, tempDir()).database).toEqual({ dialect: "postgres", url });
  });

  it("marks cookies Secure when the public URL is https", () => {
    const config = loadConfig({ SESSION_SECRET: SECRET, PUBLIC_URL: "https://kindred.example.org/" }, tempDir());
    expect(config.publicUrl).toBe("https://kindred.example.org");
    expect(config.secureCookies).toBe(true);
  });

  it("generates a session secret on first run, beside the database, and keeps it", () => {
    const cwd = tempDir();
    const first = loadConfig({}, cwd);
    const file = join(cwd, "data", "session-secret");
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, "utf8").trim()).toBe(first.sessionSecret);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(loadConfig({}, cwd).sessionSecret).toBe(first.sessionSecret);
    expect(loadConfig({}, tempDir()).sessionSecret).not.toBe(first.sessionSecret);
  });

  it("stops the server before it listens, naming the variable", () => {
    const tsx = join(import.meta.dirname, "..", "node_modules", ".bin", "tsx");
    const result = spawnSync(tsx, [join(import.meta.dirname, "main.ts")], {
      env: { PATH: process.env.PATH, PORT: "abc", SESSION_SECRET: SECRET },
      cwd: tempDir(),
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("Kindred cannot start");
    expect(result.stderr).toMatch(/PORT: /);
  });
});
