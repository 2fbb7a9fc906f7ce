import { describe, expect, it } from "vitest";
import { sanitizeBody } from "../../src/domain/html";

describe("sanitizeBody", () => {
  it("keeps the allowed structure", () => {
    const html =
      '<h2>Head</h2><p>A <a href="https://example.com/x" title="t">link</a>, <em>e</em> <strong>s</strong></p><blockquote><p>q</p></blockquote><ul><li>i</li></ul>';
    expect(sanitizeBody(html)).toBe(html);
  });

  it.each([
    ["<script>alert(1)</script><p>ok</p>", "<p>ok</p>"],
    ['<p onclick="alert(1)">ok</p>', "<p>ok</p>"],
    ['<p style="color:red">ok</p>', "<p>ok</p>"],
    ['<a href="javascript:alert(1)">x</a>', "<a>x</a>"],
    ['<a href="JaVaScRiPt&#58;alert(1)">x</a>', "<a>x</a>"],
    ['<a href=" &#106;avascript:alert(1)">x</a>', "<a>x</a>"],
    ['<img src="data:image/png;base64,AAAA">', "<img>"],
    ['<img src="x" onerror="alert(1)">', '<img src="x">'],
    ['<iframe src="https://evil.example"></iframe><p>ok</p>', "<p>ok</p>"],
    ["<style>p{}</style><p>ok</p>", "<p>ok</p>"],
    ["<svg><script>alert(1)</script></svg>", ""],
  ])("strips %s", (input, expected) => {
    expect(sanitizeBody(input)).toBe(expected);
  });

  it("keeps relative links for feeds to absolutize later", () => {
    expect(sanitizeBody('<a href="/ua/category/world">w</a>')).toBe(
      '<a href="/ua/category/world">w</a>',
    );
  });
});

describe("sanitizeBody gives a balanced fragment", () => {
  it.each([
    [
      '<p>Intro <a href="https://evil.example/phish">click',
      '<p>Intro <a href="https://evil.example/phish">click</a></p>',
    ],
    ["<table><tr><td>cell", "<table><tbody><tr><td>cell</td></tr></tbody></table>"],
    ["<p><b><i>misnested</b></i> text</p>", "<p><b><i>misnested</i></b> text</p>"],
    ["<ul><li>one<li>two</ul>", "<ul><li>one</li><li>two</li></ul>"],
    ["<p>one<div><p>two</p></div>three", "<p>one</p><p>two</p>three"],
    ["</p></a></table>text", "<p></p>text"],
    ["<a href=/x>a<a href=/y>b</a>", '<a href="/x">a</a><a href="/y">b</a>'],
  ])("repairs %j", (input, expected) => {
    const stored = sanitizeBody(input);
    expect(stored).toBe(expected);
    expect(sanitizeBody(stored)).toBe(stored);
  });

  it("drops SVG and MathML whole, and comments", () => {
    expect(
      sanitizeBody('<p>a<!-- x --><svg><a href="/x">b</a></svg><math><mi>c</mi></math></p>'),
    ).toBe("<p>a</p>");
  });

  it("keeps text of unwrapped elements escaped", () => {
    expect(sanitizeBody("<div>a &lt;b&gt; &amp; <span>c</span></div>")).toBe("a &lt;b&gt; &amp; c");
  });
});
