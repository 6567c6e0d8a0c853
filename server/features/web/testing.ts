/** Helpers for the tests of the server-rendered pages. */
import { execFileSync } from "node:child_process";
import { PageRenderer } from "./renderer";

/** The tests read the built pages; `npm test` builds first, a lone run builds when there is none. */
export function ensureBuilt(): void {
  if (new PageRenderer().isBuilt()) return;
  execFileSync("npm", ["run", "build"], { cwd: new URL("../../..", import.meta.url).pathname, stdio: "ignore" });
}

/** The page's state script, parsed. */
export function stateOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="kindred-state">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error("no state script");
  return JSON.parse(match[1]!) as Record<string, unknown>;
}
