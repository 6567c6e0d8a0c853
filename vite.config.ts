import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * React Router publishes only its development build, whose warnings stay in the bundle; its
 * production build is the same code without them (half a kilobyte gzipped). The browser bundle
 * uses it while the package still ships it.
 */
const reactRouterProduction = fileURLToPath(new URL("node_modules/react-router/dist/production/index.mjs", import.meta.url));

/**
 * React Router makes its components with React.forwardRef and React.memo without marking the calls
 * pure, and names them for the developer tools, so the bundle keeps the ones we never use (<Form>
 * and all it needs: about 2 KB gzipped). The calls are pure and the names are for development;
 * saying so lets the bundler drop what nothing uses.
 */
function reactRouterPureComponents(): Plugin {
  return {
    name: "kindred:react-router-pure-components",
    apply: "build",
    transform(code, id) {
      if (!id.includes("/node_modules/react-router/")) return null;
      const pure = code
        .replace(/= (React\d*)\.(forwardRef|memo|createContext)\(/g, "= /* @__PURE__ */ $1.$2(")
        .replace(/^[\w$]+\.displayName = "[^"]*";$/gm, "");
      return { code: pure, map: null };
    },
  };
}

/**
 * web/ imports "react-router" as usual and gets lib/react-router.ts: the library with our own
 * <Link> and <NavLink> (lib/links.tsx), whose framework-mode prefetching the bundle then leaves
 * out (about 2.3 KiB gzipped). Both builds, so the server renders the anchors the browser hydrates.
 * Those two files, and the library's own modules, reach the real package.
 */
const ownRouter = fileURLToPath(new URL("web/lib/react-router.ts", import.meta.url));
const ownLinks = fileURLToPath(new URL("web/lib/links.tsx", import.meta.url));
function reactRouterWithOwnLinks(): Plugin {
  return {
    name: "kindred:react-router-with-own-links",
    enforce: "pre",
    resolveId(source, importer) {
      // The browser build has already aliased the bare name to the production build by now.
      if (source !== "react-router" && source !== reactRouterProduction) return null;
      if (!importer || importer === ownRouter || importer === ownLinks || importer.includes("/node_modules/")) return null;
      return ownRouter;
    },
  };
}

/**
 * i18next builds in its own formatter (Intl number, date, list and relative-time formats inside
 * translations, "{{count, number}}"), which the browser bundle carries whether used or not (about
 * 0.6 KiB gzipped). Kindred formats in code and its translations use plain "{{name}}" (a test in
 * web/lib/i18n.test.ts keeps it so, since the server render still formats), so the browser build
 * leaves it out: values are inserted as they are.
 */
function i18nextWithoutFormatter(): Plugin {
  return {
    name: "kindred:i18next-without-formatter",
    apply: "build",
    transform(code, id) {
      if (!/\/node_modules\/i18next\/dist\/esm\/i18next\.js$/.test(id)) return null;
      const trimmed = code.replace("formatter = Formatter;", "formatter = null;");
      if (trimmed === code) throw new Error("i18next changed: update kindred:i18next-without-formatter in vite.config.ts");
      return { code: trimmed, map: null };
    },
  };
}

/**
 * The browser's files, compressed once at build time beside themselves (name.js.br, name.js.gz),
 * so the server sends a phone about 85 KB instead of 310 KB of JavaScript (the entry, with
 * brotli) without compressing per request (@fastify/static's preCompressed, server/features/web/routes.ts). Brotli at its best
 * and gzip at its best: slow to make, once; quick to send, always.
 */
const COMPRESSIBLE = /\.(js|css|svg|json|txt|webmanifest)$/;
const SMALLEST_COMPRESSED = 1024;
function precompressedAssets(): Plugin {
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  return {
    name: "kindred:precompressed-assets",
    apply: "build",
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      const files = Object.values(bundle).filter(({ fileName }) => COMPRESSIBLE.test(fileName));
      await Promise.all(
        files.map(async (file) => {
          const content = Buffer.from(file.type === "chunk" ? file.code : file.source);
          if (content.length < SMALLEST_COMPRESSED) return;
          const path = join(dir, file.fileName);
          await writeFile(`${path}.br`, await brotli(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length } }));
          await writeFile(`${path}.gz`, await gzipped(content, { level: zlib.Z_BEST_COMPRESSION }));
        }),
      );
    },
  };
}

/**
 * One React tree, two builds: the browser bundle in dist/client (hashed assets under /assets/)
 * and the server-rendering module in dist/server, which the server imports at run time.
 * The browser's JavaScript has a budget (docs/PERFORMANCE.md, scripts/bundle-budget.ts), which
 * the manifest (dist/client/.vite/manifest.json) lets a test check.
 */
export default defineConfig(({ isSsrBuild }) => ({
  root: "web",
  plugins: [reactRouterWithOwnLinks(), react(), reactRouterPureComponents(), i18nextWithoutFormatter(), ...(isSsrBuild ? [] : [precompressedAssets()])],
  resolve: {
    alias: !isSsrBuild && existsSync(reactRouterProduction) ? [{ find: /^react-router$/, replacement: reactRouterProduction }] : [],
  },
  build: {
    outDir: isSsrBuild ? "../dist/server" : "../dist/client",
    emptyOutDir: true,
    manifest: !isSsrBuild,
    // The CSP allows only our own scripts; modern browsers need no modulepreload polyfill.
    modulePreload: { polyfill: false },
    target: "es2020",
    // Terser makes React's unminified production builds about 2.5 KB (gzipped) smaller than esbuild does.
    minify: isSsrBuild ? false : "terser",
    terserOptions: { compress: { passes: 2 }, ecma: 2020, module: true },
  },
}));
