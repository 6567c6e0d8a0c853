import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../server/features/web/testing";
import { BUDGET_BYTES, BUDGETED_PAGES, kib, pageWeight, readManifest } from "./bundle-budget";

const clientDir = fileURLToPath(new URL("../dist/client", import.meta.url));

describe("the JavaScript budget (docs/PERFORMANCE.md)", () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it.each(Object.entries(BUDGETED_PAGES))("%s ships at most 100 KiB of gzipped JavaScript, and no zod", (path, source) => {
    const { files, gzipBytes } = pageWeight(clientDir, readManifest(clientDir), source);
    console.log(`${path}: ${kib(gzipBytes)} of gzipped JavaScript (budget ${kib(BUDGET_BYTES)})`);
    expect(gzipBytes).toBeLessThanOrEqual(BUDGET_BYTES);
    // zod (+20 KB) arrives with any value imported from a core module built on it; use core/vocabulary.ts.
    for (const file of files) expect(readFileSync(join(clientDir, file), "utf8"), file).not.toContain('"$ZodError"');
  });
});
