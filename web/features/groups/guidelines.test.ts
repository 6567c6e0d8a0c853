import { describe, expect, it } from "vitest";
import { renderGuidelines } from "./guidelines";

describe("group guidelines", () => {
  it("shows raw HTML as text rather than running it", () => {
    const html = renderGuidelines('<img src=x onerror="alert(1)"> and <b>bold</b>');
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("marks links as user content and does not link javascript: URLs", () => {
    const html = renderGuidelines("[meeting notes](https://example.org/notes) and [trap](javascript:alert(1))");
    expect(html).toContain('<a href="https://example.org/notes" rel="nofollow ugc noopener">meeting notes</a>');
    expect(html).not.toContain('href="javascript');
  });

  it("places headings below the page's section heading", () => {
    expect(renderGuidelines("# Safety\n\n## Sharing")).toBe("<h3>Safety</h3>\n<h4>Sharing</h4>\n");
  });
});
