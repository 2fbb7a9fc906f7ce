import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { showsStandfirst, standfirstWords } from "../../src/pages/standfirst";

describe("showsStandfirst", () => {
  it("hides a summary the body opens with, whatever the tags, quotes and spacing", () => {
    const body = "<p>Kyiv’s  <em>new</em> bridge &amp; tunnel open.</p><p>More.</p>";
    expect(showsStandfirst("Kyiv's new bridge & tunnel open.", body)).toBe(false);
    expect(showsStandfirst("KYIV’S NEW BRIDGE", body)).toBe(false);
  });

  it("shows a summary that says something else, or stops mid-word", () => {
    const body = "<p>Kyiv’s new bridge opens today.</p>";
    expect(showsStandfirst("The bridge took four years to build.", body)).toBe(true);
    expect(showsStandfirst("Kyiv’s new bri", body)).toBe(true);
  });

  it("shows nothing for an empty summary", () => {
    expect(showsStandfirst("", "<p>Body</p>")).toBe(false);
    expect(showsStandfirst(null, "<p>Body</p>")).toBe(false);
  });
});

describe("showsStandfirst on long bodies", () => {
  /** Body HTML from what sanitized stories hold, long attributes and entities included. */
  const piece = fc.constantFrom(
    "Kyiv’s new bridge ",
    "Міст «Поділ» відкрили. ",
    "ΣΟΦΟΣ ",
    "е\u0301 ",
    "&amp; ",
    "&#39;s ",
    "&nbsp;",
    "<p>",
    "</p>",
    "<em>",
    "</em>",
    `<a href="https://news.example/${"x".repeat(300)}" title="a &lt; b">`,
    "</a>",
    "<br>",
    "word",
    " ",
  );
  const body = fc.array(piece, { maxLength: 400 }).map((parts) => parts.join(""));

  it("decides as the words of the whole body would, from however much of it it reads", () => {
    fc.assert(
      fc.property(body, fc.nat(), fc.boolean(), (html, at, echo) => {
        const words = standfirstWords(html);
        // Half the summaries echo the body's opening, cut at a random place.
        const summary = echo ? words.slice(0, 1 + (at % Math.max(1, words.length))) : "Інше";
        const standfirst = standfirstWords(summary);
        const opens = words === standfirst || words.startsWith(`${standfirst} `);
        expect(showsStandfirst(summary, html)).toBe(standfirst !== "" && !opens);
      }),
      { numRuns: 1000 },
    );
  });
});
