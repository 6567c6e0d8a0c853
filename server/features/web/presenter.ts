import type { PageState } from "./service";

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

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The whole document: the built index.html with the page, its title, language and state filled in. */
export function presentDocument(template: string, page: RenderedPage, state: PageState): string {
  return template
    .replace('<html lang="en">', `<html lang="${state.language}">`)
    .replace("<!--app-title-->", () => escapeHtml(page.title ?? state.organizationName ?? "Kindred"))
    .replace("<!--app-html-->", () => page.html)
    .replace(
      "<!--app-state-->",
      () => `<script type="application/json" id="kindred-state">${serializeState({ ...state, translations: page.translations ?? {} })}</script>`,
    );
}
