import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
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
 * One React tree, two builds: the browser bundle in dist/client (hashed assets under /assets/)
 * and the server-rendering module in dist/server, which the server imports at run time.
 * The browser's JavaScript has a budget (docs/PERFORMANCE.md, scripts/bundle-budget.ts), which
 * the manifest (dist/client/.vite/manifest.json) lets a test check.
 */
export default defineConfig(({ isSsrBuild }) => ({
  root: "web",
  plugins: [react(), reactRouterPureComponents()],
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
