import { describe, expect, it } from "vitest";
import { jsonLdText } from "../../src/pages/json-ld";

describe("JSON-LD text", () => {
  it("cannot close its script element or open a comment", () => {
    const text = jsonLdText({ headline: "</script><script>alert(1)</script><!-- & -->" });
    expect(text).not.toMatch(/<|>|&/);
  });

  it("is the same data for a JSON parser", () => {
    const data = { headline: "</SCRIPT> & <!-- \u2028 \u2029 «лапки»", n: 1 };
    expect(JSON.parse(jsonLdText(data))).toEqual(data);
  });
});
