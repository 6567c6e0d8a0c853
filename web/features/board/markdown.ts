import MarkdownIt from "markdown-it";

/**
 * Board posts are Markdown source (the API never sends HTML: core/board.ts), rendered here with
 * markdown-it in a safe subset:
 * - raw HTML is never HTML (html: false escapes it, so "<script>" shows as text);
 * - links only to http(s) and mailto (markdown-it's validateLink already refuses javascript:,
 *   vbscript:, file: and data:), marked rel="nofollow ugc noopener noreferrer": members' links are
 *   theirs, not endorsed, and cannot reach back to this page;
 * - no images (they would load from anywhere and tell other sites who reads), no headings (a post
 *   sits inside the page's outline), no tables or horizontal rules;
 * - a single line break stays a line break, as people expect when they write.
 * What remains: paragraphs, *emphasis*, **strong**, ~~strikethrough~~, lists, > quotes, `code`,
 * links and bare web addresses.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
markdown.disable(["image", "heading", "lheading", "table", "hr"]);

const SAFE_LINK = /^(https?:|mailto:)/i;
const defaultValidate = markdown.validateLink.bind(markdown);
markdown.validateLink = (url) => defaultValidate(url) && SAFE_LINK.test(url.trim());

markdown.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet("rel", "nofollow ugc noopener noreferrer");
  return self.renderToken(tokens, idx, options);
};

/** A post's body as HTML that is safe to insert: every character the member typed is escaped. */
export function renderPost(source: string): string {
  return markdown.render(source);
}
