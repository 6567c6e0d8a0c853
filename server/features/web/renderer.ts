/**
 * The built web app (npm run build): dist/client holds the browser assets and index.html,
 * dist/server the rendering module. Loaded at run time by path, so server and web never import
 * each other's source, and API-only use (and tests) need no build.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { PageState } from "./service";

export interface RenderResult {
  html: string;
  /** The words of the page's language, which the browser reads from the state script. */
  translations?: Record<string, unknown>;
  title?: string;
  status?: number;
  redirect?: string;
}

/** What web/entry-server.tsx exports. */
interface RenderModule {
  /** The data the page at `url` needs (its route's `data`), with the route's parameters. */
  pageDataFor(url: string): { name: string; params: Record<string, string | undefined> } | null;
  render(url: string, state: PageState): Promise<RenderResult>;
}

export interface WebBuild extends RenderModule {
  template: string;
}

export const DEFAULT_DIST_DIR = fileURLToPath(new URL("../../../dist", import.meta.url));

export class PageRenderer {
  private build: Promise<WebBuild> | null = null;

  constructor(readonly distDir: string = DEFAULT_DIST_DIR) {}

  get clientDir(): string {
    return join(this.distDir, "client");
  }

  private get files() {
    return { template: join(this.clientDir, "index.html"), module: join(this.distDir, "server", "entry-server.js") };
  }

  isBuilt(): boolean {
    return existsSync(this.files.template) && existsSync(this.files.module);
  }

  /** The build, loaded once; null while there is none (checked again next time). */
  async load(): Promise<WebBuild | null> {
    if (!this.build) {
      if (!this.isBuilt()) return null;
      const { template, module } = this.files;
      this.build = import(/* @vite-ignore */ pathToFileURL(module).href).then((loaded: RenderModule) => ({
        template: readFileSync(template, "utf8"),
        pageDataFor: loaded.pageDataFor,
        render: loaded.render,
      }));
      this.build.catch(() => {
        this.build = null;
      });
    }
    return this.build;
  }
}
