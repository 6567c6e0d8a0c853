import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * One React tree, two builds: the browser bundle in dist/client (hashed assets under /assets/)
 * and the server-rendering module in dist/server, which the server imports at run time.
 */
export default defineConfig(({ isSsrBuild }) => ({
  root: "web",
  plugins: [react()],
  build: {
    outDir: isSsrBuild ? "../dist/server" : "../dist/client",
    emptyOutDir: true,
    // The CSP allows only our own scripts; modern browsers need no modulepreload polyfill.
    modulePreload: { polyfill: false },
    target: "es2020",
  },
}));
