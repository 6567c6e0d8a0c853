/**
 * Checks the import boundaries of docs/ARCHITECTURE.md (run by `npm run check:boundaries`):
 * core imports only zod and core; server and web never import each other; inside a server
 * feature, routes -> service -> repository -> db; a feature uses another only through its
 * service; no import cycle between features.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export interface Violation {
  file: string;
  line: number;
  rule: string;
  message: string;
}

interface ImportRef {
  specifier: string;
  line: number;
}

/** One parsed source file: its path relative to the root (with "/") and what it imports. */
interface SourceFile {
  path: string;
  imports: { specifier: string; line: number; target: string | null }[];
}

const SKIPPED_DIRS = new Set(["node_modules", "dist", "coverage", "data", "test-results"]);
const SOURCE = /\.(ts|tsx|mts|cts)$/;
const TEST_FILE = /\.test\.tsx?$/;
/**
 * Packages core may import: zod, and pure data with no I/O (the official Meeting Guide type codes),
 * so core stays isomorphic. Core tests may also use their test tools.
 */
const CORE_PACKAGES = new Set(["zod", "@code4recovery/spec"]);
const CORE_TEST_PACKAGES = new Set(["vitest", "fast-check", "ical.js"]);

export function listSourceFiles(root: string, dir = root): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith(".") || SKIPPED_DIRS.has(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) found.push(...listSourceFiles(root, full));
    else if (SOURCE.test(name) && !name.endsWith(".d.ts")) found.push(relative(root, full).split(sep).join("/"));
  }
  return found.sort();
}

