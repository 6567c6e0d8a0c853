import type { LoadedPageData } from "../../../core/page-data";
import { problem } from "../../http/problem";
import type { PageDataResult, PageState } from "./service";

export interface RenderedPage {
  html: string;
  title?: string;
  translations?: Record<string, unknown>;
}

/**
 * JSON that is safe inside <script type="application/json">: no "<" (so no "</script>" or
 * "<!--"), no ">" or "&", and no line separators some parsers stumble on.
 */
export function serializeState(state: PageState & { translations?: unknown }): string {
  return JSON.stringify(state)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A page's data as the page's state carries it: the data, or the problem the API would answer. */
export function presentPageData(result: PageDataResult): LoadedPageData {
  if (!("error" in result)) return result;
  return { name: result.name, problem: problem(result.error.code, result.error.detail, result.error.extra) } as LoadedPageData;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * React renders first the <link> and <meta> elements a page asks for (the directory's feed link),
 * as it has no <head> of its own to put them in; they belong in the head, where React also looks
 * for them when the page comes alive.
 */
function hoistHead(html: string): { head: string; body: string } {
  const head = /^(?:<(?:link|meta)\b[^>]*>)*/.exec(html)![0];
  return { head, body: html.slice(head.length) };
}

/** The whole document: the built index.html with the page, its title, language and state filled in. */
export function presentDocument(template: string, page: RenderedPage, state: PageState): string {
  const { head, body } = hoistHead(page.html);
  return template
    .replace("</head>", () => `${head}</head>`)
    .replace('<html lang="en">', `<html lang="${state.language}">`)
    .replace("<!--app-title-->", () => escapeHtml(page.title ?? state.organizationName ?? "Kindred"))
    .replace("<!--app-html-->", () => body)
    .replace(
      "<!--app-state-->",
      () => `<script type="application/json" id="kindred-state">${serializeState({ ...state, translations: page.translations ?? {} })}</script>`,
    );
}
