import MarkdownIt from "markdown-it";

/**
 * Group guidelines are written by members, so raw HTML is escaped (html: false) and links are
 * marked as user content that we neither endorse nor let reach back to this page.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

markdown.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet("rel", "nofollow ugc noopener");
  return self.renderToken(tokens, idx, options);
};

/** The guidelines sit under the page's h2, so their headings start at h3 to keep the outline. */
const HEADING_SHIFT = 2;
for (const rule of ["heading_open", "heading_close"] as const) {
  markdown.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
    const token = tokens[idx]!;
    const level = Math.min(6, Number(token.tag.slice(1)) + HEADING_SHIFT);
    token.tag = `h${level}`;
    return self.renderToken(tokens, idx, options);
  };
}

export function renderGuidelines(source: string): string {
  return markdown.render(source);
}