/** Every module specifier written as a string literal: import, export-from, import(), import types. */
export function parseImports(fileName: string, text: string): ImportRef[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const refs: ImportRef[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) {
      refs.push({ specifier: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

/** The root-relative file a relative specifier points at, or null for a package. */
export function resolveSpecifier(root: string, fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = resolve(root, dirname(fromFile), specifier.split("?")[0]!.replace(/\.(m|c)?js$/, ""));
  const candidates = [base, ...[".ts", ".tsx", "/index.ts", "/index.tsx"].map((ext) => base + ext)];
  const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? base;
  return relative(root, hit).split(sep).join("/");
}

/** The package a bare specifier names: "@scope/pkg/x" -> "@scope/pkg", "node:fs" -> "node:fs". */
export function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** "server/features/groups/service.ts" -> { area: "server", name: "groups", file: "service.ts" }. */
function featureOf(path: string): { area: string; name: string; id: string; file: string } | null {
  const match = /^(server|web)\/features\/([^/]+)\/(.+)$/.exec(path);
  if (!match) return null;
  const [, area, name, file] = match as unknown as [string, string, string, string];
  return { area, name, id: `${area}/features/${name}`, file };
}

const topDir = (path: string) => path.split("/")[0];
const layerFile = (path: string) => path.split("/").pop();
const isFastify = (pkg: string) => pkg === "fastify" || pkg.startsWith("@fastify/") || pkg.startsWith("fastify-");
const isDbModule = (target: string) => target === "server/db" || target.startsWith("server/db/") || target === "server/db.ts";

type Rule = (file: SourceFile, imp: SourceFile["imports"][number]) => { rule: string; message: string } | null;

const rules: Rule[] = [
  function coreImportsOnlyZodAndCore(file, { specifier, target }) {
    if (topDir(file.path) !== "core") return null;
    if (target ? topDir(target) === "core" : CORE_PACKAGES.has(packageName(specifier))) return null;
    if (!target && TEST_FILE.test(file.path) && CORE_TEST_PACKAGES.has(packageName(specifier))) return null;
    return { rule: "core-is-pure", message: `core/ may import only zod, the Meeting Guide spec and core/, not "${specifier}"` };
  },
  function serverAndWebApart(file, { specifier, target }) {
    const from = topDir(file.path);
    const to = target && topDir(target);
    if ((from === "server" && to === "web") || (from === "web" && to === "server")) {
      return { rule: "server-web-apart", message: `${from}/ must not import ${to}/ ("${specifier}"); share code through core/` };
    }
    return null;
  },
  function routesStayThin(file, { specifier, target }) {
    if (!featureOf(file.path) || layerFile(file.path) !== "routes.ts") return null;
    if (target ? layerFile(target) === "repository.ts" || isDbModule(target) : packageName(specifier) === "kysely") {
      return { rule: "routes-thin", message: `routes.ts must go through the service, not import "${specifier}"` };
    }
    return null;
  },
  /** The service, and what helps it (policy, presenter, sessions.ts, ...): no HTTP, no SQL. */
  function logicWithoutHttpOrSql(file, { specifier, target }) {
    const feature = featureOf(file.path);
    const layer = layerFile(file.path);
    if (!feature || feature.area !== "server" || layer === "routes.ts" || layer === "repository.ts" || TEST_FILE.test(file.path)) return null;
    const pkg = target ? null : packageName(specifier);
    if (pkg && (isFastify(pkg) || pkg === "kysely")) {
      return { rule: "service-pure", message: `${layer} must not import ${pkg}: HTTP belongs in routes.ts, SQL in repository.ts` };
    }
    const other = target && featureOf(target);
    if (layer === "service.ts" && other && other.id !== feature.id && layerFile(target) === "repository.ts") {
      return { rule: "service-pure", message: `service.ts must not use another feature's repository ("${specifier}"); call its service` };
    }
    return null;
  },
  function repositoryBelowService(file, { specifier, target }) {
    if (!featureOf(file.path) || layerFile(file.path) !== "repository.ts" || !target) return null;
    const layer = layerFile(target);
    if (featureOf(target) && (layer === "service.ts" || layer === "routes.ts")) {
      return { rule: "repository-below-service", message: `repository.ts must not import ${layer} ("${specifier}")` };
    }
    return null;
  },
  function featuresMeetThroughServices(file, { specifier, target }) {
    const feature = featureOf(file.path);
    const other = target && featureOf(target);
    if (!feature || !other || other.id === feature.id || TEST_FILE.test(file.path)) return null;
    if (other.area === "server" && other.file === "service.ts") return null;
    const allowed = other.area === "server" ? `${other.id}/service.ts` : "nothing (move shared parts to web/components or web/lib)";
    return {
      rule: "features-through-services",
      message: `${feature.id} may use ${other.id} only through ${allowed}, not "${specifier}"`,
    };
  },
];

/** Cycles in a directed graph, each as the list of nodes walked (first node repeated at the end). */
export function findCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const done = new Set<string>();
  const reported = new Set<string>();
  const walk = (node: string, path: string[]) => {
    seen.add(node);
    path.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (path.includes(next)) {
        const cycle = [...path.slice(path.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join(" ");
        if (!reported.has(key)) cycles.push(cycle);
        reported.add(key);
      } else if (!done.has(next)) walk(next, path);
    }
    path.pop();
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) if (!seen.has(node)) walk(node, []);
  return cycles;
}

export function checkBoundaries(root: string): Violation[] {
  const files: SourceFile[] = listSourceFiles(root).map((path) => ({
    path,
    imports: parseImports(path, readFileSync(join(root, path), "utf8")).map((ref) => ({
      ...ref,
      target: resolveSpecifier(root, path, ref.specifier),
    })),
  }));

  const violations: Violation[] = [];
  const featureGraph = new Map<string, Set<string>>();
  for (const file of files) {
    const feature = featureOf(file.path);
    for (const imp of file.imports) {
      const broken = rules.map((rule) => rule(file, imp)).find((v) => v !== null);
      if (broken) violations.push({ file: file.path, line: imp.line, ...broken });
      const other = imp.target && featureOf(imp.target);
      // Tests may reach into other features to set up state; they are not part of the runtime graph.
      if (feature && other && other.id !== feature.id && !TEST_FILE.test(file.path)) {
        featureGraph.set(feature.id, (featureGraph.get(feature.id) ?? new Set()).add(other.id));
      }
    }
  }
  for (const cycle of findCycles(featureGraph)) {
    violations.push({ file: `${cycle[0]}/`, line: 0, rule: "no-feature-cycles", message: `features import each other: ${cycle.join(" -> ")}` });
  }
  return violations;
}

export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `  ${v.file}${v.line ? `:${v.line}` : ""}  [${v.rule}] ${v.message}`).join("\n");
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const violations = checkBoundaries(root);
  if (violations.length > 0) {
    console.error(`Import boundaries broken (${violations.length}); see docs/ARCHITECTURE.md:\n${formatViolations(violations)}`);
    process.exit(1);
  }
  console.log(`Import boundaries hold (${listSourceFiles(root).length} files checked).`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
