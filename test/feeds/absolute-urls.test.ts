import { describe, expect, it } from "vitest";
import { absolutizeBody } from "../../src/feeds/absolute-urls";

const PAGE = "https://news.example/en/news/some-story";

describe("absolute URLs in bodies", () => {
  it("resolves root-relative links and images against the origin", () => {
    const html = absolutizeBody(
      '<p><a href="/en/category/world">World</a><img src="/media/tech-lab.jpg" alt="x" /></p>',
      PAGE,
    );
    expect(html).toContain('href="https://news.example/en/category/world"');
    expect(html).toContain('src="https://news.example/media/tech-lab.jpg"');
  });

  it("resolves path-relative, fragment and protocol-relative URLs as the story page would", () => {
    const html = absolutizeBody(
      '<p><a href="other">a</a><a href="#notes">b</a><a href="//cdn.example/x.png">c</a></p>',
      PAGE,
    );
    expect(html).toContain('href="https://news.example/en/news/other"');
    expect(html).toContain('href="https://news.example/en/news/some-story#notes"');
    expect(html).toContain('href="https://cdn.example/x.png"');
  });

  it("leaves absolute and mailto links, text and other attributes as they were", () => {
    const body =
      '<blockquote cite="https://example.org/q"><p>Tom &amp; Jerry &lt;3 <a href="mailto:desk@news.example" title="Mail &quot;us&quot;">mail</a></p></blockquote>';
    expect(absolutizeBody(body, PAGE)).toBe(body);
  });

  it("returns a body without URL attributes exactly as stored", () => {
    const body = "<h2>Kyiv &amp; Lviv</h2><p>«Текст» — <em>emoji 🔋</em>, 5 &lt; 7</p>";
    expect(absolutizeBody(body, PAGE)).toBe(body);
  });

  it("does not touch URL-like text outside attributes", () => {
    const html = absolutizeBody('<p>href="/not-a-link" src=/x</p>', PAGE);
    expect(html).not.toContain("https://news.example");
  });
});
