import { describe, expect, it } from "vitest";
import { showsStandfirst } from "../../src/pages/standfirst";

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
