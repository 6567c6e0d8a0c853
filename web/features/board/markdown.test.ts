import { describe, expect, it } from "vitest";
import { renderPost } from "./markdown";

describe("renderPost", () => {
  it("formats the safe subset: emphasis, lists, quotes, line breaks", () => {
    const html = renderPost("**Day 3.** Still *here*.\nOne step\n\n- call a friend\n- walk\n\n> one day at a time");
    expect(html).toContain("<strong>Day 3.</strong> Still <em>here</em>.<br>");
    expect(html).toContain("<li>call a friend</li>");
    expect(html).toContain("<blockquote>");
  });

  it("never lets members' HTML be HTML", () => {
    const html = renderPost(`<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>`);
    expect(html).not.toMatch(/<script|<img|<a /);
    expect(html).toContain("&lt;script&gt;");
  });

  it("marks links as user content and refuses scripts, data and relative links", () => {
    expect(renderPost("[meet](https://example.org/a)")).toContain('<a href="https://example.org/a" rel="nofollow ugc noopener noreferrer">meet</a>');
    expect(renderPost("see www.example.org")).toContain('rel="nofollow ugc noopener noreferrer"');
    for (const bad of ["[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](vbscript:msgbox)", "[x](/admin)"]) {
      expect(renderPost(bad), bad).not.toContain("<a ");
    }
  });

  it("shows no images and no headings", () => {
    expect(renderPost("![me](https://tracker.example/p.gif)")).not.toContain("<img");
    expect(renderPost("# Shouting")).not.toContain("<h1");
  });
});
