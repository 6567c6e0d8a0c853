import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkBoundaries, findCycles, parseImports } from "./check-boundaries";

const roots: string[] = [];

/** A throwaway source tree: { "core/a.ts": "import ..." }. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "kindred-boundaries-"));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A well-layered feature the cases below break one import at a time. */
const healthyFeature = {
  "core/api.ts": `import { z } from "zod";\nimport { newId } from "./ids";\nexport const A = z.string();`,
  "core/ids.ts": `export const newId = () => "x";`,
  "server/db/index.ts": `import { Kysely } from "kysely";\nexport type Db = Kysely<unknown>;`,
  "server/features/groups/routes.ts": `import type { FastifyInstance } from "fastify";\nimport { A } from "../../../core/api";\nimport type { GroupsService } from "./service";`,
  "server/features/groups/service.ts": `import { GroupsRepository } from "./repository";\nimport { AppError } from "../../errors";\nimport type { AccountsService } from "../accounts/service";`,
  "server/features/groups/repository.ts": `import type { Db } from "../../db";\nimport { sql } from "kysely";`,
  "server/features/groups/groups.test.ts": `import { AccountsRepository } from "../accounts/repository";\nimport { it } from "vitest";`,
  "server/features/accounts/service.ts": `export class AccountsService {}`,
  "server/features/accounts/repository.ts": `export class AccountsRepository {}`,
  "server/errors.ts": `export class AppError {}`,
  "web/features/groups/GroupPage.tsx": `import { A } from "../../../core/api";\nimport { useState } from "react";`,
};

function rulesBroken(files: Record<string, string>) {
  return checkBoundaries(tree({ ...healthyFeature, ...files })).map((v) => `${v.file}:${v.line} ${v.rule}`);
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("check-boundaries", () => {
  it("passes a tree that keeps every rule", () => {
    expect(checkBoundaries(tree(healthyFeature))).toEqual([]);
  });

  it("refuses core importing anything but zod, the Meeting Guide spec and core", () => {
    expect(
      rulesBroken({
        "core/ids.ts": `import { randomUUID } from "node:crypto";\nimport { Db } from "../server/db";\nimport { getTypesForLanguage } from "@code4recovery/spec";`,
      }),
    ).toEqual(["core/ids.ts:1 core-is-pure", "core/ids.ts:2 core-is-pure"]);
  });

  it("lets core tests use their test tools, and nothing else", () => {
    expect(rulesBroken({ "core/ids.test.ts": `import { it } from "vitest";\nimport fc from "fast-check";\nimport pg from "pg";` })).toEqual([
      "core/ids.test.ts:3 core-is-pure",
    ]);
  });

  it("keeps server and web apart, even for types and dynamic imports", () => {
    expect(
      rulesBroken({
        "server/features/web/routes.ts": `const page = await import("../../../web/entry-server");`,
        "web/lib/api.ts": `import type { App } from "../../server/app";`,
      }),
    ).toEqual(["server/features/web/routes.ts:1 server-web-apart", "web/lib/api.ts:1 server-web-apart"]);
  });

  it("refuses routes reaching a repository, kysely or the database", () => {
    expect(
      rulesBroken({
        "server/features/groups/routes.ts": `import { GroupsRepository } from "./repository";\nimport { sql } from "kysely";\nimport { createDb } from "../../db/index";`,
      }),
    ).toEqual([
      "server/features/groups/routes.ts:1 routes-thin",
      "server/features/groups/routes.ts:2 routes-thin",
      "server/features/groups/routes.ts:3 routes-thin",
    ]);
  });

  it("refuses a service importing fastify, kysely or another feature's repository", () => {
    expect(
      rulesBroken({
        "server/features/groups/service.ts": [
          `import type { FastifyReply } from "fastify";`,
          `import cookie from "@fastify/cookie";`,
          `import { sql } from "kysely";`,
          `import { AccountsRepository } from "../accounts/repository";`,
          `import { GroupsRepository } from "./repository";`,
        ].join("\n"),
      }),
    ).toEqual([
      "server/features/groups/service.ts:1 service-pure",
      "server/features/groups/service.ts:2 service-pure",
      "server/features/groups/service.ts:3 service-pure",
      "server/features/groups/service.ts:4 service-pure",
    ]);
  });

  it("keeps HTTP and SQL out of a feature's other logic files too, but not out of its tests", () => {
    expect(
      rulesBroken({
        "server/features/groups/policy.ts": `import type { FastifyRequest } from "fastify";`,
        "server/features/groups/sessions.ts": `import { sql } from "kysely";`,
        "server/features/groups/groups.test.ts": `import { sql } from "kysely";\nimport Fastify from "fastify";`,
      }),
    ).toEqual(["server/features/groups/policy.ts:1 service-pure", "server/features/groups/sessions.ts:1 service-pure"]);
  });

  it("refuses a repository importing a service or routes", () => {
    expect(
      rulesBroken({ "server/features/groups/repository.ts": `import { GroupsService } from "./service";\nexport * from "./routes";` }),
    ).toEqual(["server/features/groups/repository.ts:1 repository-below-service", "server/features/groups/repository.ts:2 repository-below-service"]);
  });

  it("lets features meet only through services", () => {
    expect(
      rulesBroken({
        "server/features/accounts/presenter.ts": `export const presentMember = 1;`,
        "server/features/groups/presenter.ts": `import { presentMember } from "../accounts/presenter";`,
        "web/features/admin/People.tsx": `import { GroupCard } from "../groups/GroupPage";`,
      }),
    ).toEqual(["server/features/groups/presenter.ts:1 features-through-services", "web/features/admin/People.tsx:1 features-through-services"]);
  });

  it("refuses features that import each other in a cycle", () => {
    const broken = checkBoundaries(
      tree({ ...healthyFeature, "server/features/accounts/service.ts": `import type { GroupsService } from "../groups/service";` }),
    );
    expect(broken).toEqual([
      expect.objectContaining({
        rule: "no-feature-cycles",
        message: "features import each other: server/features/accounts -> server/features/groups -> server/features/accounts",
      }),
    ]);
  });
});

describe("parseImports", () => {
  it("finds every kind of import written with a string literal", () => {
    const text = [
      `import a from "a";`,
      `import type { B } from "./b";`,
      `export { c } from "c";`,
      `export * from "./d";`,
      `const e = await import("e");`,
      `type F = typeof import("./f");`,
      `import "./side-effect.css";`,
      `const notAnImport = "g";`,
    ].join("\n");
    expect(parseImports("x.ts", text).map((r) => r.specifier)).toEqual(["a", "./b", "c", "./d", "e", "./f", "./side-effect.css"]);
  });
});

describe("findCycles", () => {
  const graph = (edges: string) => {
    const g = new Map<string, Set<string>>();
    for (const edge of edges.split(" ")) {
      const [from, to] = edge.split(">") as [string, string];
      g.set(from, (g.get(from) ?? new Set()).add(to));
    }
    return g;
  };

  it("finds none in a graph that runs one way", () => {
    expect(findCycles(graph("a>b b>c a>c"))).toEqual([]);
  });

  it("finds a cycle once, whatever node it is entered from", () => {
    expect(findCycles(graph("a>b b>c c>a d>b"))).toEqual([["a", "b", "c", "a"]]);
  });

  it("finds a feature importing itself and separate cycles", () => {
    expect(findCycles(graph("a>a b>c c>b"))).toEqual([["a", "a"], ["b", "c", "b"]]);
  });
});
