import { describe, expect, it } from "vitest";
import { cdataSafeHtml, xmlChars } from "../../src/feeds/xml-safety";

describe("XML safety", () => {
  it("removes the control characters XML 1.0 forbids and keeps tab, newlines and emoji", () => {
    expect(xmlChars("a\u0000b\u0007c\u000Bd\u001Fe\tf\ng\rh 🇺🇦\uFFFE")).toBe("abcde\tf\ng\rh 🇺🇦");
  });

  it("drops lone surrogates but keeps surrogate pairs", () => {
    expect(xmlChars("x\uD800y😀z\uDC00")).toBe("xy😀z");
  });

  it("writes every ]]> in HTML as ]]&gt;, not only the first", () => {
    expect(cdataSafeHtml("<p>]]> and ]]></p>")).toBe("<p>]]&gt; and ]]&gt;</p>");
  });
});
