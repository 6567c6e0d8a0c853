/**
 * The JavaScript budget of docs/PERFORMANCE.md: a public page ships at most 100 KiB of gzipped
 * JavaScript before it works. Reads the browser build (dist/client and Vite's manifest) and sums
 * what a page loads: the entry, the files it imports, and the page's own file when it is a lazy
 * page, with what that imports. `npm run check:budget` prints the figures; the test beside this
 * (part of `npm test`, after the build) fails when a page is over.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const BUDGET_BYTES = 100 * 1024;

/** The pages held to the budget, by path, with their source file (relative to web/). */
export const BUDGETED_PAGES: Readonly<Record<string, string>> = {
  "/": "pages/HomePage.tsx",
  "/groups": "features/groups/GroupsPage.tsx",
  "/meetings": "features/directory/DirectoryPage.tsx",
};

const ENTRY = "index.html";

interface ManifestChunk {
  file: string;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface PageWeight {
  files: string[];
  gzipBytes: number;
}

export function readManifest(clientDir: string): Manifest {
  const path = join(clientDir, ".vite", "manifest.json");
  if (!existsSync(path)) throw new Error(`No ${path}: run \`npm run build\` first.`);
  return JSON.parse(readFileSync(path, "utf8")) as Manifest;
}

/** The JavaScript files `key` loads at once: its own and, transitively, those it imports. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

/** What a page loads before it works (a page in the entry adds nothing; a lazy page adds its file). */
export function pageWeight(clientDir: string, manifest: Manifest, pageSource: string): PageWeight {
  const files = [...staticClosure(manifest, pageSource, staticClosure(manifest, ENTRY))].filter((file) => file.endsWith(".js"));
  const gzipBytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(clientDir, file))).length, 0);
  return { files, gzipBytes };
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function main(): void {
  const clientDir = resolve(fileURLToPath(new URL("../dist/client", import.meta.url)));
  const manifest = readManifest(clientDir);
  let over = false;
  for (const [path, source] of Object.entries(BUDGETED_PAGES)) {
    const { files, gzipBytes } = pageWeight(clientDir, manifest, source);
    over ||= gzipBytes > BUDGET_BYTES;
    const left = BUDGET_BYTES - gzipBytes;
    console.log(`${path}: ${kib(gzipBytes)} of gzipped JavaScript (budget ${kib(BUDGET_BYTES)}, ${left >= 0 ? `${kib(left)} left` : `${kib(-left)} over`}) in ${files.join(", ")}`);
  }
  if (over) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
