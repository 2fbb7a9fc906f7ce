import { describe, expect, it } from "vitest";
import { SLUG_PATTERN, slugify } from "../../src/domain/slug";

describe("slugify", () => {
  it("romanizes Ukrainian by the national system", () => {
    expect(slugify("Київ, Зеленський і Щастя", "uk")).toBe("kyiv-zelenskyi-i-shchastia");
    expect(slugify("М’ясо та «ялинки»", "uk")).toBe("miaso-ta-ialynky");
  });

  it("romanizes Russian and keeps English words", () => {
    expect(slugify("Белый дом: Россия и Китай", "ru")).toMatch(
      /^belyi-dom-rossiya-i-kitai$|^belii-dom-rossiya-i-kitai$/,
    );
    expect(slugify('United States insists on "further actions"', "en")).toBe(
      "united-states-insists-on-further-actions",
    );
  });

  it("bounds the length at a word boundary and always yields a valid slug", () => {
    const slug = slugify("Дуже довгий заголовок ".repeat(10), "uk");
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(SLUG_PATTERN);
  });
});
